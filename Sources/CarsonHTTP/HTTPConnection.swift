#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Serves one connection on its own thread: requests one after another (keep-alive) until
/// the peer closes, asks to close, sends something unreadable, or the server stops.
enum HTTPConnection {
  static func serve(
    fd: Int32, limits: HTTPLimits, registry: ConnectionRegistry, handler: @Sendable (HTTPRequest) -> HTTPResponse
  ) {
    defer { registry.closeConnection(fd) }
    Socket.setTimeout(fd, SO_RCVTIMEO, seconds: limits.idleTimeout)
    Socket.setTimeout(fd, SO_SNDTIMEO, seconds: limits.idleTimeout)
    var reader = RequestReader(fd: fd, limits: limits)
    while !registry.isStopped {
      do throws(RequestError) {
        guard let head = try reader.readHead() else { return }
        let framing = try bodyFraming(head, limits: limits)
        if let expect = head.header("Expect") {
          guard expect.lowercased() == "100-continue" else { throw .expectationFailed(expect) }
          // The client waits (briefly) for this before sending the body.
          if head.version == "HTTP/1.1", framing != .none, !reader.hasBufferedBytes {
            guard Socket.sendAll(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { return }
          }
        }
        let body = try reader.readBody(framing)
        let request = HTTPRequest(
          method: head.method, target: head.target, version: head.version, headers: head.headers, body: body)
        let response = handler(request)
        if response.status == HTTPResponse.dropConnection.status { return }
        let keepAlive = wantsKeepAlive(head) && !asksToClose(response.headers) && !registry.isStopped
        let bytes = serialize(response, keepAlive: keepAlive, version: head.version, includeBody: head.method != "HEAD")
        guard Socket.sendAll(fd, bytes), keepAlive else { return }
      } catch {
        guard let response = error.response else { return }
        if Socket.sendAll(fd, serialize(response, keepAlive: false, version: "HTTP/1.1", includeBody: true)) {
          shutdown(fd, Int32(SHUT_WR))
          reader.drain(maxBytes: 1 << 20)
        }
        return
      }
    }
  }

  /// How the body is delimited (RFC 9112 §6.3); a request that is ambiguous about it is refused,
  /// since a server and a proxy reading it differently is how requests get smuggled.
  static func bodyFraming(_ head: RequestHead, limits: HTTPLimits) throws(RequestError) -> BodyFraming {
    let codings = head.allValues("Transfer-Encoding").flatMap { $0.split(separator: ",") }
      .map { $0.trimmingSpaces.lowercased() }.filter { !$0.isEmpty }
    let lengths = head.allValues("Content-Length").flatMap { $0.split(separator: ",") }.map { $0.trimmingSpaces }
    if !codings.isEmpty {
      guard lengths.isEmpty else { throw .malformed("both Transfer-Encoding and Content-Length") }
      guard codings == ["chunked"] else { throw .unsupportedTransferEncoding(codings.joined(separator: ", ")) }
      return .chunked
    }
    guard let first = lengths.first else { return .none }
    guard lengths.allSatisfy({ $0 == first }), !first.isEmpty, first.count <= 18,
      first.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), let length = Int(first)
    else { throw .malformed("invalid Content-Length") }
    guard length <= limits.maxBodyBytes else { throw .bodyTooLarge(limits.maxBodyBytes) }
    return length == 0 ? .none : .length(length)
  }

  static func wantsKeepAlive(_ head: RequestHead) -> Bool {
    let options = head.allValues("Connection").flatMap { $0.split(separator: ",") }.map {
      $0.trimmingSpaces.lowercased()
    }
    if head.version == "HTTP/1.0" { return options.contains("keep-alive") }
    return !options.contains("close")
  }

  static func asksToClose(_ headers: [(name: String, value: String)]) -> Bool {
    headers.contains { $0.name.lowercased() == "connection" && $0.value.lowercased().contains("close") }
  }

  /// The status line, the handler's headers (minus framing ones, which the server owns), the
  /// framing, and the body.
  static func serialize(_ response: HTTPResponse, keepAlive: Bool, version: String, includeBody: Bool) -> [UInt8] {
    let owned: Set<String> = ["content-length", "transfer-encoding", "connection"]
    var head = "HTTP/1.1 \(response.status) \(HTTPResponse.reason(response.status))\r\n"
    for (name, value) in response.headers where !owned.contains(name.lowercased()) {
      head += "\(name.strippingLineBreaks): \(value.strippingLineBreaks)\r\n"
    }
    let hasBody = response.status >= 200 && response.status != 204 && response.status != 304
    if hasBody { head += "Content-Length: \(response.body.count)\r\n" }
    if !keepAlive {
      head += "Connection: close\r\n"
    } else if version == "HTTP/1.0" {
      head += "Connection: keep-alive\r\n"
    }
    head += "\r\n"
    return Array(head.utf8) + (hasBody && includeBody ? response.body : [])
  }
}

extension StringProtocol {
  var trimmingSpaces: String {
    String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
  }

  /// A header line must stay one line, whatever a handler puts in it.
  var strippingLineBreaks: String { String(filter { $0 != "\r" && $0 != "\n" && $0 != "\r\n" }) }
}
