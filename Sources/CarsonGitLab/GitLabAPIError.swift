/// A GitLab API call that failed: which call, how (an HTTP status, unreachable, timed out) and
/// GitLab's own `message`. Never holds the token.
public struct GitLabAPIError: Error, CustomStringConvertible, Equatable {
  public enum Kind: Equatable, Sendable {
    case status(Int)
    case unreachable
    case timedOut
    case invalidURL
    /// Nothing was sent: Carson's HTTP client (libcurl, loaded at the first call) is not
    /// installed, or the request could not be made (a line break in the token).
    case notSent
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
    case .invalidURL, .notSent: return false
    }
  }

  public var description: String {
    let how: String
    switch kind {
    case .status(let code): how = "HTTP \(code)"
    case .unreachable: how = "GitLab is unreachable"
    case .timedOut: how = "timed out"
    case .invalidURL: how = "invalid URL"
    case .notSent: how = "not sent"
    }
    return message.isEmpty ? "\(endpoint): \(how)" : "\(endpoint): \(how): \(message)"
  }
}
