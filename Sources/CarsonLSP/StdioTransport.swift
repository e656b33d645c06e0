import CarsonSyntax
import Foundation

/// `carson lsp`'s connection: `Content-Length`-framed messages on two file descriptors
/// (standard input and output). Stdout carries protocol messages only.
public enum StdioTransport {
  /// Serves until `exit` or the end of input; returns the exit status LSP specifies (0 after
  /// `shutdown` then `exit`, 1 otherwise).
  public static func run(input: Int32 = 0, output: Int32 = 1, configuration: LanguageServer.Configuration = .init()) -> Int32 {
    signal(SIGPIPE, SIG_IGN)  // a client that went away is an error on write, not a killed process
    let writer = FramedWriter(fd: output)
    let server = LanguageServer(configuration: configuration) { writer.write($0) }
    defer { server.stop() }
    var framer = MessageFramer()
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      if count <= 0 { return server.exitCode ?? 1 }
      framer.append(buffer[0..<count])
      while let event = framer.next() {
        switch event {
        case .message(let body): server.receive(body)
        case .invalidHeader(let reason): server.receiveInvalidFrame(reason)
        }
        if let code = server.exitCode { return code }
      }
    }
  }
}

/// Writes whole framed messages, one at a time, from any thread.
final class FramedWriter: @unchecked Sendable {
  private let fd: Int32
  private let lock = NSLock()

  init(fd: Int32) { self.fd = fd }

  func write(_ message: JSONValue) {
    let bytes = MessageFramer.frame(Array(message.compact.utf8))
    lock.lock()
    defer { lock.unlock() }
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
      if written < 0, errno == EINTR { continue }
      if written <= 0 { return }
      offset += written
    }
  }
}
