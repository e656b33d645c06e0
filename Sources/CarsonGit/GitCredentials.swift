/// How to authenticate to a remote. Carson never puts a secret into a URL: libgit2 asks for
/// credentials through a callback and gets them from here.
public enum GitCredentials: Sendable, Equatable {
  case none
  /// HTTPS basic auth. A GitLab token is `username: "oauth2"` (or `gitlab-ci-token`), `password: token`.
  case userPassword(username: String, password: String)
  /// An SSH private key file (OpenSSH or PEM), optionally with its passphrase.
  case sshKey(username: String, privateKeyPath: String, passphrase: String?)

  /// What must be removed from any message this credential may have touched.
  var secrets: [String] {
    switch self {
    case .none: return []
    case .userPassword(_, let password): return [password]
    case .sshKey(_, _, let passphrase): return passphrase.map { [$0] } ?? []
    }
  }
}

/// How SSH host keys are checked.
public enum HostKeyPolicy: Sendable, Equatable {
  /// Accept only keys listed in these `known_hosts` files (plain or hashed host names).
  case knownHosts([String])
  /// Accept any host key (`--git-insecure-host-keys`): for throw-away test servers only.
  case acceptAny
}

/// Splits user information off a URL: `https://oauth2:TOKEN@host/p.git` → (`https://host/p.git`,
/// credentials). libgit2 would otherwise send, and echo, what the URL carries.
public func splitCredentials(fromURL url: String) -> (url: String, credentials: GitCredentials?) {
  guard let scheme = url.range(of: "://"), url.hasPrefix("http") else { return (url, nil) }
  let afterScheme = url[scheme.upperBound...]
  let authorityEnd = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
  guard let at = afterScheme[..<authorityEnd].lastIndex(of: "@") else { return (url, nil) }
  let userInfo = afterScheme[..<at]
  let stripped = String(url[..<scheme.upperBound]) + afterScheme[afterScheme.index(after: at)...]
  guard let colon = userInfo.firstIndex(of: ":") else { return (stripped, nil) }
  let user = String(userInfo[..<colon]).removingPercentEncodingIfPossible
  let password = String(userInfo[userInfo.index(after: colon)...]).removingPercentEncodingIfPossible
  return (stripped, .userPassword(username: user, password: password))
}

extension String {
  var removingPercentEncodingIfPossible: String {
    var bytes: [UInt8] = []
    var utf8 = Array(self.utf8)[...]
    while let byte = utf8.popFirst() {
      if byte == UInt8(ascii: "%"), utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
        bytes.append(value)
        utf8 = utf8.dropFirst(2)
      } else {
        bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
