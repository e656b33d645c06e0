import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A small HTTP/1.1 server on a local address: one thread accepts, one thread serves each
/// connection and calls `handler` for each request on it, in order. Enough for
/// `carson serve-validate` and the tests' git and GitLab servers; not meant for the internet
/// (no TLS, no HTTP/2, no pipelining beyond reading requests one after another).
public final class HTTPServer: Sendable {
  /// The port actually bound (the free one chosen when `port` was 0).
  public let port: UInt16
  public let host: String
  private let registry: ConnectionRegistry
  private let wakeWriter: Int32
  private let acceptLoopEnded = DispatchSemaphore(value: 0)

  /// Starts listening at once; requests are served until `stop()` (or until the server is
  /// released).
  public init(
    host: String = "127.0.0.1", port: UInt16 = 0, limits: HTTPLimits = HTTPLimits(),
    handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse
  ) throws {
    let (listener, boundPort) = try Socket.makeListener(host: host, port: port)
    var wake: [Int32] = [0, 0]
    guard pipe(&wake) == 0 else {
      let message = Socket.errorMessage()
      close(listener)
      throw HTTPServerError.socketFailed(message)
    }
    for fd in wake { Socket.setCloseOnExec(fd) }
    self.host = host
    self.port = boundPort
    self.wakeWriter = wake[1]
    let registry = ConnectionRegistry()
    self.registry = registry
    let ended = acceptLoopEnded
    let wakeReader = wake[0]
    let thread = Thread {
      Self.acceptLoop(listener: listener, wakeReader: wakeReader, limits: limits, registry: registry, handler: handler)
      close(listener)
      close(wakeReader)
      ended.signal()
    }
    thread.name = "carson-http-accept"
    thread.start()
  }

  deinit { stop() }

  /// `http://127.0.0.1:PORT`, no trailing slash.
  public var baseURL: String {
    host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
  }

  /// Closes the listener (new connections are refused) and every open connection, and returns
  /// once the port is released. A handler still running finishes on its own thread; its
  /// answer goes nowhere. Calling it again does nothing.
  public func stop() {
    guard registry.stop() else { return }
    var byte: UInt8 = 1
    _ = write(wakeWriter, &byte, 1)
    acceptLoopEnded.wait()
    close(wakeWriter)
  }

  private static func acceptLoop(
    listener: Int32, wakeReader: Int32, limits: HTTPLimits, registry: ConnectionRegistry,
    handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse
  ) {
    var fds = [
      pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
      pollfd(fd: wakeReader, events: Int16(POLLIN), revents: 0),
    ]
    while !registry.isStopped {
      let ready = poll(&fds, 2, -1)
      if ready < 0 {
        if errno == EINTR { continue }
        return
      }
      if fds[1].revents != 0 { return }
      guard fds[0].revents != 0 else { continue }
      let fd = accept(listener, nil, nil)
      if fd < 0 {
        // Out of descriptors: wait for connections to finish rather than spin.
        if errno == EMFILE || errno == ENFILE { usleep(10_000) }
        continue
      }
      Socket.setCloseOnExec(fd)
      guard registry.add(fd) else {
        close(fd)
        return
      }
      let thread = Thread { HTTPConnection.serve(fd: fd, limits: limits, registry: registry, handler: handler) }
      thread.name = "carson-http-connection"
      thread.start()
    }
  }
}

/// The open connections, so that `stop()` can shut them down. A descriptor leaves the set
/// before it is closed, under the lock, so `stop()` never touches a reused descriptor number.
final class ConnectionRegistry: @unchecked Sendable {
  private let lock = NSLock()
  private var open: Set<Int32> = []
  private var stopped = false

  var isStopped: Bool { lock.withLock { stopped } }

  /// False once stopped: the caller closes the descriptor itself.
  func add(_ fd: Int32) -> Bool {
    lock.withLock {
      guard !stopped else { return false }
      open.insert(fd)
      return true
    }
  }

  func closeConnection(_ fd: Int32) {
    lock.withLock { _ = open.remove(fd) }
    close(fd)
  }

  /// True for the first caller. Shutting a socket down wakes its thread out of `recv`.
  func stop() -> Bool {
    lock.withLock {
      guard !stopped else { return false }
      stopped = true
      for fd in open { shutdown(fd, Int32(SHUT_RDWR)) }
      return true
    }
  }
}
