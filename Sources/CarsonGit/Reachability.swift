import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// libgit2 1.5 has no connect timeout: an address that drops packets would block a clone for
/// minutes (the kernel's SYN retries). Before any network operation Carson opens a TCP
/// connection to the remote itself, with a deadline, so an unreachable host is a clear error
/// within the timeout.
enum Reachability {
  /// Host and port of a remote URL: `https://h[:p]/…`, `http://…`, `ssh://[u@]h[:p]/…`,
  /// `git://…`, and scp-like `u@h:path`; nil for local paths and `file://`.
  static func endpoint(of url: String) -> (host: String, port: UInt16)? {
    if let scheme = url.range(of: "://") {
      let name = url[..<scheme.lowerBound].lowercased()
      let defaultPort: UInt16
      switch name {
      case "https": defaultPort = 443
      case "http": defaultPort = 80
      case "ssh", "git+ssh", "ssh+git": defaultPort = 22
      case "git": defaultPort = 9418
      default: return nil
      }
      var authority = url[scheme.upperBound...].prefix { $0 != "/" }
      if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
      return split(hostPort: authority, defaultPort: defaultPort)
    }
    // scp-like syntax: [user@]host:path (not a local path with a colon after a slash).
    guard let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/") else { return nil }
    var host = url[..<colon]
    if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
    return host.isEmpty ? nil : (String(host), 22)
  }

  private static func split(hostPort: Substring, defaultPort: UInt16) -> (String, UInt16)? {
    if hostPort.hasPrefix("["), let close = hostPort.firstIndex(of: "]") {  // [::1]:8080
      let host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
      let rest = hostPort[hostPort.index(after: close)...]
      return (host, rest.hasPrefix(":") ? UInt16(rest.dropFirst()) ?? defaultPort : defaultPort)
    }
    if let colon = hostPort.lastIndex(of: ":") {
      return (String(hostPort[..<colon]), UInt16(hostPort[hostPort.index(after: colon)...]) ?? defaultPort)
    }
    return hostPort.isEmpty ? nil : (String(hostPort), defaultPort)
  }

  /// nil when a TCP connection to the endpoint opened within `timeout`; otherwise why not.
  static func check(host: String, port: UInt16, timeout: TimeInterval) -> String? {
    var hints = addrinfo()
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    hints.ai_family = AF_UNSPEC
    var list: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(host, String(port), &hints, &list)
    guard status == 0, let first = list else { return "cannot resolve host '\(host)'" }
    defer { freeaddrinfo(list) }
    let deadline = Date().addingTimeInterval(timeout)
    var reason = "no address of '\(host)' answered"
    var candidate: UnsafeMutablePointer<addrinfo>? = first
    while let info = candidate {
      candidate = info.pointee.ai_next
      let remaining = deadline.timeIntervalSinceNow
      guard remaining > 0 else { return "no connection to \(host):\(port) within \(format(timeout))" }
      switch connect(info.pointee, within: remaining) {
      case .success: return nil
      case .timedOut: return "no connection to \(host):\(port) within \(format(timeout))"
      case .failed(let error): reason = "cannot connect to \(host):\(port): \(String(cString: strerror(error)))"
      }
    }
    return reason
  }

  private enum Outcome { case success, timedOut, failed(Int32) }

  private static func connect(_ info: addrinfo, within seconds: TimeInterval) -> Outcome {
    let fd = socket(info.ai_family, info.ai_socktype | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), info.ai_protocol)
    guard fd >= 0 else { return .failed(errno) }
    defer { close(fd) }
    if Glibc.connect(fd, info.ai_addr, info.ai_addrlen) == 0 { return .success }
    guard errno == EINPROGRESS else { return .failed(errno) }
    var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
    let ready = poll(&poller, 1, Int32(max(1, seconds * 1000)))
    if ready == 0 { return .timedOut }
    guard ready > 0 else { return .failed(errno) }
    var error: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
    return error == 0 ? .success : .failed(error)
  }

  private static func format(_ seconds: TimeInterval) -> String {
    seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
  }
}
