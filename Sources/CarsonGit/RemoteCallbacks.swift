import CLibGit2
import Foundation

/// What libgit2's remote callbacks need while one network operation runs: the credentials,
/// the host-key policy and the cancellation check. Handed to C as the callbacks' payload.
final class RemoteSession {
  let credentials: GitCredentials
  let hostKeys: HostKeyPolicy
  let isCancelled: @Sendable () -> Bool
  /// libgit2 asks again after a refused credential; the second time Carson gives up, so a
  /// wrong password is an error, not an endless loop.
  var credentialAttempts = 0
  /// Why the host key was refused, for the error message.
  var hostKeyProblem: String?

  init(credentials: GitCredentials, hostKeys: HostKeyPolicy, isCancelled: @escaping @Sendable () -> Bool) {
    self.credentials = credentials
    self.hostKeys = hostKeys
    self.isCancelled = isCancelled
  }

  /// Fills `callbacks` with this session's C callbacks; the session must outlive their use.
  func install(into callbacks: inout git_remote_callbacks) {
    credentialAttempts = 0  // a new connection: its first request for credentials is answered
    callbacks.payload = Unmanaged.passUnretained(self).toOpaque()
    callbacks.credentials = { out, _, usernameFromURL, allowedTypes, payload in
      guard let out, let payload else { return -1 }
      let session = Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue()
      return session.acquire(out, usernameFromURL: usernameFromURL.map { String(cString: $0) }, allowed: allowedTypes)
    }
    callbacks.certificate_check = { cert, valid, host, payload in
      guard let cert, let payload else { return -1 }
      let session = Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue()
      return session.checkCertificate(cert, valid: valid != 0, host: host.map { String(cString: $0) } ?? "")
    }
    callbacks.transfer_progress = { _, payload in
      guard let payload else { return 0 }
      return Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue().isCancelled() ? -1 : 0
    }
    callbacks.sideband_progress = { _, _, payload in
      guard let payload else { return 0 }
      return Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue().isCancelled() ? -1 : 0
    }
  }

  private func acquire(_ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>, usernameFromURL: String?, allowed: UInt32) -> Int32 {
    credentialAttempts += 1
    guard credentialAttempts == 1 else { return GIT_EAUTH.rawValue }
    switch credentials {
    case .none:
      return GIT_PASSTHROUGH.rawValue
    case .userPassword(let username, let password):
      guard allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0 else { return GIT_PASSTHROUGH.rawValue }
      return carson_git_credential_userpass_plaintext_new(out, username, password)
    case .sshKey(let username, let privateKeyPath, let passphrase):
      let user = usernameFromURL ?? username
      if allowed & GIT_CREDENTIAL_USERNAME.rawValue != 0 && allowed & GIT_CREDENTIAL_SSH_KEY.rawValue == 0 {
        return carson_git_credential_username_new(out, user)
      }
      guard allowed & GIT_CREDENTIAL_SSH_KEY.rawValue != 0 else { return GIT_PASSTHROUGH.rawValue }
      // libssh2 derives the public key from some private key formats only; give it the
      // `.pub` file next to the key when there is one.
      let publicKey = FileManager.default.fileExists(atPath: privateKeyPath + ".pub") ? privateKeyPath + ".pub" : nil
      return carson_git_credential_ssh_key_new(out, user, publicKey, privateKeyPath, passphrase)
    }
  }

  private func checkCertificate(_ cert: UnsafeMutablePointer<git_cert>, valid: Bool, host: String) -> Int32 {
    guard cert.pointee.cert_type == GIT_CERT_HOSTKEY_LIBSSH2 else {
      // TLS: libgit2 verified the chain against the system's certificates.
      return valid ? 0 : GIT_ECERTIFICATE.rawValue
    }
    if case .acceptAny = hostKeys { return 0 }
    guard case .knownHosts(let files) = hostKeys else { return GIT_ECERTIFICATE.rawValue }
    let hostKey = UnsafeMutableRawPointer(cert).assumingMemoryBound(to: git_cert_hostkey.self).pointee
    guard hostKey.type.rawValue & GIT_CERT_SSH_RAW.rawValue != 0, let raw = hostKey.hostkey else {
      hostKeyProblem = "the SSH server's host key could not be read"
      return GIT_ECERTIFICATE.rawValue
    }
    let key = Array(UnsafeRawBufferPointer(start: raw, count: hostKey.hostkey_len))
    switch KnownHosts.load(files).verify(host: host, port: currentPort, key: key) {
    case .match: return 0
    case .mismatch:
      hostKeyProblem = "the host key of '\(host)' does not match known_hosts (\(files.joined(separator: ", ")))"
    case .unknown:
      hostKeyProblem = "'\(host)' is not in known_hosts (\(files.joined(separator: ", "))); add it with ssh-keyscan, or pass --git-insecure-host-keys"
    }
    return GIT_ECERTIFICATE.rawValue
  }

  /// The port of the remote being contacted (known_hosts writes non-22 ports as `[host]:port`).
  var currentPort: UInt16 = 22
}
