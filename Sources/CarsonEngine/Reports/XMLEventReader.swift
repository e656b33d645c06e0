/// What an XML document contains, in document order.
enum XMLEvent: Equatable, Sendable {
  /// `<name …>`, or `<name …/>` (then its `endElement` comes next). Names keep their prefix
  /// (`ns:name`); attribute values have entities decoded and whitespace normalised.
  case startElement(name: String, attributes: [XMLAttribute])
  case endElement(name: String)
  /// Character data between tags with entities decoded; each CDATA section is one event.
  case text(String)
}

struct XMLAttribute: Equatable, Sendable {
  var name: String
  var value: String
}

/// A pull reader for the XML that test reports are: UTF-8 (or ISO-8859-1) bytes in, `XMLEvent`s
/// out, `XMLReadError` with line and column for anything malformed. Comments, processing
/// instructions and the DOCTYPE are skipped; nothing external is ever loaded, and entities
/// a DOCTYPE declares stay undefined (an error where used), so no entity can expand.
/// It checks well-formedness as far as reading needs: tags match, nothing but
/// whitespace, comments and processing instructions around the one root element, quoted
/// attribute values without `<`, known entities. Its own stack holds the open elements, at most
/// `maximumDepth`, so hostile input costs neither recursion nor unbounded memory per level.
struct XMLEventReader {
  static let maximumDepth = 256

  let bytes: [UInt8]
  let start: Int
  var position: Int
  /// Open elements, innermost last, with the offset of each start tag for error messages.
  var open: [(name: String, offset: Int)] = []
  var rootSeen = false
  /// The last start tag was `<name/>`: its end event is due.
  var selfClosed = false

  init(_ raw: [UInt8]) throws(XMLReadError) {
    (bytes, start) = try XMLInput.utf8(raw)
    position = start
  }

  /// The next event, or nil after the root element's end tag and whatever may follow it.
  mutating func next() throws(XMLReadError) -> XMLEvent? {
    if selfClosed {
      selfClosed = false
      return .endElement(name: open.removeLast().name)
    }
    while position < bytes.count {
      guard bytes[position] == XMLByte.lessThan else {
        if let text = try readText() { return .text(text) }
        continue
      }
      switch byte(at: position + 1) {
      case XMLByte.question: try skipProcessingInstruction()
      case XMLByte.exclamation:
        if matches(XMLMarkup.commentOpen) {
          try skipComment()
        } else if matches(XMLMarkup.cdataOpen) {
          return .text(try readCDATA())
        } else if matches(XMLMarkup.doctypeOpen) {
          try skipDoctype()
        } else {
          throw failure("'<!' starts neither a comment, a CDATA section nor a DOCTYPE", at: position)
        }
      case XMLByte.slash: return .endElement(name: try readEndTag())
      default: return try readStartTag()
      }
    }
    if let element = open.last {
      throw failure("the file ends before </\(element.name)> (\(opened(element))); it may be truncated", at: bytes.count)
    }
    if !rootSeen { throw failure("the file has no root element", at: bytes.count) }
    return nil
  }

  func failure(_ message: String, at offset: Int) -> XMLReadError {
    XMLInput.error(message, in: bytes, from: start, at: offset)
  }

  func opened(_ element: (name: String, offset: Int)) -> String {
    let place = failure("", at: element.offset)
    return "<\(element.name)> opened at line \(place.line), column \(place.column)"
  }

  func byte(at offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

  func matches(_ pattern: [UInt8], at offset: Int? = nil) -> Bool {
    bytes[(offset ?? position)...].starts(with: pattern)
  }

  /// The offset of the next `pattern` at or after `offset`.
  func find(_ pattern: [UInt8], from offset: Int) -> Int? {
    var index = offset
    while index + pattern.count <= bytes.count {
      if bytes[index] == pattern[0] && matches(pattern, at: index) { return index }
      index += 1
    }
    return nil
  }

  /// What is at `offset`, for messages: a quoted character or "the end of the file".
  func found(at offset: Int) -> String {
    guard offset < bytes.count else { return "the end of the file" }
    var iterator = bytes[offset...].makeIterator()
    var decoder = UTF8()
    guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return "an invalid character" }
    switch scalar {
    case "\n", "\r": return "a line break"
    case "\t": return "a tab"
    default: return "'\(Character(scalar))'"
    }
  }
}

/// ASCII bytes the reader looks for.
enum XMLByte {
  static let lessThan = UInt8(ascii: "<")
  static let greaterThan = UInt8(ascii: ">")
  static let question = UInt8(ascii: "?")
  static let exclamation = UInt8(ascii: "!")
  static let slash = UInt8(ascii: "/")
  static let equals = UInt8(ascii: "=")
  static let ampersand = UInt8(ascii: "&")
  static let semicolon = UInt8(ascii: ";")
  static let hash = UInt8(ascii: "#")
  static let doubleQuote = UInt8(ascii: "\"")
  static let singleQuote = UInt8(ascii: "'")
  static let openBracket = UInt8(ascii: "[")
  static let closeBracket = UInt8(ascii: "]")
  static let space = UInt8(ascii: " ")
  static let tab: UInt8 = 0x09
  static let lineFeed: UInt8 = 0x0A
  static let carriageReturn: UInt8 = 0x0D

  static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == space || byte == lineFeed || byte == tab || byte == carriageReturn
  }
}

/// The fixed strings that open and close markup.
enum XMLMarkup {
  static let commentOpen = Array("<!--".utf8)
  static let commentClose = Array("-->".utf8)
  static let cdataOpen = Array("<![CDATA[".utf8)
  static let cdataClose = Array("]]>".utf8)
  static let doctypeOpen = Array("<!DOCTYPE".utf8)
  static let processingInstructionClose = Array("?>".utf8)
}
