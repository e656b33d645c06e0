#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Thin wrappers over the POSIX socket calls the server needs; errno becomes a message here.
enum Socket {
  #if canImport(Glibc)
    static let streamType = Int32(SOCK_STREAM.rawValue)
    /// A peer that went away makes `send` fail with EPIPE instead of killing the process.
    static let sendFlags = Int32(MSG_NOSIGNAL)
  #else
    static let streamType = SOCK_STREAM
    static let sendFlags: Int32 = 0
  #endif

  static func errorMessage(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

  /// A listening TCP socket bound to `host:port` (IPv4 or IPv6 literal); returns the descriptor
  /// and the port actually bound (port 0 picks a free one).
  static func makeListener(host: String, port: UInt16) throws(HTTPServerError) -> (fd: Int32, port: UInt16) {
    var v4 = in_addr()
    var v6 = in6_addr()
    let family: Int32
    if inet_pton(AF_INET, host, &v4) == 1 {
      family = AF_INET
    } else if inet_pton(AF_INET6, host, &v6) == 1 {
      family = AF_INET6
    } else {
      throw .invalidHost(host)
    }
    let fd = socket(family, streamType | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw .socketFailed(errorMessage()) }
    setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1)
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    #if canImport(Darwin)
      setOption(fd, SOL_SOCKET, SO_NOSIGPIPE, 1)
    #endif
    let bound: Int32
    if family == AF_INET {
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_port = port.bigEndian
      address.sin_addr = v4
      bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
      }
    } else {
      var address = sockaddr_in6()
      address.sin6_family = sa_family_t(AF_INET6)
      address.sin6_port = port.bigEndian
      address.sin6_addr = v6
      bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
        }
      }
    }
    guard bound == 0 else {
      let message = errorMessage()
      close(fd)
      throw .bindFailed(host: host, port: port, message)
    }
    guard listen(fd, 128) == 0 else {
      let message = errorMessage()
      close(fd)
      throw .socketFailed(message)
    }
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    _ = withUnsafeMutablePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    let boundPort = withUnsafePointer(to: &storage) { pointer -> UInt16 in
      if family == AF_INET {
        return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
      }
      return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
    }
    return (fd, boundPort)
  }

  /// Programs the tests start (git http-backend) must not inherit the server's sockets, or a
  /// connection would stay open as long as they run. (accept4/pipe2 are not in Glibc's module.)
  static func setCloseOnExec(_ fd: Int32) {
    _ = fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC)
  }

  static func setOption(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: Int32) {
    var value = value
    _ = setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
  }

  /// SO_RCVTIMEO / SO_SNDTIMEO, so a silent or non-reading peer cannot hold a thread forever.
  static func setTimeout(_ fd: Int32, _ name: Int32, seconds: Double) {
    var value = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1_000_000))
    _ = setsockopt(fd, SOL_SOCKET, name, &value, socklen_t(MemoryLayout<timeval>.size))
  }

  /// Writes all of `bytes`; false when the peer is gone or the send timed out.
  static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes.withUnsafeBytes { buffer in
        send(fd, buffer.baseAddress! + offset, buffer.count - offset, sendFlags)
      }
      if sent < 0 {
        if errno == EINTR { continue }
        return false
      }
      offset += sent
    }
    return true
  }
}
