/// What is wrong with an XML document, and where (1-based line, and column in characters).
struct XMLReadError: Error, Equatable, CustomStringConvertible {
  let line: Int
  let column: Int
  let message: String
  var description: String { "line \(line), column \(column): \(message)" }
}

/// Turns a file's bytes into the checked UTF-8 that `XMLEventReader` reads, and offsets in them
/// into lines and columns. Checking every byte once up front means the reader never meets
/// invalid UTF-8 or a control character, so binary garbage fails here with a position.
enum XMLInput {
  /// The document as UTF-8 and the offset after a byte-order mark. ISO-8859-1 (declared in the
  /// XML declaration) is converted; UTF-16 and other encodings are refused.
  static func utf8(_ raw: [UInt8]) throws(XMLReadError) -> (bytes: [UInt8], start: Int) {
    if raw.starts(with: [0xFE, 0xFF]) || raw.starts(with: [0xFF, 0xFE]) {
      throw XMLReadError(line: 1, column: 1, message: "the file is UTF-16; only UTF-8 and ISO-8859-1 reports can be read")
    }
    let start = raw.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    var bytes = raw
    if let encoding = declaredEncoding(raw, from: start) {
      switch encoding.name.lowercased() {
      case "utf-8", "utf8", "us-ascii", "ascii": break
      case "iso-8859-1", "iso8859-1", "latin1", "latin-1":
        bytes = latin1ToUTF8(raw)
      default:
        throw error("unsupported encoding '\(encoding.name)'; only UTF-8 and ISO-8859-1 reports can be read", in: raw, from: start, at: encoding.offset)
      }
    }
    if let (offset, message) = firstInvalidCharacter(bytes, from: start) {
      throw error(message, in: bytes, from: start, at: offset)
    }
    return (bytes, start)
  }

  /// ISO-8859-1 is the first 256 code points: bytes from 0x80 take two bytes in UTF-8.
  private static func latin1ToUTF8(_ raw: [UInt8]) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(raw.count + raw.count / 8)
    for byte in raw {
      if byte < 0x80 {
        bytes.append(byte)
      } else {
        bytes.append(0xC0 | byte >> 6)
        bytes.append(0x80 | byte & 0x3F)
      }
    }
    return bytes
  }

  static func error(_ message: String, in bytes: [UInt8], from start: Int, at offset: Int) -> XMLReadError {
    var line = 1
    var lineStart = start
    for index in start..<min(offset, bytes.count) where bytes[index] == 0x0A {
      line += 1
      lineStart = index + 1
    }
    // Columns count characters: every byte but UTF-8 continuation bytes starts one.
    let column = 1 + bytes[lineStart..<min(offset, bytes.count)].count(where: { $0 & 0xC0 != 0x80 })
    return XMLReadError(line: line, column: column, message: message)
  }

  /// The `encoding` pseudo-attribute of `<?xml … ?>` at the very start, and where its value is.
  private static func declaredEncoding(_ bytes: [UInt8], from start: Int) -> (name: String, offset: Int)? {
    guard bytes[start...].starts(with: Array("<?xml".utf8)) else { return nil }
    let end = min(bytes.count, start + 512)
    let declaration = bytes[start..<end].prefix { $0 != UInt8(ascii: ">") }
    let key = Array("encoding".utf8)
    guard var index = declaration.indices.first(where: { declaration[$0...].starts(with: key) }) else { return nil }
    index += key.count
    while index < declaration.endIndex, declaration[index] != UInt8(ascii: "\""), declaration[index] != UInt8(ascii: "'") { index += 1 }
    guard index < declaration.endIndex else { return nil }
    let quote = declaration[index]
    guard let close = declaration[(index + 1)...].firstIndex(of: quote) else { return nil }
    return (String(decoding: declaration[(index + 1)..<close], as: UTF8.self), index + 1)
  }

  /// The first byte that is not part of valid UTF-8 or is a control character XML 1.0 forbids.
  private static func firstInvalidCharacter(_ bytes: [UInt8], from start: Int) -> (Int, String)? {
    var index = start
    while index < bytes.count {
      let lead = bytes[index]
      if lead < 0x80 {
        if lead < 0x20 && lead != 0x09 && lead != 0x0A && lead != 0x0D {
          return (index, "invalid character U+\(hex(lead, digits: 4)) (is this a binary file?)")
        }
        index += 1
        continue
      }
      // Lengths and the allowed range of the second byte, which rules out overlong forms,
      // surrogates and code points above U+10FFFF.
      let (length, low, high): (Int, UInt8, UInt8) = switch lead {
      case 0xC2...0xDF: (2, 0x80, 0xBF)
      case 0xE0: (3, 0xA0, 0xBF)
      case 0xED: (3, 0x80, 0x9F)
      case 0xE1...0xEF: (3, 0x80, 0xBF)
      case 0xF0: (4, 0x90, 0xBF)
      case 0xF1...0xF3: (4, 0x80, 0xBF)
      case 0xF4: (4, 0x80, 0x8F)
      default: (0, 0, 0)
      }
      var valid = length > 0 && index + length <= bytes.count && (low...high).contains(bytes[index + 1])
      if valid { valid = bytes[(index + 2)..<(index + length)].allSatisfy { $0 & 0xC0 == 0x80 } }
      guard valid else { return (index, "invalid UTF-8 byte 0x\(hex(lead, digits: 2)) (is this a binary file, or not UTF-8?)") }
      index += length
    }
    return nil
  }

  static func hex(_ value: some BinaryInteger, digits: Int) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
  }
}
