import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Loopback sockets for tests of what a client does when the other side misbehaves.
public enum LoopbackSockets {
  /// A listening socket nobody accepts from: the kernel completes the handshake, then silence.
  /// The caller closes the descriptor.
  public static func silentListener() throws -> (fd: Int32, port: UInt16) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound && listen(fd, 8) == 0 else {
      close(fd)
      throw POSIXError(.EADDRNOTAVAIL)
    }
    return (fd, UInt16(bigEndian: address.sin_port))
  }

  /// A loopback port nothing listens on (bound, then closed).
  public static func closedPort() throws -> UInt16 {
    let (fd, port) = try silentListener()
    close(fd)
    return port
  }
}
