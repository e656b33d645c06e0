#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads requests off one connection: a byte buffer over the socket, the request head, and the
/// body framed by Content-Length or chunked transfer coding. Bytes of a pipelined next request
/// stay in the buffer for the next call.
struct RequestReader {
  let fd: Int32
  let limits: HTTPLimits
  private var buffer: [UInt8] = []
  private var position = 0

  init(fd: Int32, limits: HTTPLimits) {
    self.fd = fd
    self.limits = limits
  }

  /// The request head: nil when the peer closed the connection cleanly before a new request.
  mutating func readHead() throws(RequestError) -> RequestHead? {
    var budget = limits.maxHeaderBytes
    // RFC 9112 §2.2: ignore empty lines before the request line.
    var requestLine: [UInt8] = []
    repeat {
      if position == buffer.count, try !fill() { return nil }
      requestLine = try readLine(budget: &budget, tooLong: .headersTooLarge(limits.maxHeaderBytes))
    } while requestLine.isEmpty
    let parts = requestLine.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
    guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(Self.isTokenByte), !parts[1].isEmpty,
      parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F })
    else { throw .malformed("the request line is not 'METHOD TARGET HTTP/1.1'") }
    let version = String(decoding: parts[2], as: UTF8.self)
    guard version.hasPrefix("HTTP/") else { throw .malformed("the request line is not 'METHOD TARGET HTTP/1.1'") }
    guard version == "HTTP/1.1" || version == "HTTP/1.0" else { throw .versionNotSupported(version) }
    var headers: [(name: String, value: String)] = []
    while true {
      let line = try readLine(budget: &budget, tooLong: .headersTooLarge(limits.maxHeaderBytes))
      if line.isEmpty { break }
      guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0,
        line[..<colon].allSatisfy(Self.isTokenByte)
      else { throw .malformed("a header line is not 'Name: value'") }
      let value = line[(colon + 1)...].drop { $0 == 0x20 || $0 == 0x09 }
      let trimmed = value.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed()
      guard !trimmed.contains(where: { $0 < 0x20 && $0 != 0x09 || $0 == 0x7F }) else {
        throw .malformed("a header value holds control characters")
      }
      headers.append((String(decoding: line[..<colon], as: UTF8.self), String(decoding: trimmed, as: UTF8.self)))
    }
    return RequestHead(
      method: String(decoding: parts[0], as: UTF8.self), target: String(decoding: parts[1], as: UTF8.self),
      version: version, headers: headers)
  }

  /// Whether body bytes are already here (then no `100 Continue` is needed).
  var hasBufferedBytes: Bool { position < buffer.count }

  mutating func readBody(_ framing: BodyFraming) throws(RequestError) -> [UInt8] {
    switch framing {
    case .none: return []
    case .length(let length): return try readExactly(length)
    case .chunked: return try readChunked()
    }
  }

  /// Reads and drops what the peer still sends, briefly, so that closing the socket after an
  /// error answer does not reset the connection before the peer has read the answer.
  mutating func drain(maxBytes: Int) {
    Socket.setTimeout(fd, SO_RCVTIMEO, seconds: 0.5)
    var total = 0
    while total < maxBytes, let more = try? fill(), more {
      total += buffer.count - position
      position = buffer.count
    }
  }

  // MARK: - Body framings

  private mutating func readExactly(_ count: Int) throws(RequestError) -> [UInt8] {
    var body: [UInt8] = []
    body.reserveCapacity(min(count, 1 << 20))
    while body.count < count {
      if position == buffer.count, try !fill() { throw .connectionEnded }
      let take = min(count - body.count, buffer.count - position)
      body += buffer[position..<(position + take)]
      position += take
    }
    return body
  }

  private mutating func readChunked() throws(RequestError) -> [UInt8] {
    var body: [UInt8] = []
    while true {
      var lineBudget = 4096
      let line = try readLine(budget: &lineBudget, tooLong: .malformed("a chunk-size line is too long"))
      let sizeField = line.prefix { $0 != UInt8(ascii: ";") }.filter { $0 != 0x20 && $0 != 0x09 }
      guard !sizeField.isEmpty, sizeField.count <= 15 else { throw .malformed("invalid chunk size") }
      var size = 0
      for byte in sizeField {
        guard let digit = FormURLEncoding.hexValue(byte) else { throw .malformed("invalid chunk size") }
        size = size * 16 + Int(digit)
      }
      if size == 0 { break }
      guard body.count + size <= limits.maxBodyBytes else { throw .bodyTooLarge(limits.maxBodyBytes) }
      body += try readExactly(size)
      var crlfBudget = 2
      guard try readLine(budget: &crlfBudget, tooLong: .malformed("chunk data longer than its size")).isEmpty else {
        throw .malformed("chunk data longer than its size")
      }
    }
    // Trailer fields are read and ignored; none of Carson's peers sends any that matter.
    var budget = limits.maxHeaderBytes
    while try !readLine(budget: &budget, tooLong: .headersTooLarge(limits.maxHeaderBytes)).isEmpty {}
    return body
  }

  // MARK: - Buffer

  /// One line without its CRLF (a bare LF is accepted too). `budget` counts the bytes read.
  private mutating func readLine(budget: inout Int, tooLong: RequestError) throws(RequestError) -> [UInt8] {
    var scanned = 0  // bytes after `position` already searched for LF
    while true {
      if let newline = buffer[(position + scanned)...].firstIndex(of: 0x0A) {
        let length = newline + 1 - position
        guard length <= budget else { throw tooLong }
        budget -= length
        var end = newline
        if end > position, buffer[end - 1] == 0x0D { end -= 1 }
        let line = Array(buffer[position..<end])
        position = newline + 1
        return line
      }
      guard buffer.count - position <= budget else { throw tooLong }
      scanned = buffer.count - position
      guard try fill() else { throw .connectionEnded }
    }
  }

  /// Appends what the socket has (compacting consumed bytes first); false at end of stream.
  private mutating func fill() throws(RequestError) -> Bool {
    if position > 0 {
      buffer.removeFirst(position)
      position = 0
    }
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if count > 0 {
        buffer += chunk[0..<count]
        return true
      }
      if count == 0 { return false }
      if errno == EINTR { continue }
      throw .connectionEnded
    }
  }

  /// RFC 9110 token characters (method names, header names).
  static func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return true
    default:
      return "!#$%&'*+-.^_`|~".utf8.contains(byte)
    }
  }
}

struct RequestHead {
  var method: String
  var target: String
  var version: String
  var headers: [(name: String, value: String)]

  func header(_ name: String) -> String? {
    let wanted = name.lowercased()
    return headers.first { $0.name.lowercased() == wanted }?.value
  }

  func allValues(_ name: String) -> [String] {
    let wanted = name.lowercased()
    return headers.filter { $0.name.lowercased() == wanted }.map(\.value)
  }
}

enum BodyFraming: Equatable {
  case none
  case length(Int)
  case chunked
}
