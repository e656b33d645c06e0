import CarsonHashing
import Foundation

/// OpenSSH `known_hosts` files: which host keys are trusted for which host names. Supports
/// plain names, `[host]:port`, comma-separated lists, hashed names (`|1|salt|hash`, Debian's
/// default) and `@revoked` markers; wildcard patterns are not matched (they never vouch for a key).
struct KnownHosts {
  struct Entry {
    var hostPatterns: [String]
    var key: [UInt8]
    var revoked: Bool
  }

  enum Verdict: Equatable { case match, mismatch, unknown }

  var entries: [Entry] = []

  static func load(_ files: [String]) -> KnownHosts {
    var hosts = KnownHosts()
    for file in files {
      guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
      hosts.entries += text.split(whereSeparator: \.isNewline).compactMap { parse(String($0)) }
    }
    return hosts
  }

  static func parse(_ line: String) -> Entry? {
    var fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    guard let first = fields.first, !first.hasPrefix("#") else { return nil }
    var revoked = false
    if first.hasPrefix("@") {
      revoked = first == "@revoked"
      if first == "@cert-authority" { return nil }
      fields.removeFirst()
    }
    guard fields.count >= 3, let key = Data(base64Encoded: fields[2]) else { return nil }
    return Entry(hostPatterns: fields[0].split(separator: ",").map(String.init), key: Array(key), revoked: revoked)
  }

  /// Whether `key` is trusted for `host` on `port`.
  func verify(host: String, port: UInt16, key: [UInt8]) -> Verdict {
    let name = port == 22 ? host : "[\(host)]:\(port)"
    var listed = false
    for entry in entries where entry.hostPatterns.contains(where: { Self.matches(pattern: $0, name: name) }) {
      if entry.key == key { return entry.revoked ? .mismatch : .match }
      if !entry.revoked { listed = true }
    }
    return listed ? .mismatch : .unknown
  }

  static func matches(pattern: String, name: String) -> Bool {
    if pattern.hasPrefix("|1|") {
      let parts = pattern.split(separator: "|", omittingEmptySubsequences: true)
      guard parts.count == 3, let salt = Data(base64Encoded: String(parts[1])), let hash = Data(base64Encoded: String(parts[2])) else { return false }
      return SHA1.hmac(key: Array(salt), message: Array(name.utf8)) == Array(hash)
    }
    return pattern == name
  }
}
