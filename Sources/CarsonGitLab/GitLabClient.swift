import Foundation

/// A commit status state as GitLab's API names it (and as the plugin's `BuildState` does).
public enum CommitState: String, Sendable, CaseIterable {
  case pending, running, success, failed, canceled, skipped

  /// Whether GitLab treats it as final (the run has nothing more to say under that name).
  public var isFinal: Bool { self != .pending && self != .running }
}

/// GitLab's REST API v4, the calls Carson makes: commit statuses and merge-request notes.
/// Synchronous (the engine runs steps on threads); each request has its own timeout. Requests go
/// through libcurl, loaded at the first one (`CurlRequest`); when it is missing every call fails
/// with `.notSent`. The token goes in the `PRIVATE-TOKEN` header and nowhere else: errors never
/// contain it. Immutable, so it may be shared between threads.
public final class GitLabClient: @unchecked Sendable {
  public let baseURL: String
  public let project: String
  private let token: String
  /// The most one request may take, connecting included.
  public let requestTimeout: TimeInterval

  public init(baseURL: String, project: String, token: String, requestTimeout: TimeInterval = 10) {
    self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    self.project = project
    self.token = token
    self.requestTimeout = requestTimeout
  }

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
    let url = baseURL + "/api/v4" + path
    guard URL(string: url) != nil else {
      throw GitLabAPIError(endpoint: endpoint, kind: .invalidURL, message: "not a URL: \(baseURL)")
    }
    let request = CurlRequest(
      method: method, url: url,
      headerLines: [
        "PRIVATE-TOKEN: \(token)", "Content-Type: application/x-www-form-urlencoded", "Accept: application/json",
      ],
      body: Array(Self.formEncoded(fields).utf8), timeout: requestTimeout, connectTimeout: requestTimeout)
    switch request.send() {
    case .success(let answer):
      guard (200..<300).contains(answer.status) else {
        throw GitLabAPIError(endpoint: endpoint, kind: .status(answer.status), message: scrub(Self.message(in: answer.body)))
      }
      return answer.body
    case .failure(let failure):
      throw GitLabAPIError(endpoint: endpoint, kind: Self.kind(of: failure.kind), message: scrub(failure.message))
    }
  }

  static func kind(of failure: CurlRequest.Failure.Kind) -> GitLabAPIError.Kind {
    switch failure {
    case .unavailable, .invalidRequest: return .notSent
    case .invalidURL: return .invalidURL
    case .timedOut: return .timedOut
    case .failed: return .unreachable
    }
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

