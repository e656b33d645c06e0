/// `multipart/form-data` (RFC 7578 over RFC 2046 §5.1): what `curl -F`, browsers' file forms
/// and Node's `form-data` send. Strict about the framing (CRLF line ends, a closing
/// delimiter), lenient about the rest (preamble, epilogue, transport padding, unknown part
/// headers), so a truncated or mangled body is an error, never a silently shortened field.
public enum MultipartFormData {
  public struct Part: Sendable, Equatable {
    /// `name` of the part's `Content-Disposition: form-data`.
    public var name: String
    /// `filename`, when the part is a file upload (`curl -F name=@file`).
    public var filename: String?
    /// The part's own `Content-Type`, if it has one.
    public var contentType: String?
    public var body: [UInt8]
  }

  public enum ParseError: Error, Equatable, CustomStringConvertible {
    case missingBoundary
    case invalidBoundary(String)
    case noDelimiter
    case malformedDelimiterLine
    case malformedPartHeader(String)
    case missingContentDisposition
    case unterminatedPart

    public var description: String {
      switch self {
      case .missingBoundary: return "multipart/form-data without a boundary parameter"
      case .invalidBoundary(let boundary): return "invalid multipart boundary '\(boundary)' (1 to 70 characters)"
      case .noDelimiter: return "multipart body does not contain its boundary"
      case .malformedDelimiterLine: return "multipart boundary line is not followed by CRLF"
      case .malformedPartHeader(let line): return "malformed multipart part header '\(line)'"
      case .missingContentDisposition: return "multipart part without 'Content-Disposition: form-data; name=…'"
      case .unterminatedPart: return "multipart body ends inside a part (no closing boundary)"
      }
    }
  }

  /// The boundary of a `Content-Type: multipart/form-data; boundary=…` value.
  public static func boundary(contentType: String) throws(ParseError) -> String {
    guard let boundary = HeaderValue(contentType).parameters["boundary"] else { throw .missingBoundary }
    guard (1...70).contains(boundary.utf8.count) else { throw .invalidBoundary(boundary) }
    return boundary
  }

  /// Every part of `body`, in order.
  public static func parse(_ body: [UInt8], boundary: String) throws(ParseError) -> [Part] {
    guard (1...70).contains(boundary.utf8.count) else { throw .invalidBoundary(boundary) }
    let dashBoundary = Array("--\(boundary)".utf8)
    let delimiter = [13, 10] + dashBoundary  // CRLF "--" boundary
    // The first boundary line may open the body (no CRLF before it) or follow a preamble.
    var position: Int
    if body.starts(with: dashBoundary) {
      position = dashBoundary.count
    } else if let found = find(delimiter, in: body, from: 0) {
      position = found + delimiter.count
    } else {
      throw .noDelimiter
    }
    var parts: [Part] = []
    while true {
      if has([45, 45], in: body, at: position) { return parts }  // "--": the closing delimiter
      while position < body.count, body[position] == 32 || body[position] == 9 { position += 1 }
      guard has([13, 10], in: body, at: position) else { throw .malformedDelimiterLine }
      position += 2
      let headerEnd: Int
      let contentStart: Int
      if has([13, 10], in: body, at: position) {
        headerEnd = position
        contentStart = position + 2
      } else {
        guard let end = find([13, 10, 13, 10], in: body, from: position) else { throw .unterminatedPart }
        headerEnd = end
        contentStart = end + 4
      }
      // A part ends at the next delimiter; its body may be empty, so the delimiter's CRLF can be
      // the header block's last CRLF.
      guard let contentEnd = find(delimiter, in: body, from: contentStart - 2) else { throw .unterminatedPart }
      var part = try header(Array(body[position..<headerEnd]))
      part.body = contentEnd >= contentStart ? Array(body[contentStart..<contentEnd]) : []
      parts.append(part)
      position = contentEnd + delimiter.count
    }
  }

  /// Each part's body by name, file uploads included (`curl -F jenkinsfile=@Jenkinsfile` sends the
  /// file as one); of parts with the same name the first wins, as with a servlet's `getParameter`.
  /// Bodies are read as UTF-8.
  public static func fields(_ parts: [Part]) -> [String: String] {
    var fields: [String: String] = [:]
    for part in parts where fields[part.name] == nil {
      fields[part.name] = String(decoding: part.body, as: UTF8.self)
    }
    return fields
  }

  static func header(_ block: [UInt8]) throws(ParseError) -> Part {
    var name: String?
    var filename: String?
    var contentType: String?
    let text = String(decoding: block, as: UTF8.self)
    for line in text.split(separator: "\r\n", omittingEmptySubsequences: true) {
      guard let colon = line.firstIndex(of: ":") else { throw .malformedPartHeader(String(line)) }
      let field = line[..<colon].trimmingSpaces.lowercased()
      let value = String(line[line.index(after: colon)...]).trimmingSpaces
      switch field {
      case "content-disposition":
        let disposition = HeaderValue(value)
        guard disposition.value == "form-data", let partName = disposition.parameters["name"] else {
          throw .missingContentDisposition
        }
        name = partName
        filename = disposition.parameters["filename"]
      case "content-type":
        contentType = value
      default:
        break
      }
    }
    guard let name else { throw .missingContentDisposition }
    return Part(name: name, filename: filename, contentType: contentType, body: [])
  }

  static func has(_ needle: [UInt8], in haystack: [UInt8], at index: Int) -> Bool {
    index + needle.count <= haystack.count && haystack[index..<index + needle.count].elementsEqual(needle)
  }

  /// The index of the first occurrence of `needle` at or after `start`, by Knuth–Morris–Pratt,
  /// so the search stays linear on adversarial bodies (long runs of dashes against a dashed
  /// boundary). Glibc's `memmem` is not visible to Swift without `_GNU_SOURCE`.
  static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard !needle.isEmpty else { return max(0, start) }
    var failure = [Int](repeating: 0, count: needle.count)
    var matched = 0
    for index in 1..<max(1, needle.count) {
      while matched > 0, needle[index] != needle[matched] { matched = failure[matched - 1] }
      if needle[index] == needle[matched] { matched += 1 }
      failure[index] = matched
    }
    matched = 0
    var index = max(0, start)
    while index < haystack.count {
      while matched > 0, haystack[index] != needle[matched] { matched = failure[matched - 1] }
      if haystack[index] == needle[matched] { matched += 1 }
      if matched == needle.count { return index - needle.count + 1 }
      index += 1
    }
    return nil
  }
}
