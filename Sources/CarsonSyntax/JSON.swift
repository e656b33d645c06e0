/// A JSON value with ordered object keys, so output is byte-for-byte stable and keys appear in
/// the order a schema documents them. Used for `lint --format json`, Jenkins' JSON form, SARIF,
/// and (parsing) by the language server and tests.
public indirect enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case integer(Int64)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.integer(let x), .integer(let y)): return x == y
    case (.double(let x), .double(let y)): return x == y
    case (.integer(let x), .double(let y)), (.double(let y), .integer(let x)): return Double(x) == y
    case (.string(let x), .string(let y)): return x == y
    case (.array(let x), .array(let y)): return x == y
    case (.object(let x), .object(let y)):
      // Objects compare as maps: key order does not matter.
      guard x.count == y.count else { return false }
      let other = Dictionary(y, uniquingKeysWith: { a, _ in a })
      return x.allSatisfy { key, value in other[key] == value }
    default: return false
    }
  }

  public subscript(key: String) -> JSONValue? {
    if case .object(let pairs) = self { return pairs.first { $0.0 == key }?.1 }
    return nil
  }

  public subscript(index: Int) -> JSONValue? {
    if case .array(let items) = self, index >= 0, index < items.count { return items[index] }
    return nil
  }

  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  public var intValue: Int? {
    switch self {
    case .integer(let i): return Int(exactly: i)
    case .double(let d): return Int(exactly: d)
    default: return nil
    }
  }

  public var boolValue: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  public var arrayValue: [JSONValue]? {
    if case .array(let items) = self { return items }
    return nil
  }

  public var objectValue: [(String, JSONValue)]? {
    if case .object(let pairs) = self { return pairs }
    return nil
  }
}

// MARK: - Writing

extension JSONValue {
  /// Compact form (one line), as JSON lines and LSP messages need.
  public var compact: String {
    var out = ""
    write(to: &out, indent: nil, level: 0)
    return out
  }

  /// Indented with two spaces, for humans.
  public var pretty: String {
    var out = ""
    write(to: &out, indent: "  ", level: 0)
    return out
  }

  func write(to out: inout String, indent: String?, level: Int) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .integer(let i): out += String(i)
    case .double(let d):
      if d.isFinite, d == d.rounded(), abs(d) < 1e15 { out += String(Int64(d)) + ".0" } else if d.isFinite { out += String(d) } else { out += "null" }
    case .string(let s): JSONValue.writeString(s, to: &out)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        newline(&out, indent, level + 1)
        item.write(to: &out, indent: indent, level: level + 1)
      }
      newline(&out, indent, level)
      out += "]"
    case .object(let pairs):
      if pairs.isEmpty {
        out += "{}"
        return
      }
      out += "{"
      for (i, (key, value)) in pairs.enumerated() {
        if i > 0 { out += "," }
        newline(&out, indent, level + 1)
        JSONValue.writeString(key, to: &out)
        out += indent == nil ? ":" : ": "
        value.write(to: &out, indent: indent, level: level + 1)
      }
      newline(&out, indent, level)
      out += "}"
    }
  }

  private func newline(_ out: inout String, _ indent: String?, _ level: Int) {
    guard let indent else { return }
    out += "\n"
    for _ in 0..<level { out += indent }
  }

  static func writeString(_ s: String, to out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}

// MARK: - Parsing

public struct JSONParseError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public var offset: Int
  public var description: String { "\(message) at offset \(offset)" }
}

extension JSONValue {
  /// Parses RFC 8259 JSON. Nesting is limited to 512 levels so hostile input cannot exhaust the stack.
  public static func parse(_ text: String) throws -> JSONValue {
    try parse(Array(text.utf8))
  }

  public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
    var parser = JSONParser(bytes: bytes)
    parser.skipWhitespace()
    let value = try parser.parseValue(depth: 0)
    parser.skipWhitespace()
    if parser.pos != bytes.count { throw parser.fail("Unexpected text after the JSON value") }
    return value
  }
}

struct JSONParser {
  let bytes: [UInt8]
  var pos = 0

  func fail(_ message: String) -> JSONParseError { JSONParseError(message: message, offset: pos) }

  mutating func skipWhitespace() {
    while pos < bytes.count, bytes[pos] == 0x20 || bytes[pos] == 0x0A || bytes[pos] == 0x0D || bytes[pos] == 0x09 { pos += 1 }
  }

  mutating func parseValue(depth: Int) throws -> JSONValue {
    guard depth < 512 else { throw fail("JSON nested too deeply") }
    guard pos < bytes.count else { throw fail("Unexpected end of JSON") }
    switch bytes[pos] {
    case 0x7B: return try parseObject(depth: depth)
    case 0x5B: return try parseArray(depth: depth)
    case 0x22: return .string(try parseString())
    case 0x74: return try literal("true", .bool(true))
    case 0x66: return try literal("false", .bool(false))
    case 0x6E: return try literal("null", .null)
    default: return try parseNumber()
    }
  }

  mutating func literal(_ word: String, _ value: JSONValue) throws -> JSONValue {
    let w = Array(word.utf8)
    guard pos + w.count <= bytes.count, Array(bytes[pos..<pos + w.count]) == w else { throw fail("Invalid literal") }
    pos += w.count
    return value
  }

  mutating func parseObject(depth: Int) throws -> JSONValue {
    pos += 1
    var pairs: [(String, JSONValue)] = []
    skipWhitespace()
    if pos < bytes.count, bytes[pos] == 0x7D {
      pos += 1
      return .object(pairs)
    }
    while true {
      skipWhitespace()
      guard pos < bytes.count, bytes[pos] == 0x22 else { throw fail("Expected a string key") }
      let key = try parseString()
      skipWhitespace()
      guard pos < bytes.count, bytes[pos] == 0x3A else { throw fail("Expected ':'") }
      pos += 1
      skipWhitespace()
      pairs.append((key, try parseValue(depth: depth + 1)))
      skipWhitespace()
      guard pos < bytes.count else { throw fail("Unexpected end of JSON in an object") }
      if bytes[pos] == 0x2C {
        pos += 1
        continue
      }
      if bytes[pos] == 0x7D {
        pos += 1
        return .object(pairs)
      }
      throw fail("Expected ',' or '}'")
    }
  }

  mutating func parseArray(depth: Int) throws -> JSONValue {
    pos += 1
    var items: [JSONValue] = []
    skipWhitespace()
    if pos < bytes.count, bytes[pos] == 0x5D {
      pos += 1
      return .array(items)
    }
    while true {
      skipWhitespace()
      items.append(try parseValue(depth: depth + 1))
      skipWhitespace()
      guard pos < bytes.count else { throw fail("Unexpected end of JSON in an array") }
      if bytes[pos] == 0x2C {
        pos += 1
        continue
      }
      if bytes[pos] == 0x5D {
        pos += 1
        return .array(items)
      }
      throw fail("Expected ',' or ']'")
    }
  }

  mutating func parseString() throws -> String {
    pos += 1
    var out: [UInt8] = []
    while pos < bytes.count {
      let b = bytes[pos]
      if b == 0x22 {
        pos += 1
        return String(decoding: out, as: UTF8.self)
      }
      if b < 0x20 { throw fail("Control character in a string") }
      if b == 0x5C {
        pos += 1
        guard pos < bytes.count else { break }
        let e = bytes[pos]
        pos += 1
        switch e {
        case 0x22: out.append(0x22)
        case 0x5C: out.append(0x5C)
        case 0x2F: out.append(0x2F)
        case 0x62: out.append(0x08)
        case 0x66: out.append(0x0C)
        case 0x6E: out.append(0x0A)
        case 0x72: out.append(0x0D)
        case 0x74: out.append(0x09)
        case 0x75:
          var code = try hex4()
          if code >= 0xD800 && code < 0xDC00, pos + 1 < bytes.count, bytes[pos] == 0x5C, bytes[pos + 1] == 0x75 {
            pos += 2
            let low = try hex4()
            if low >= 0xDC00 && low < 0xE000 { code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00) }
          }
          let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
          out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default: throw fail("Invalid escape in a string")
        }
        continue
      }
      out.append(b)
      pos += 1
    }
    throw fail("Unterminated string")
  }

  mutating func hex4() throws -> UInt32 {
    guard pos + 4 <= bytes.count else { throw fail("Invalid \\u escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let digit = StringCooker.hexValue(bytes[pos]) else { throw fail("Invalid \\u escape") }
      value = value * 16 + digit
      pos += 1
    }
    return value
  }

  mutating func parseNumber() throws -> JSONValue {
    let start = pos
    if pos < bytes.count, bytes[pos] == 0x2D { pos += 1 }
    var isInteger = true
    while pos < bytes.count {
      let b = bytes[pos]
      if b >= 0x30 && b <= 0x39 {
        pos += 1
      } else if b == 0x2E || b == 0x65 || b == 0x45 || b == 0x2B || b == 0x2D {
        isInteger = false
        pos += 1
      } else {
        break
      }
    }
    let text = String(decoding: bytes[start..<pos], as: UTF8.self)
    if text.isEmpty || text == "-" { throw fail("Unexpected character") }
    if isInteger, let i = Int64(text) { return .integer(i) }
    guard let d = Double(text) else { throw fail("Invalid number") }
    return .double(d)
  }
}
