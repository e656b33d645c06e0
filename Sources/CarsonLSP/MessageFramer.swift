/// Splits a byte stream into message bodies framed by LSP's base protocol headers
/// (`Content-Length: N\r\n`, optional `Content-Type`, a blank line, then N bytes of JSON).
///
/// Bytes arrive in whatever pieces the pipe delivers: a message may be split anywhere, several
/// may arrive at once. A broken header is reported and skipped, so one bad frame never stops the
/// stream.
public struct MessageFramer: Sendable {
  public enum Event: Equatable, Sendable {
    case message([UInt8])
    /// A header block without a usable `Content-Length`; the block has been skipped.
    case invalidHeader(String)
  }

  /// A header block longer than this without its blank line is not LSP.
  static let maximumHeaderBytes = 8 * 1024
  static let maximumContentLength = 1 << 30

  private var buffer: [UInt8] = []
  private var position = 0

  public init() {}

  public mutating func append(_ bytes: some Sequence<UInt8>) {
    if position > 0, position >= buffer.count / 2 {
      buffer.removeFirst(position)
      position = 0
    }
    buffer.append(contentsOf: bytes)
  }

  /// The next complete message, a header error, or nil when more bytes are needed.
  public mutating func next() -> Event? {
    guard let headerEnd = findHeaderEnd() else {
      if buffer.count - position > Self.maximumHeaderBytes {
        position = buffer.count
        return .invalidHeader("no blank line after \(Self.maximumHeaderBytes) bytes of header")
      }
      return nil
    }
    let header = String(decoding: buffer[position..<headerEnd], as: UTF8.self)
    let bodyStart = headerEnd + 4
    guard let length = Self.contentLength(header) else {
      position = bodyStart
      return .invalidHeader("missing or invalid Content-Length in header '\(header.prefix(200))'")
    }
    guard buffer.count - bodyStart >= length else { return nil }
    let body = Array(buffer[bodyStart..<bodyStart + length])
    position = bodyStart + length
    return .message(body)
  }

  private func findHeaderEnd() -> Int? {
    var i = position
    let n = buffer.count
    while i + 3 < n {
      if buffer[i] == 0x0D, buffer[i + 1] == 0x0A, buffer[i + 2] == 0x0D, buffer[i + 3] == 0x0A { return i }
      i += 1
    }
    return nil
  }

  static func contentLength(_ header: String) -> Int? {
    var length: Int?
    for line in header.split(separator: "\r\n", omittingEmptySubsequences: true) {
      guard let colon = line.firstIndex(of: ":") else { return nil }
      let name = line[..<colon].trimmingSpaces().lowercased()
      let value = line[line.index(after: colon)...].trimmingSpaces()
      if name == "content-length" {
        guard let n = Int(value), n >= 0, n <= maximumContentLength else { return nil }
        length = n
      }
    }
    return length
  }

  /// The framed form of one message body.
  public static func frame(_ body: [UInt8]) -> [UInt8] {
    Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
  }
}

extension Substring {
  fileprivate func trimmingSpaces() -> String {
    String(String(drop { $0 == " " || $0 == "\t" }.reversed()).drop { $0 == " " || $0 == "\t" }.reversed())
  }
}
