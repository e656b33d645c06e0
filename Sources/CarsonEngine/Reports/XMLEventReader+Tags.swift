/// Start tags, end tags, names and attribute values.
extension XMLEventReader {
  mutating func readStartTag() throws(XMLReadError) -> XMLEvent {
    let tagStart = position
    if rootSeen && open.isEmpty { throw failure("extra content after the root element", at: tagStart) }
    position += 1
    let name = try readName("an element name after '<'")
    var attributes: [XMLAttribute] = []
    var names: Set<String> = []
    while true {
      let spaced = skipWhitespace()
      switch byte(at: position) {
      case nil:
        throw failure("the file ends inside the start tag <\(name)>; it may be truncated", at: position)
      case XMLByte.greaterThan:
        position += 1
        try openElement(name, at: tagStart)
        return .startElement(name: name, attributes: attributes)
      case XMLByte.slash:
        guard byte(at: position + 1) == XMLByte.greaterThan else {
          throw failure("expected '>' after '/' in <\(name)> but found \(found(at: position + 1))", at: position + 1)
        }
        position += 2
        try openElement(name, at: tagStart)
        selfClosed = true
        return .startElement(name: name, attributes: attributes)
      default:
        guard spaced else { throw failure("expected whitespace, '>' or '/>' in <\(name)> but found \(found(at: position))", at: position) }
        let attributeStart = position
        let attribute = try readName("an attribute name, '>' or '/>' in <\(name)>")
        skipWhitespace()
        guard byte(at: position) == XMLByte.equals else {
          throw failure("expected '=' after attribute \(attribute) in <\(name)> but found \(found(at: position))", at: position)
        }
        position += 1
        skipWhitespace()
        let value = try readAttributeValue(attribute, in: name)
        guard names.insert(attribute).inserted else {
          throw failure("attribute \(attribute) appears twice in <\(name)>", at: attributeStart)
        }
        attributes.append(XMLAttribute(name: attribute, value: value))
      }
    }
  }

  mutating func readEndTag() throws(XMLReadError) -> String {
    let tagStart = position
    position += 2
    let name = try readName("an element name after '</'")
    skipWhitespace()
    guard byte(at: position) == XMLByte.greaterThan else {
      throw failure("expected '>' to end </\(name)> but found \(found(at: position))", at: position)
    }
    guard let element = open.last else {
      if rootSeen { throw failure("extra content after the root element", at: tagStart) }
      throw failure("end tag </\(name)> has no matching start tag", at: tagStart)
    }
    guard element.name == name else {
      throw failure("end tag </\(name)> does not match \(opened(element))", at: tagStart)
    }
    position += 1
    open.removeLast()
    return name
  }

  mutating func openElement(_ name: String, at offset: Int) throws(XMLReadError) {
    guard open.count < Self.maximumDepth else {
      throw failure("elements are nested more than \(Self.maximumDepth) deep", at: offset)
    }
    open.append((name, offset))
    rootSeen = true
  }

  /// An XML name: a letter, '_', ':' or any non-ASCII character, then also digits, '-' and '.'.
  mutating func readName(_ expected: String) throws(XMLReadError) -> String {
    let nameStart = position
    while let byte = byte(at: position), Self.isNameByte(byte, first: position == nameStart) { position += 1 }
    guard position > nameStart else { throw failure("expected \(expected) but found \(found(at: position))", at: position) }
    return String(decoding: bytes[nameStart..<position], as: UTF8.self)
  }

  static func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"), UInt8(ascii: ":"), 0x80...: true
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."): !first
    default: false
    }
  }

  /// A quoted value; tabs and line breaks become spaces, as XML normalises attribute values.
  mutating func readAttributeValue(_ attribute: String, in element: String) throws(XMLReadError) -> String {
    guard let quote = byte(at: position), quote == XMLByte.doubleQuote || quote == XMLByte.singleQuote else {
      throw failure("expected a quoted value for attribute \(attribute) in <\(element)> but found \(found(at: position))", at: position)
    }
    let valueStart = position
    position += 1
    var value: [UInt8] = []
    while true {
      guard let byte = byte(at: position) else {
        throw failure("the value of attribute \(attribute) in <\(element)> is never closed with \(quote == XMLByte.doubleQuote ? "'\"'" : "\"'\""); the file may be truncated", at: valueStart)
      }
      switch byte {
      case quote:
        position += 1
        return String(decoding: value, as: UTF8.self)
      case XMLByte.lessThan:
        throw failure("'<' is not allowed in the value of attribute \(attribute) in <\(element)> (write &lt;)", at: position)
      case XMLByte.ampersand:
        try appendEntity(to: &value)
      case XMLByte.carriageReturn where self.byte(at: position + 1) == XMLByte.lineFeed:
        position += 1
      case XMLByte.tab, XMLByte.lineFeed, XMLByte.carriageReturn:
        value.append(XMLByte.space)
        position += 1
      default:
        value.append(byte)
        position += 1
      }
    }
  }

  @discardableResult
  mutating func skipWhitespace() -> Bool {
    let before = position
    while let byte = byte(at: position), XMLByte.isWhitespace(byte) { position += 1 }
    return position > before
  }
}
