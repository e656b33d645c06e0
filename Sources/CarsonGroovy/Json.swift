import Foundation

/// `groovy.json`: `JsonSlurper`/`JsonSlurperClassic` parsing and `JsonOutput`, with Groovy
/// 2.4's visible details: numbers keep their text (`1.50` stays a BigDecimal `1.50`), `toJson`
/// escapes non-ASCII as `\u00e9`, `prettyPrint` indents by four, and parsed objects come out in
/// the order Groovy's maps give: sorted keys for `JsonSlurper` (its LazyMap), Java `HashMap`
/// order for `JsonSlurperClassic`. (Keys added later are appended: Carson's maps keep
/// insertion order.)
enum GroovyJSON {
  // MARK: Parsing

  static func parse(_ text: String, classic: Bool) throws -> GValue {
    guard !text.isEmpty else { throw GroovyError.illegalArgument("Text must not be null or empty") }
    var parser = Parser(scalars: Array(text.unicodeScalars), classic: classic)
    parser.skipWhitespace()
    let value = try parser.value()
    parser.skipWhitespace()
    guard parser.index == parser.scalars.count else { throw parser.error("unexpected text after the JSON value") }
    return value
  }

  struct Parser {
    let scalars: [Unicode.Scalar]
    let classic: Bool
    var index = 0

    init(scalars: [Unicode.Scalar], classic: Bool) {
      self.scalars = scalars
      self.classic = classic
    }

    func error(_ message: String) -> GroovyError {
      GroovyError("groovy.json.JsonException", message)
    }

    var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    mutating func skipWhitespace() {
      while let c = current, c == " " || c == "\t" || c == "\n" || c == "\r" { index += 1 }
    }

    mutating func expect(_ c: Unicode.Scalar) throws {
      skipWhitespace()
      guard current == c else { throw error("expected '\(c)'") }
      index += 1
    }

    mutating func value() throws -> GValue {
      skipWhitespace()
      guard let c = current else { throw error("unexpected end of text") }
      switch c {
      case "{": return try object()
      case "[": return try array()
      case "\"": return .string(try string())
      case "t": return try literal("true", .bool(true))
      case "f": return try literal("false", .bool(false))
      case "n": return try literal("null", .null)
      default:
        guard c == "-" || ("0"..."9").contains(c) else { throw error("unexpected character '\(c)'") }
        return try number()
      }
    }

    mutating func literal(_ word: String, _ value: GValue) throws -> GValue {
      let end = index + word.unicodeScalars.count
      guard end <= scalars.count, String(String.UnicodeScalarView(scalars[index..<end])) == word else {
        throw error("\(word) not parsed properly")
      }
      index = end
      return value
    }

    mutating func number() throws -> GValue {
      let start = index
      while let c = current, c == "-" || c == "+" || c == "." || c == "e" || c == "E" || ("0"..."9").contains(c) { index += 1 }
      let text = String(String.UnicodeScalarView(scalars[start..<index]))
      if let i = Int64(text) { return .int(i) }
      guard let d = GDecimal(string: text) else { throw error("malformed number '\(text)'") }
      return .decimal(d)
    }

    mutating func string() throws -> String {
      index += 1  // opening quote
      var out = String.UnicodeScalarView()
      while true {
        guard let c = current else { throw error("unterminated string") }
        index += 1
        if c == "\"" { return String(out) }
        guard c == "\\" else {
          out.append(c)
          continue
        }
        guard let e = current else { throw error("unterminated string") }
        index += 1
        switch e {
        case "b": out.append("\u{8}")
        case "f": out.append("\u{C}")
        case "n": out.append("\n")
        case "r": out.append("\r")
        case "t": out.append("\t")
        case "u":
          var code: UInt32 = 0
          for _ in 0..<4 {
            guard let h = current, let digit = Int(String(h), radix: 16) else { throw error("bad \\u escape") }
            code = code * 16 + UInt32(digit)
            index += 1
          }
          // A surrogate pair spells one character.
          if (0xD800..<0xDC00).contains(code), current == "\\", index + 5 < scalars.count, scalars[index + 1] == "u",
            let low = UInt32(String(String.UnicodeScalarView(scalars[(index + 2)..<(index + 6)])), radix: 16), (0xDC00..<0xE000).contains(low)
          {
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            index += 6
          }
          out.append(Unicode.Scalar(code) ?? "\u{FFFD}")
        default: out.append(e)
        }
      }
    }

    mutating func array() throws -> GValue {
      index += 1
      var items: [GValue] = []
      skipWhitespace()
      if current == "]" {
        index += 1
        return .list(GList(items))
      }
      while true {
        items.append(try value())
        skipWhitespace()
        guard let c = current else { throw error("issue parsing JSON array") }
        index += 1
        if c == "]" { return .list(GList(items)) }
        guard c == "," else { throw error("issue parsing JSON array") }
      }
    }

    mutating func object() throws -> GValue {
      index += 1
      var pairs: [(String, GValue)] = []
      skipWhitespace()
      if current == "}" {
        index += 1
      } else {
        while true {
          skipWhitespace()
          guard current == "\"" else { throw error("expected a string key") }
          let key = try string()
          try expect(":")
          let v = try value()
          if let i = pairs.firstIndex(where: { $0.0 == key }) { pairs[i].1 = v } else { pairs.append((key, v)) }
          skipWhitespace()
          guard let c = current else { throw error("expecting '}' or ','") }
          index += 1
          if c == "}" { break }
          guard c == "," else { throw error("expecting '}' or ',' but got '\(c)'") }
        }
      }
      let ordered = classic ? javaHashMapOrder(pairs) : pairs.sorted { Array($0.0.utf16).lexicographicallyPrecedes(Array($1.0.utf16)) }
      return .map(GMap(ordered.map { (.string($0.0), $0.1) }))
    }
  }

  /// The iteration order of a `java.util.HashMap` holding these keys, inserted in this order:
  /// by bucket (`hash ^ hash >>> 16` masked by the table size, which doubles past 3/4 full),
  /// then by insertion within a bucket.
  static func javaHashMapOrder<V>(_ pairs: [(String, V)]) -> [(String, V)] {
    var capacity = 16
    while pairs.count > capacity * 3 / 4 { capacity *= 2 }
    func bucket(_ key: String) -> Int {
      var h: Int32 = 0
      for unit in key.utf16 { h = h &* 31 &+ Int32(unit) }
      let spread = UInt32(bitPattern: h) ^ (UInt32(bitPattern: h) >> 16)
      return Int(spread & UInt32(capacity - 1))
    }
    return pairs.enumerated().sorted { a, b in
      let (ba, bb) = (bucket(a.element.0), bucket(b.element.0))
      return ba != bb ? ba < bb : a.offset < b.offset
    }.map(\.element)
  }

  // MARK: Output

  /// `JsonOutput.toJson(value)`.
  static func toJson(_ value: GValue) throws -> String {
    var out = ""
    try write(value, to: &out)
    return out
  }

  static func write(_ value: GValue, to out: inout String) throws {
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .decimal(let d): out += d.description
    case .string(let s): writeString(s, to: &out)
    case .list(let l):
      out += "["
      for (i, item) in l.items.enumerated() {
        if i > 0 { out += "," }
        try write(item, to: &out)
      }
      out += "]"
    case .map(let m):
      out += "{"
      for (i, (k, v)) in m.entries.enumerated() {
        if k.isNull { throw GroovyError.illegalArgument("Maps with null keys can't be converted to JSON") }
        if i > 0 { out += "," }
        writeString(Groovy.string(k), to: &out)
        out += ":"
        try write(v, to: &out)
      }
      out += "}"
    case .object(let o as RangeObject): try write(.list(GList(try o.groovyElements())), to: &out)
    case .closure, .object: writeString(Groovy.string(value), to: &out)
    }
  }

  /// A JSON string as Groovy writes it: control and non-ASCII characters as `\uXXXX`.
  static func writeString(_ s: String, to out: inout String) {
    out += "\""
    for unit in s.utf16 {
      switch unit {
      case 0x22: out += "\\\""
      case 0x5C: out += "\\\\"
      case 0x08: out += "\\b"
      case 0x0C: out += "\\f"
      case 0x0A: out += "\\n"
      case 0x0D: out += "\\r"
      case 0x09: out += "\\t"
      case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
      default: out += "\\u" + String(repeating: "0", count: 4 - String(unit, radix: 16).count) + String(unit, radix: 16)
      }
    }
    out += "\""
  }

  /// `JsonOutput.prettyPrint(json)`: Groovy's token-by-token layout (four spaces per level,
  /// an indented blank line inside empty `{}`/`[]`); strings and numbers are kept as written.
  static func prettyPrint(_ json: String) throws -> String {
    let scalars = Array(json.unicodeScalars)
    var out = ""
    var indent = 0
    var i = 0
    func spaces() -> String { String(repeating: " ", count: indent) }
    while i < scalars.count {
      let c = scalars[i]
      switch c {
      case " ", "\t", "\n", "\r": i += 1
      case "{", "[":
        indent += 4
        out += "\(c)\n" + spaces()
        i += 1
      case "}", "]":
        indent -= 4
        out += "\n" + (indent > 0 ? spaces() : "") + String(c)
        i += 1
      case ",":
        out += ",\n" + spaces()
        i += 1
      case ":":
        out += ": "
        i += 1
      case "\"":
        let start = i
        i += 1
        while i < scalars.count && scalars[i] != "\"" { i += scalars[i] == "\\" ? 2 : 1 }
        guard i < scalars.count else { throw GroovyError("groovy.json.JsonException", "Unterminated string in JSON text") }
        i += 1
        out += String(String.UnicodeScalarView(scalars[start..<i]))
      default:
        let start = i
        while i < scalars.count, !" \t\n\r{}[],:\"".unicodeScalars.contains(scalars[i]) { i += 1 }
        let word = String(String.UnicodeScalarView(scalars[start..<i]))
        guard word == "true" || word == "false" || word == "null" || GDecimal(string: word) != nil else {
          throw GroovyError("groovy.json.JsonException", "Unexpected token '\(word)' in JSON text")
        }
        out += word
      }
    }
    return out
  }
}
