/// Why a server could not start.
public enum HTTPServerError: Error, Equatable, CustomStringConvertible {
  case invalidHost(String)
  case socketFailed(String)
  case bindFailed(host: String, port: UInt16, String)

  public var description: String {
    switch self {
    case .invalidHost(let host): return "cannot listen on '\(host)': not an IPv4 or IPv6 address"
    case .socketFailed(let message): return "cannot open a listening socket: \(message)"
    case .bindFailed(let host, let port, let message): return "cannot listen on \(host):\(port): \(message)"
    }
  }
}

/// Bounds on what one request may send; beyond them the client gets a 4xx answer and the
/// connection closes, so a bad client costs a bounded amount of memory.
public struct HTTPLimits: Sendable {
  /// Request line plus header fields, in bytes (431 beyond it).
  public var maxHeaderBytes: Int
  /// Decoded body, in bytes (413 beyond it).
  public var maxBodyBytes: Int
  /// How long a connection may stay silent (between requests or inside one) before it is closed.
  public var idleTimeout: Double

  public init(maxHeaderBytes: Int = 64 * 1024, maxBodyBytes: Int = 64 * 1024 * 1024, idleTimeout: Double = 30) {
    self.maxHeaderBytes = maxHeaderBytes
    self.maxBodyBytes = maxBodyBytes
    self.idleTimeout = idleTimeout
  }
}

/// Why a request could not be read. Those with a status are answered, then the connection closes.
enum RequestError: Error {
  /// The peer closed the connection, the read timed out, or the socket failed: nobody to answer.
  case connectionEnded
  case malformed(String)
  case headersTooLarge(Int)
  case bodyTooLarge(Int)
  case unsupportedTransferEncoding(String)
  case expectationFailed(String)
  case versionNotSupported(String)

  var response: HTTPResponse? {
    switch self {
    case .connectionEnded: return nil
    case .malformed(let why): return .text("bad request: \(why)\n", status: 400)
    case .headersTooLarge(let limit): return .text("request header fields larger than \(limit) bytes\n", status: 431)
    case .bodyTooLarge(let limit): return .text("request body larger than \(limit) bytes\n", status: 413)
    case .unsupportedTransferEncoding(let coding):
      return .text("transfer coding '\(coding)' is not supported (only chunked)\n", status: 501)
    case .expectationFailed(let value): return .text("expectation '\(value)' is not supported\n", status: 417)
    case .versionNotSupported(let version): return .text("\(version) is not supported\n", status: 505)
    }
  }
}
