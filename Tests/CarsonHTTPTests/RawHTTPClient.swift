import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A client that writes exactly the bytes a test gives it, for what URLSession will not send:
/// malformed requests, chunked bodies, pipelining, Expect: 100-continue.
final class RawHTTPClient {
  struct Response {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
  }

  struct Failure: Error, CustomStringConvertible { var description: String }

  let fd: Int32
  private var buffer: [UInt8] = []

  init(port: UInt16) throws {
    fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard result == 0 else {
      let message = String(cString: strerror(errno))
      close(fd)
      throw Failure(description: "connect: \(message)")
    }
    // A server bug must fail the test, not hang it.
    var timeout = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
  }

  deinit { close(fd) }

  func send(_ text: String) { send(Array(text.utf8)) }

  func send(_ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes.withUnsafeBytes {
        Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
      }
      if sent <= 0 { return }
      offset += sent
    }
  }

  /// One response framed by its Content-Length (or by the end of the stream); nil when the
  /// server closed the connection before sending anything.
  func readResponse() throws -> Response? { try readResponse(withBody: true) }

  /// The answer to a HEAD request: headers only, whatever Content-Length says.
  func readResponseWithoutBody() throws -> Response? { try readResponse(withBody: false) }

  private func readResponse(withBody: Bool) throws -> Response? {
    guard let headEnd = try readUntil(Array("\r\n\r\n".utf8)) else { return nil }
    let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
    buffer.removeFirst(headEnd + 4)
    var lines = head.components(separatedBy: "\r\n")
    let statusLine = lines.removeFirst().split(separator: " ")
    guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
      throw Failure(description: "bad status line: \(head)")
    }
    let headers = lines.map { line -> (name: String, value: String) in
      let colon = line.firstIndex(of: ":")!
      return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }
    var response = Response(status: status, headers: headers, body: [])
    if !withBody {
      return response
    } else if let length = response.header("Content-Length").flatMap({ Int($0) }) {
      while buffer.count < length, try fill() {}
      response.body = Array(buffer.prefix(length))
      buffer.removeFirst(min(length, buffer.count))
    } else if status >= 200, status != 204, status != 304 {
      response.body = readToEnd()
    }
    return response
  }

  /// Everything until the server closes the connection.
  func readToEnd() -> [UInt8] {
    while (try? fill()) == true {}
    defer { buffer = [] }
    return buffer
  }

  /// True when the server has closed its side (a read returns end of stream).
  func serverClosed() -> Bool {
    guard buffer.isEmpty else { return false }
    return (try? fill()) == false
  }

  private func readUntil(_ marker: [UInt8]) throws -> Int? {
    while true {
      if buffer.count >= marker.count {
        for start in 0...(buffer.count - marker.count) where Array(buffer[start..<(start + marker.count)]) == marker {
          return start
        }
      }
      guard try fill() else { return nil }
    }
  }

  private func fill() throws -> Bool {
    var chunk = [UInt8](repeating: 0, count: 65536)
    let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
    if count > 0 {
      buffer += chunk[0..<count]
      return true
    }
    if count == 0 || errno == ECONNRESET { return false }
    throw Failure(description: "recv: \(String(cString: strerror(errno)))")
  }
}
