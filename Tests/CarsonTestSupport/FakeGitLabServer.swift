import CarsonHTTP
import Foundation

/// A local stand-in for GitLab's REST API v4, limited to the endpoints Carson calls (commit
/// statuses, merge-request notes, the project), answering as GitLab's documentation says, and
/// recording every call. Failure modes let tests exercise a client's retries and timeouts.
public final class FakeGitLabServer: Sendable {
  /// One request received. The token is never recorded, only whether it matched.
  public struct Call: Sendable, Equatable {
    public var method: String
    /// The path as sent (still percent-encoded), without the query.
    public var path: String
    /// Query, form and JSON body parameters merged (JSON numbers and booleans as text).
    public var params: [String: String]
    public var authenticated: Bool

    public init(method: String, path: String, params: [String: String], authenticated: Bool) {
      self.method = method
      self.path = path
      self.params = params
      self.authenticated = authenticated
    }
  }

  public struct Project: Sendable, Equatable {
    public var id: Int
    public var pathWithNamespace: String
    public var defaultBranch: String
    /// nil: `BASEURL/path/with/namespace.git` on this server.
    public var httpURLToRepo: String?

    public init(id: Int, pathWithNamespace: String, defaultBranch: String = "main", httpURLToRepo: String? = nil) {
      self.id = id
      self.pathWithNamespace = pathWithNamespace
      self.defaultBranch = defaultBranch
      self.httpURLToRepo = httpURLToRepo
    }
  }

  /// A commit status the server accepted.
  public struct CommitStatus: Sendable, Equatable {
    public var id: Int
    public var projectID: Int
    public var sha: String
    public var state: String
    public var ref: String?
    public var name: String
    public var targetURL: String?
    public var description: String?

    public init(
      id: Int, projectID: Int, sha: String, state: String, ref: String?, name: String, targetURL: String?,
      description: String?
    ) {
      self.id = id
      self.projectID = projectID
      self.sha = sha
      self.state = state
      self.ref = ref
      self.name = name
      self.targetURL = targetURL
      self.description = description
    }
  }

  /// A merge-request note the server accepted.
  public struct Note: Sendable, Equatable {
    public var id: Int
    public var projectID: Int
    public var mergeRequestIID: Int
    public var body: String

    public init(id: Int, projectID: Int, mergeRequestIID: Int, body: String) {
      self.id = id
      self.projectID = projectID
      self.mergeRequestIID = mergeRequestIID
      self.body = body
    }
  }

  struct State {
    var calls: [Call] = []
    var statuses: [CommitStatus] = []
    var notes: [Note] = []
    var failures: (count: Int, status: Int) = (0, 500)
    var delay: Double = 0
    var down = false
    var nextID = 1
  }

  let token: String
  let projects: [Project]
  let state = Locked(State())
  private let box = Locked<HTTPServer?>(nil)

  /// Starts serving at once on a free loopback port.
  public init(token: String, projects: [Project] = [Project(id: 42, pathWithNamespace: "group/project")]) throws {
    self.token = token
    self.projects = projects
    let server = try HTTPServer { [weak self] request in self?.handle(request) ?? .dropConnection }
    box.withLock { $0 = server }
  }

  deinit { stop() }

  private var server: HTTPServer { box.current! }
  public var port: UInt16 { server.port }
  /// `http://127.0.0.1:PORT`, GitLab's "instance URL".
  public var baseURL: String { server.baseURL }
  /// `http://127.0.0.1:PORT/api/v4`.
  public var apiURL: String { baseURL + "/api/v4" }

  public var calls: [Call] { state.current.calls }
  public var statuses: [CommitStatus] { state.current.statuses }
  public var notes: [Note] { state.current.notes }

  /// The next `count` requests (recorded, whatever their authentication) are answered with
  /// `status` and GitLab's error body for it.
  public func failNext(count: Int, status: Int = 500) { state.withLock { $0.failures = (count, status) } }

  /// Every following request waits `seconds` before it is answered; 0 ends the delay.
  public func delay(seconds: Double) { state.withLock { $0.delay = seconds } }

  /// While down, every connection is closed without an answer and nothing is recorded, as a
  /// crashed server behind a proxy looks to a client.
  public var down: Bool {
    get { state.current.down }
    set { state.withLock { $0.down = newValue } }
  }

  public func stop() { box.current?.stop() }

  func handle(_ request: HTTPRequest) -> HTTPResponse {
    if state.current.down { return .dropConnection }
    let authenticated = isAuthenticated(request)
    let params: [String: String]
    do {
      params = try Self.parameters(request)
    } catch {
      record(request, [:], authenticated)
      return Self.error(400, ["error": "The request body is not valid JSON"])
    }
    record(request, params, authenticated)
    let (delay, failure) = state.withLock { state -> (Double, Int?) in
      guard state.failures.count > 0 else { return (state.delay, nil) }
      state.failures.count -= 1
      return (state.delay, state.failures.status)
    }
    if delay > 0 { Thread.sleep(forTimeInterval: delay) }
    if let failure { return Self.error(failure, ["message": "\(failure) \(Self.reason(failure))"]) }
    guard authenticated else { return Self.error(401, ["message": "401 Unauthorized"]) }
    return route(request, params)
  }

  /// GitLab takes a personal, project or group access token in `PRIVATE-TOKEN`, or an OAuth
  /// or access token as `Authorization: Bearer`.
  private func isAuthenticated(_ request: HTTPRequest) -> Bool {
    if let header = request.header("PRIVATE-TOKEN") { return header == token }
    if let authorization = request.header("Authorization"), authorization.hasPrefix("Bearer ") {
      return String(authorization.dropFirst(7)) == token
    }
    return false
  }

  private func record(_ request: HTTPRequest, _ params: [String: String], _ authenticated: Bool) {
    let call = Call(method: request.method, path: request.path, params: params, authenticated: authenticated)
    state.withLock { $0.calls.append(call) }
  }

  static func reason(_ status: Int) -> String {
    switch status {
    case 400: return "Bad Request"
    case 403: return "Forbidden"
    case 404: return "Not Found"
    case 429: return "Too Many Requests"
    case 500: return "Internal Server Error"
    case 502: return "Bad Gateway"
    case 503: return "Service Unavailable"
    default: return "Error"
    }
  }
}
