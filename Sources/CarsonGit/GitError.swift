import CLibGit2
import Foundation

/// A failed git operation: what Carson was doing, and libgit2's message with every secret and
/// every URL's user information removed (libgit2 echoes URLs, and a URL may carry a token).
public struct GitError: Error, CustomStringConvertible, Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    /// The server refused the credentials (or asked for some and none were given).
    case authentication
    /// The host could not be reached within the timeout, or refused the connection.
    case unreachable
    /// The branch, tag, commit or merge request does not exist on the remote.
    case referenceNotFound
    /// The SSH host key is unknown or does not match `known_hosts`.
    case hostKey
    /// The operation was cancelled (the build was aborted).
    case cancelled
    /// libgit2 is not installed (or not the version Carson was built for): no git operation can run.
    case libraryUnavailable
    case other
  }

  public var kind: Kind
  /// What Carson was doing: "clone https://gitlab.example.com/group/project.git".
  public var operation: String
  public var message: String

  public init(_ kind: Kind, operation: String, message: String) {
    self.kind = kind
    self.operation = operation
    self.message = message
  }

  public var description: String { "\(operation): \(message)" }
}

/// Removes what must never be printed from a message: the given secrets, and user information
/// (`user:password@`) in URLs.
func scrub(_ text: String, secrets: [String]) -> String {
  var result = text
  for secret in secrets where secret.count >= 3 { result = result.replacingOccurrences(of: secret, with: "****") }
  return redactingURLUserInfo(result)
}

/// `https://user:token@host/x` → `https://host/x` wherever a URL appears in `text`.
public func redactingURLUserInfo(_ text: String) -> String {
  var result = ""
  var rest = Substring(text)
  while let scheme = rest.range(of: "://") {
    result += rest[..<scheme.upperBound]
    rest = rest[scheme.upperBound...]
    let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == " " || $0 == "'" || $0 == "\"" || $0 == "\n" }) ?? rest.endIndex
    if let at = rest[..<authorityEnd].lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
  }
  return result + rest
}

/// libgit2's last error, as a `GitError` of the operation; `code` classifies it.
func lastError(_ code: Int32, operation: String, secrets: [String]) -> GitError {
  var message = code == GIT_EAUTH.rawValue ? "authentication failed" : "libgit2 error \(code)"
  var errorClass: Int32 = 0
  if let error = carson_git_error_last(), let text = error.pointee.message {
    message = String(cString: text)
    errorClass = error.pointee.klass
  }
  let kind: GitError.Kind
  switch code {
  case GIT_EAUTH.rawValue: kind = .authentication
  case GIT_ENOTFOUND.rawValue: kind = .referenceNotFound
  case GIT_ECERTIFICATE.rawValue: kind = .hostKey
  case GIT_EUSER.rawValue: kind = .cancelled
  default:
    let lower = message.lowercased()
    if lower.contains("401") || lower.contains("authentication") || lower.contains("unauthorized") {
      kind = .authentication
    } else if errorClass == GIT_ERROR_NET.rawValue || errorClass == GIT_ERROR_OS.rawValue && lower.contains("connect") {
      kind = .unreachable
    } else {
      kind = .other
    }
  }
  return GitError(kind, operation: scrub(operation, secrets: secrets), message: scrub(message, secrets: secrets))
}
