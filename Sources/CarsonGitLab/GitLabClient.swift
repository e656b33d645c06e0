import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A commit status state as GitLab's API names it (and as the plugin's `BuildState` does).
public enum CommitState: String, Sendable, CaseIterable {
  case pending, running, success, failed, canceled, skipped

  /// Whether GitLab treats it as final (the run has nothing more to say under that name).
  public var isFinal: Bool { self != .pending && self != .running }
}

/// GitLab's REST API v4, the calls Carson makes: commit statuses and merge-request notes.
/// Synchronous (the engine runs steps on threads); each request has its own timeout. The token
/// goes in the `PRIVATE-TOKEN` header and nowhere else: errors never contain it. Immutable after
/// init, so it may be shared between threads.
public final class GitLabClient: @unchecked Sendable {
  public let baseURL: String
  public let project: String
  private let token: String
  public let requestTimeout: TimeInterval
  private let session: URLSession

  public init(baseURL: String, project: String, token: String, requestTimeout: TimeInterval = 10) {
    self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    self.project = project
    self.token = token
    self.requestTimeout = requestTimeout
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = requestTimeout
    configuration.timeoutIntervalForResource = requestTimeout
    configuration.urlCache = nil
    self.session = URLSession(configuration: configuration)
  }

  deinit { session.invalidateAndCancel() }

  /// `POST /projects/:id/statuses/:sha`.
  public func postCommitStatus(
    sha: String, state: CommitState, ref: String?, name: String, targetURL: String?, description: String?
  ) throws(GitLabAPIError) {
    var fields = [("state", state.rawValue), ("name", name)]
    if let ref { fields.append(("ref", ref)) }
    if let targetURL { fields.append(("target_url", targetURL)) }
    if let description { fields.append(("description", description)) }
    _ = try send("POST", "/projects/\(Self.pathComponent(project))/statuses/\(Self.pathComponent(sha))", fields)
  }

  /// `POST /projects/:id/merge_requests/:iid/notes`.
  public func addMergeRequestNote(iid: Int, body: String) throws(GitLabAPIError) {
    _ = try send("POST", "/projects/\(Self.pathComponent(project))/merge_requests/\(iid)/notes", [("body", body)])
  }

  /// A project id as GitLab wants it in a path: a number as it is, `group/project` URL-encoded
  /// (`group%2Fproject`).
  public static func pathComponent(_ value: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
  }

  static func formEncoded(_ fields: [(String, String)]) -> String {
    fields.map { "\(pathComponent($0.0))=\(pathComponent($0.1))" }.joined(separator: "&")
  }

  /// One request: the body form-encoded (GitLab accepts form or JSON bodies), the answer's
  /// status checked and GitLab's `message` kept for the error.
  func send(_ method: String, _ path: String, _ fields: [(String, String)]) throws(GitLabAPIError) -> [UInt8] {
    let endpoint = "\(method) /api/v4\(path)"
    guard let url = URL(string: baseURL + "/api/v4" + path) else {
      throw GitLabAPIError(endpoint: endpoint, kind: .invalidURL, message: "not a URL: \(baseURL)")
    }
    var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: requestTimeout)
    request.httpMethod = method
    request.setValue(token, forHTTPHeaderField: "PRIVATE-TOKEN")
    request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
    request.setValue("application/json", forHTTPHeaderField: "Accept")
    request.httpBody = Data(Self.formEncoded(fields).utf8)

    let box = ResponseBox()
    let done = DispatchSemaphore(value: 0)
    let task = session.dataTask(with: request) { data, response, error in
      box.set(data: data, response: response as? HTTPURLResponse, error: error)
      done.signal()
    }
    task.resume()
    // URLSession's own timeout should fire first; this bounds a stuck transfer all the same.
    if done.wait(timeout: .now() + requestTimeout + 1) == .timedOut {
      task.cancel()
      throw GitLabAPIError(endpoint: endpoint, kind: .timedOut, message: "no answer within \(Int(requestTimeout)) s")
    }
    let (data, response, error) = box.get()
    if let error {
      let nsError = error as NSError
      let kind: GitLabAPIError.Kind = nsError.code == NSURLErrorTimedOut ? .timedOut : .unreachable
      throw GitLabAPIError(endpoint: endpoint, kind: kind, message: scrub(nsError.localizedDescription))
    }
    guard let response else { throw GitLabAPIError(endpoint: endpoint, kind: .unreachable, message: "no HTTP response") }
    let body = [UInt8](data ?? Data())
    guard (200..<300).contains(response.statusCode) else {
      throw GitLabAPIError(endpoint: endpoint, kind: .status(response.statusCode), message: scrub(Self.message(in: body)))
    }
    return body
  }

  /// GitLab's errors are `{"message": …}` (a string or an object of field → reasons) or
  /// `{"error": "…"}`.
  static func message(in body: [UInt8]) -> String {
    guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
      let text = String(decoding: body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      return text
    }
    if let message = object["message"] as? String { return message }
    if let fields = object["message"] as? [String: Any] {
      return fields.keys.sorted().map { key in
        let reasons = (fields[key] as? [Any])?.map { "\($0)" }.joined(separator: ", ") ?? "\(fields[key] ?? "")"
        return "\(key) \(reasons)"
      }.joined(separator: "; ")
    }
    if let error = object["error"] as? String { return error }
    return ""
  }

  /// Whatever a server or the network layer says, the token never reaches a message.
  func scrub(_ text: String) -> String {
    token.isEmpty ? text : text.replacingOccurrences(of: token, with: "****")
  }
}

/// What the completion handler hands over to the waiting thread.
private final class ResponseBox: @unchecked Sendable {
  private let lock = NSLock()
  private var data: Data?
  private var response: HTTPURLResponse?
  private var error: Error?

  func set(data: Data?, response: HTTPURLResponse?, error: Error?) {
    lock.lock()
    defer { lock.unlock() }
    (self.data, self.response, self.error) = (data, response, error)
  }

  func get() -> (Data?, HTTPURLResponse?, Error?) {
    lock.lock()
    defer { lock.unlock() }
    return (data, response, error)
  }
}

/// A GitLab API call that failed: which call, how (an HTTP status, unreachable, timed out) and
/// GitLab's own `message`. Never holds the token.
public struct GitLabAPIError: Error, CustomStringConvertible, Equatable {
  public enum Kind: Equatable, Sendable {
    case status(Int)
    case unreachable
    case timedOut
    case invalidURL
  }

  public var endpoint: String
  public var kind: Kind
  public var message: String

  public var statusCode: Int? {
    if case .status(let code) = kind { return code }
    return nil
  }

  /// Worth another attempt: the server or the network failed, not the request itself.
  public var isTransient: Bool {
    switch kind {
    case .status(let code): return code >= 500 || code == 429 || code == 408
    case .unreachable, .timedOut: return true
    case .invalidURL: return false
    }
  }

  public var description: String {
    let how: String
    switch kind {
    case .status(let code): how = "HTTP \(code)"
    case .unreachable: how = "GitLab is unreachable"
    case .timedOut: how = "timed out"
    case .invalidURL: how = "invalid URL"
    }
    return message.isEmpty ? "\(endpoint): \(how)" : "\(endpoint): \(how): \(message)"
  }
}
