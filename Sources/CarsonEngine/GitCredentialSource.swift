import CarsonGit
import Foundation

/// Turns a `credentialsId` (or the `GITLAB_TOKEN` environment variable) into what libgit2
/// needs. SSH keys live in the credentials file as text; libssh2 reads keys from files, so a
/// key is written to a private file for the duration of one checkout and removed after.
final class GitCredentialSource {
  let store: CredentialStore
  let environment: [String: String]
  let scratch: String
  private var files: [String] = []

  init(options: RunOptions, scratch: String) throws {
    self.store = options.credentials
    self.environment = options.processEnvironment
    self.scratch = scratch
  }

  func resolve(url: String, credentialsID: String?, fallback: GitCredentials = .none) throws -> GitCredentials {
    if let credentialsID {
      guard let credential = store.credentials[credentialsID] else {
        throw RunSetupError("credentials '\(credentialsID)' are not in the credentials file (--credentials)")
      }
      switch credential {
      case .usernamePassword(let username, let password, _): return .userPassword(username: username, password: password)
      case .secretText(let token): return .userPassword(username: "oauth2", password: token)
      case .sshKey(let username, let privateKey, let passphrase):
        return .sshKey(username: username, privateKeyPath: try writeKey(privateKey), passphrase: passphrase)
      case .secretFile, .certificate:
        throw RunSetupError("credentials '\(credentialsID)' cannot authenticate to git (use username-password, secret-text or ssh-key)")
      }
    }
    if fallback != .none { return fallback }
    if url.hasPrefix("http"), let token = environment["GITLAB_TOKEN"], !token.isEmpty {
      return .userPassword(username: "oauth2", password: token)
    }
    return .none
  }

  private func writeKey(_ key: String) throws -> String {
    let path = scratch + "/carson-git-key-\(UUID().uuidString)"
    guard FileManager.default.createFile(atPath: path, contents: Data((key.hasSuffix("\n") ? key : key + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
      throw RunSetupError("cannot write the SSH key for git to \(scratch)")
    }
    files.append(path)
    return path
  }

  func removeFiles() {
    for file in files { try? FileManager.default.removeItem(atPath: file) }
    files.removeAll()
  }
}
