/// Character data, entity references, and the markup the reader skips.
extension XMLEventReader {
  /// Text up to the next '<', or nil for whitespace outside the root element (anything else
  /// there is an error). Line breaks are normalised to "\n", as XML requires.
  mutating func readText() throws(XMLReadError) -> String? {
    if open.isEmpty {
      skipWhitespace()
      guard position < bytes.count, bytes[position] != XMLByte.lessThan else { return nil }
      throw failure(rootSeen ? "extra content after the root element" : "expected '<' to start the root element but found \(found(at: position))", at: position)
    }
    var text: [UInt8] = []
    while let byte = byte(at: position), byte != XMLByte.lessThan {
      switch byte {
      case XMLByte.ampersand:
        try appendEntity(to: &text)
      case XMLByte.carriageReturn:
        if self.byte(at: position + 1) != XMLByte.lineFeed { text.append(XMLByte.lineFeed) }
        position += 1
      default:
        text.append(byte)
        position += 1
      }
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// Decodes the reference at `position` (`&amp;`, `&#65;`, `&#x41;`, …) into `output`.
  mutating func appendEntity(to output: inout [UInt8]) throws(XMLReadError) {
    let referenceStart = position
    let nameStart = position + 1
    var end = nameStart
    while end < bytes.count, end - nameStart <= 32, bytes[end] != XMLByte.semicolon, !XMLByte.isWhitespace(bytes[end]), bytes[end] != XMLByte.lessThan { end += 1 }
    guard end < bytes.count, bytes[end] == XMLByte.semicolon, end > nameStart else {
      throw failure("'&' does not start an entity reference such as &amp; or &#38;", at: referenceStart)
    }
    let name = bytes[nameStart..<end]
    position = end + 1
    let scalar: Unicode.Scalar?
    switch String(decoding: name, as: UTF8.self) {
    case "lt": scalar = "<"
    case "gt": scalar = ">"
    case "amp": scalar = "&"
    case "quot": scalar = "\""
    case "apos": scalar = "'"
    case let reference where name.first == XMLByte.hash:
      let hexadecimal = reference.hasPrefix("#x")
      let digits = reference.dropFirst(hexadecimal ? 2 : 1)
      let value = digits.count <= 8 ? UInt32(digits, radix: hexadecimal ? 16 : 10) : nil
      guard let value, Self.isXMLCharacter(value) else {
        throw failure("&\(reference); is not a character XML allows", at: referenceStart)
      }
      scalar = Unicode.Scalar(value)
    case let other:
      throw failure("undefined entity &\(other); (only &lt; &gt; &amp; &quot; &apos; and character references are defined)", at: referenceStart)
    }
    if let scalar { output.append(contentsOf: Array(String(scalar).utf8)) }
  }

  /// XML 1.0's `Char` production.
  static func isXMLCharacter(_ value: UInt32) -> Bool {
    switch value {
    case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
    default: false
    }
  }

  mutating func readCDATA() throws(XMLReadError) -> String {
    let sectionStart = position
    guard !open.isEmpty else { throw failure("a CDATA section outside the root element", at: sectionStart) }
    let contentStart = position + XMLMarkup.cdataOpen.count
    guard let end = find(XMLMarkup.cdataClose, from: contentStart) else {
      throw failure("the CDATA section is never closed with ']]>'; the file may be truncated", at: sectionStart)
    }
    position = end + XMLMarkup.cdataClose.count
    return String(decoding: bytes[contentStart..<end], as: UTF8.self)
  }

  mutating func skipComment() throws(XMLReadError) {
    guard let end = find(XMLMarkup.commentClose, from: position + XMLMarkup.commentOpen.count) else {
      throw failure("the comment is never closed with '-->'; the file may be truncated", at: position)
    }
    position = end + XMLMarkup.commentClose.count
  }

  /// `<?target …?>`, including the XML declaration, which may only come first.
  mutating func skipProcessingInstruction() throws(XMLReadError) {
    let instructionStart = position
    position += 2
    let target = try readName("a processing instruction name after '<?'")
    if target.lowercased() == "xml" && instructionStart != start {
      throw failure("the XML declaration <?xml …?> must be at the very start of the file", at: instructionStart)
    }
    guard let end = find(XMLMarkup.processingInstructionClose, from: position) else {
      throw failure("<?\(target) is never closed with '?>'; the file may be truncated", at: instructionStart)
    }
    position = end + XMLMarkup.processingInstructionClose.count
  }

  /// `<!DOCTYPE …>` with any internal subset, skipped unread: quoted strings, comments and
  /// processing instructions in it may contain '>' or ']'.
  mutating func skipDoctype() throws(XMLReadError) {
    let doctypeStart = position
    if rootSeen { throw failure("a DOCTYPE after the root element", at: doctypeStart) }
    var index = position + XMLMarkup.doctypeOpen.count
    var inSubset = false
    while index < bytes.count {
      let byte = bytes[index]
      if byte == XMLByte.doubleQuote || byte == XMLByte.singleQuote {
        guard let close = bytes[(index + 1)...].firstIndex(of: byte) else { break }
        index = close + 1
      } else if inSubset && matches(XMLMarkup.commentOpen, at: index) {
        guard let close = find(XMLMarkup.commentClose, from: index + XMLMarkup.commentOpen.count) else { break }
        index = close + XMLMarkup.commentClose.count
      } else if inSubset && byte == XMLByte.lessThan && self.byte(at: index + 1) == XMLByte.question {
        guard let close = find(XMLMarkup.processingInstructionClose, from: index + 2) else { break }
        index = close + XMLMarkup.processingInstructionClose.count
      } else if byte == XMLByte.openBracket && !inSubset {
        inSubset = true
        index += 1
      } else if byte == XMLByte.closeBracket && inSubset {
        inSubset = false
        index += 1
      } else if byte == XMLByte.greaterThan && !inSubset {
        position = index + 1
        return
      } else {
        index += 1
      }
    }
    throw failure("the DOCTYPE is never closed with '>'; the file may be truncated", at: doctypeStart)
  }
}
