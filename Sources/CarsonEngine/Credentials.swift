import CarsonSyntax
import Foundation

/// Credentials by id, from `--credentials FILE` (docs/credentials.md):
/// `{"id": {"kind": "secret-text", "secret": "…"}, …}`.
public struct CredentialStore: Sendable {
  public enum Credential: Sendable {
    case secretText(String)
    case usernamePassword(username: String, password: String, usernameSecret: Bool = false)
    case secretFile(path: String)
    case sshKey(username: String, privateKey: String, passphrase: String?)
    /// A kind Carson stores but has no binding for (Jenkins' certificate credentials).
    case certificate
  }

  public var credentials: [String: Credential] = [:]

  public init(_ credentials: [String: Credential] = [:]) {
    self.credentials = credentials
  }

  public static func load(_ json: JSONValue) throws -> CredentialStore {
    guard let entries = json.objectValue else { throw RunSetupError("a credentials file must hold a JSON object of id → credential") }
    var store = CredentialStore()
    for (id, entry) in entries {
      func field(_ name: String) throws -> String {
        guard let value = entry[name]?.stringValue else {
          throw RunSetupError("credential \"\(id)\" has no \"\(name)\" string")
        }
        return value
      }
      switch entry["kind"]?.stringValue {
      case "secret-text": store.credentials[id] = .secretText(try field("secret"))
      case "username-password":
        store.credentials[id] = .usernamePassword(
          username: try field("username"), password: try field("password"), usernameSecret: entry["usernameSecret"]?.boolValue ?? false)
      case "certificate": store.credentials[id] = .certificate
      case "secret-file": store.credentials[id] = .secretFile(path: try field("file"))
      case "ssh-key":
        store.credentials[id] = .sshKey(username: try field("username"), privateKey: try field("privateKey"), passphrase: entry["passphrase"]?.stringValue)
      case let other:
        throw RunSetupError(
          "credential \"\(id)\" has kind \(other.map { "\"\($0)\"" } ?? "(none)"); expected secret-text, username-password, secret-file, ssh-key or certificate")
      }
    }
    return store
  }

  /// Every secret value, for masking.
  public var secrets: [String] {
    credentials.values.flatMap { credential -> [String] in
      switch credential {
      case .secretText(let s): return [s]
      case .usernamePassword(let u, let p, let usernameSecret): return usernameSecret ? [u, p] : [p]
      case .secretFile, .certificate: return []
      case .sshKey(_, let key, let passphrase): return [key] + (passphrase.map { [$0] } ?? [])
      }
    }
  }
}
