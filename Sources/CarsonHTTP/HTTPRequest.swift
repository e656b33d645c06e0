/// One request as the server received it. The body is complete (de-chunked) before a handler
/// sees it.
public struct HTTPRequest: Sendable {
  public var method: String
  /// The request target exactly as sent: path and query, still percent-encoded.
  public var target: String
  /// The path part of `target`, still percent-encoded, so that an encoded slash
  /// (`group%2Fproject`, as GitLab's API uses) stays distinguishable from a real one.
  /// `HTTPRequest.percentDecoded(_:)` decodes a segment.
  public var path: String
  /// The query string's fields, decoded; a repeated name keeps its last value.
  public var query: [String: String]
  /// `HTTP/1.0` or `HTTP/1.1`.
  public var version: String
  /// Header fields in the order received, names as sent.
  public var headers: [(name: String, value: String)]
  public var body: [UInt8]

  public init(
    method: String, target: String, version: String = "HTTP/1.1", headers: [(name: String, value: String)] = [],
    body: [UInt8] = []
  ) {
    self.method = method
    self.target = target
    self.version = version
    self.headers = headers
    self.body = body
    if let mark = target.firstIndex(of: "?") {
      path = String(target[..<mark])
      query = FormURLEncoding.fields(String(target[target.index(after: mark)...]))
    } else {
      path = target
      query = [:]
    }
  }

  /// The first header field named `name` (compared case-insensitively), as HTTP wants.
  public func header(_ name: String) -> String? {
    let wanted = name.lowercased()
    return headers.first { $0.name.lowercased() == wanted }?.value
  }

  /// The body read as `application/x-www-form-urlencoded` fields (what HTML forms and
  /// `curl --data` send); a repeated name keeps its last value.
  public var formFields: [String: String] {
    FormURLEncoding.fields(String(decoding: body, as: UTF8.self))
  }

  /// `%XX` escapes decoded (invalid escapes are kept as written); `+` stays `+`, as in paths.
  public static func percentDecoded(_ text: String) -> String {
    FormURLEncoding.percentDecoded(text, plusIsSpace: false)
  }
}
