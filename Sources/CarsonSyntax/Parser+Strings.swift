// String literals: the lexer's begin/text/interpolation/end sequence becomes a `StringLiteral`
// whose text parts are already unescaped.

extension ParserState {
  mutating func parseString() -> Expr {
    let begin = advance()
    let delimiter = StringDelimiter(opening: source.bytes[Int(begin.start)..<Int(begin.end)]) ?? .double
    var parts: [StringLiteral.Part] = []
    let saved = newlinesSignificant
    defer { newlinesSignificant = saved }
    loop: while true {
      switch kind {
      case .stringText:
        let token = advance()
        parts.append(.text(StringCooker.cook(source.bytes, token, delimiter), token.range))
      case .interpolationBegin:
        let open = advance()
        newlinesSignificant = false
        var expr: Expr
        if at(.interpolationEnd) {
          expr = Expr(.null, SourceRange.point(current.start))
        } else {
          // Groovy reads `${…}` like a closure body: `${readFile file: x}` and
          // `${a(); b}` are legal, and the value is the last expression.
          expr = parseExpression(allowCommand: true)
          if at(.semicolon) {
            var sequence = [expr]
            while eat(.semicolon) != nil, !at(.interpolationEnd), !atEnd {
              sequence.append(parseExpression(allowCommand: true))
            }
            expr = Expr(.sequence(sequence), range(from: sequence[0].range.start))
          }
          if !at(.interpolationEnd) {
            report(.unexpectedToken, "Unexpected \(describe(current)) in '${…}'; it must hold one expression", at: errorRange(for: current))
            skipToInterpolationEnd()
          }
        }
        newlinesSignificant = saved
        _ = eat(.interpolationEnd)
        parts.append(.interpolation(expr, isBraced: true, range(from: open.start)))
      case .interpolationDollar:
        let dollar = advance()
        var expr = Expr(.missing, SourceRange.point(current.start))
        if at(.identifier) {
          let token = advance()
          expr = Expr(.identifier(text(token)), token.range)
          while at(.dot), peek().kind == .identifier {
            advance()
            let name = advance()
            expr = Expr(
              .property(PropertyAccess(base: expr, op: .dot, name: text(name), nameRange: name.range, dynamicName: nil)),
              SourceRange(start: expr.range.start, end: name.end))
          }
        }
        parts.append(.interpolation(expr, isBraced: false, range(from: dollar.start)))
      case .stringEnd:
        advance()
        break loop
      default:
        break loop
      }
    }
    return Expr(.string(StringLiteral(delimiter: delimiter, parts: parts)), range(from: begin.start))
  }

  mutating func skipToInterpolationEnd() {
    var nesting = 0
    while !atEnd {
      switch kind {
      case .interpolationBegin: nesting += 1
      case .interpolationEnd:
        if nesting == 0 { return }
        nesting -= 1
      default: break
      }
      advance()
    }
  }
}

/// Applies Groovy's escape rules to the raw text of a string part.
public enum StringCooker {
  static func cook(_ bytes: [UInt8], _ token: Token, _ delimiter: StringDelimiter) -> String {
    let slice = bytes[Int(token.start)..<Int(token.end)]
    if !token.flags.contains(.hasEscapes) { return String(decoding: slice, as: UTF8.self) }
    return cook(Array(slice), delimiter)
  }

  /// `raw` is the text between the delimiters (or between interpolations).
  public static func cook(_ raw: [UInt8], _ delimiter: StringDelimiter) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(raw.count)
    var i = 0
    let n = raw.count
    func byte(_ k: Int) -> UInt8 { k < n ? raw[k] : 0 }
    switch delimiter {
    case .slashy:
      while i < n {
        if raw[i] == 0x5C, byte(i + 1) == 0x2F {
          out.append(0x2F)
          i += 2
        } else {
          out.append(raw[i])
          i += 1
        }
      }
    case .dollarSlashy:
      while i < n {
        if raw[i] == 0x24, byte(i + 1) == 0x24 || byte(i + 1) == 0x2F {
          out.append(raw[i + 1])
          i += 2
        } else {
          out.append(raw[i])
          i += 1
        }
      }
    default:
      var pendingHighSurrogate: UInt32?
      while i < n {
        let b = raw[i]
        guard b == 0x5C, i + 1 < n else {
          out.append(b)
          i += 1
          continue
        }
        let e = raw[i + 1]
        i += 2
        switch e {
        case 0x62: out.append(0x08)
        case 0x74: out.append(0x09)
        case 0x6E: out.append(0x0A)
        case 0x66: out.append(0x0C)
        case 0x72: out.append(0x0D)
        case 0x73: out.append(0x20)
        case 0x0A: break  // line continuation
        case 0x0D: if byte(i) == 0x0A { i += 1 }
        case 0x75:
          while byte(i) == 0x75 { i += 1 }
          var value: UInt32 = 0
          var digits = 0
          while digits < 4, i < n, let d = hexValue(raw[i]) {
            value = value * 16 + d
            i += 1
            digits += 1
          }
          if value >= 0xD800 && value < 0xDC00 {
            pendingHighSurrogate = value
            continue
          }
          var scalarValue = value
          if let high = pendingHighSurrogate, value >= 0xDC00 && value < 0xE000 {
            scalarValue = 0x10000 + ((high - 0xD800) << 10) + (value - 0xDC00)
          }
          pendingHighSurrogate = nil
          let scalar = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
          out.append(contentsOf: Array(String(Character(scalar)).utf8))
        case 0x30...0x37:
          var value = UInt32(e - 0x30)
          let maxDigits = e <= 0x33 ? 3 : 2
          var digits = 1
          while digits < maxDigits, byte(i) >= 0x30, byte(i) <= 0x37 {
            value = value * 8 + UInt32(raw[i] - 0x30)
            i += 1
            digits += 1
          }
          out.append(contentsOf: Array(String(Character(Unicode.Scalar(value) ?? "\u{FFFD}")).utf8))
        default:
          // `\"`, `\'`, `\\`, `\$`, and (already reported) invalid escapes: the character itself.
          out.append(e)
        }
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The value of a hexadecimal digit.
  public static func hexValue(_ b: UInt8) -> UInt32? {
    switch b {
    case 0x30...0x39: return UInt32(b - 0x30)
    case 0x61...0x66: return UInt32(b - 0x61 + 10)
    case 0x41...0x46: return UInt32(b - 0x41 + 10)
    default: return nil
    }
  }
}
