import Foundation

/// `--listen` of `carson serve-validate`: `PORT`, `IPV4:PORT`, `[IPV6]:PORT` or `localhost:PORT`.
/// Addresses are numeric (the HTTP server binds literals); `localhost` means 127.0.0.1.
struct ListenAddress: Equatable {
  var host: String
  var port: UInt16

  /// Why `text` is not an address, as the error message says it.
  struct Invalid: Error, Equatable {
    var message: String
  }

  static func parse(_ text: String, defaultHost: String = "127.0.0.1") throws(Invalid) -> ListenAddress {
    var host = defaultHost
    var portText = text
    if text.hasPrefix("[") {
      guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
        throw Invalid(message: "'\(text)' is not ADDRESS:PORT (an IPv6 address is written [::1]:PORT)")
      }
      host = String(text[text.index(after: text.startIndex)..<close])
      portText = String(text[text.index(close, offsetBy: 2)...])
    } else if let colon = text.lastIndex(of: ":") {
      host = String(text[..<colon])
      portText = String(text[text.index(after: colon)...])
      guard !host.contains(":") else {
        throw Invalid(message: "'\(text)' is not ADDRESS:PORT (an IPv6 address is written [::1]:PORT)")
      }
      if host.isEmpty || host == "localhost" { host = defaultHost }
    }
    guard !portText.isEmpty, portText.allSatisfy(\.isASCII), portText.allSatisfy(\.isNumber), let port = UInt16(portText) else {
      throw Invalid(message: "'\(text)' has no valid port (0-65535; 0 picks a free one)")
    }
    guard Self.isNumeric(host) else {
      throw Invalid(message: "'\(host)' is not an IPv4 or IPv6 address (host names are not resolved; use 127.0.0.1)")
    }
    return ListenAddress(host: host, port: port)
  }

  /// 127.0.0.0/8, ::1 and IPv4-mapped 127.x: reachable from this machine only.
  var isLoopback: Bool {
    var v4 = in_addr()
    if inet_pton(AF_INET, host, &v4) == 1 {
      return UInt32(bigEndian: v4.s_addr) >> 24 == 127
    }
    var v6 = in6_addr()
    guard inet_pton(AF_INET6, host, &v6) == 1 else { return false }
    let bytes = withUnsafeBytes(of: v6) { Array($0) }
    let loopback6 = [UInt8](repeating: 0, count: 15) + [1]
    let mapped127 = [UInt8](repeating: 0, count: 10) + [0xFF, 0xFF, 127]
    return bytes == loopback6 || Array(bytes.prefix(13)) == mapped127
  }

  static func isNumeric(_ host: String) -> Bool {
    var v4 = in_addr()
    var v6 = in6_addr()
    return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
  }

  /// How a URL spells it: `127.0.0.1:8722`, `[::1]:8722`.
  var authority: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
