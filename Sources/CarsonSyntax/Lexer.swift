/// Groovy's lexical grammar over UTF-8 bytes, as far as Jenkinsfiles use it.
///
/// The lexer never throws and never stops early: a problem becomes a diagnostic with the exact
/// byte range, and lexing continues with the next byte, so the parser always gets a token
/// stream that ends with `endOfFile`. Strings are emitted as a token sequence (begin, text and
/// interpolation parts, end); inside `${…}` ordinary tokens are produced until the matching
/// `}`, which is how nested strings such as `"${x ? "a" : 'b'}"` stay exact.
public struct Lexer {
  public struct Result: Sendable {
    public var tokens: [Token]
    public var diagnostics: [Diagnostic]
  }

  /// Deeper `${"${…}"}` nesting than this is reported instead of recursed into.
  static let maxInterpolationDepth = 64

  public static func tokenize(_ bytes: [UInt8]) -> Result {
    bytes.withUnsafeBufferPointer { buffer in
      var state = LexerState(buffer)
      state.run()
      return Result(tokens: state.tokens, diagnostics: state.diagnostics)
    }
  }
}

/// The string forms and what each allows.
public enum StringDelimiter: UInt8, Sendable {
  case single, tripleSingle, double, tripleDouble, slashy, dollarSlashy

  public var interpolates: Bool { self != .single && self != .tripleSingle }
  public var isMultiline: Bool { self != .single && self != .double }

  /// Recognises the opening delimiter from the text of a `stringBegin` token.
  public init?(opening text: some Collection<UInt8>) {
    // Called for every string literal: compares bytes in place rather than building an array.
    guard let first = text.first else { return nil }
    let count = text.count
    switch (first, count) {
    case (0x27, 1): self = .single
    case (0x27, 3) where text.allSatisfy({ $0 == 0x27 }): self = .tripleSingle
    case (0x22, 1): self = .double
    case (0x22, 3) where text.allSatisfy({ $0 == 0x22 }): self = .tripleDouble
    case (0x2F, 1): self = .slashy
    case (0x24, 2) where text.dropFirst().first == 0x2F: self = .dollarSlashy
    default: return nil
    }
  }
}

// MARK: - Character classes

@inline(__always) func isIdentifierStart(_ b: UInt8) -> Bool {
  (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F || b == 0x24 || b >= 0x80
}

@inline(__always) func isIdentifierPart(_ b: UInt8) -> Bool {
  isIdentifierStart(b) || (b >= 0x30 && b <= 0x39)
}

@inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

@inline(__always) func isHexDigit(_ b: UInt8) -> Bool {
  isDigit(b) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46)
}

/// Keywords bucketed by length, then by first byte.
/// Keywords bucketed by length and first letter, each packed into two integers, so finding
/// out whether an identifier is a keyword hashes nothing and retains nothing (two dictionary
/// lookups per identifier were a third of the lexer's time).
enum KeywordTable {
  struct Entry {
    var low: UInt64
    var high: UInt32
    var kind: TokenKind
  }

  static let maxLength = 12

  /// `entries[bucketStart[b]..<bucketStart[b + 1]]` are the keywords of bucket `b`.
  static let (entries, bucketStart): ([Entry], [Int]) = {
    var buckets = [[Entry]](repeating: [], count: (maxLength + 1) * 26)
    for (word, kind) in TokenKind.keywords {
      let bytes = Array(word.utf8)
      bytes.withUnsafeBufferPointer { buffer in
        let (low, high) = pack(buffer, start: 0, length: bytes.count)
        buckets[bucket(length: bytes.count, first: bytes[0])!].append(Entry(low: low, high: high, kind: kind))
      }
    }
    var starts = [0]
    for entries in buckets { starts.append(starts[starts.count - 1] + entries.count) }
    return (buckets.flatMap { $0 }, starts)
  }()

  /// Keywords are 2–12 lowercase ASCII letters.
  @inline(__always) static func bucket(length: Int, first: UInt8) -> Int? {
    guard length >= 2, length <= maxLength, first >= 0x61, first <= 0x7A else { return nil }
    return length * 26 + Int(first - 0x61)
  }

  /// The first 8 bytes in `low`, the next 4 in `high` (length ≤ `maxLength`).
  @inline(__always) static func pack(_ buffer: UnsafeBufferPointer<UInt8>, start: Int, length: Int) -> (UInt64, UInt32) {
    var low: UInt64 = 0
    var high: UInt32 = 0
    for i in 0..<min(length, 8) { low |= UInt64(buffer[start + i]) << (8 * i) }
    if length > 8 {
      for i in 8..<length { high |= UInt32(buffer[start + i]) << (8 * (i - 8)) }
    }
    return (low, high)
  }
}

// MARK: - State

struct LexerState {
  let buf: UnsafeBufferPointer<UInt8>
  let count: Int
  var pos = 0
  var tokens: [Token] = []
  var diagnostics: [Diagnostic] = []
  /// Trivia flags collected since the last token.
  var pending: TokenFlags = []
  /// The last token that is not part of a string, for the `/` regex-or-division decision.
  var lastKind: TokenKind = .semicolon
  var interpolationDepth = 0

  init(_ buf: UnsafeBufferPointer<UInt8>) {
    self.buf = buf
    self.count = buf.count
    tokens.reserveCapacity(buf.count / 4 + 16)
  }

  @inline(__always) func peek(_ offset: Int = 0) -> UInt8 {
    let i = pos + offset
    return i < count ? buf[i] : 0
  }

  @inline(__always) mutating func emit(_ kind: TokenKind, from start: Int, flags extra: TokenFlags = []) {
    tokens.append(Token(kind, start: UInt32(start), end: UInt32(pos), flags: pending.union(extra)))
    pending = []
    switch kind {
    case .stringText, .interpolationBegin, .interpolationDollar, .stringBegin: break
    default: lastKind = kind
    }
  }

  mutating func report(_ id: DiagnosticID, _ message: String, _ start: Int, _ end: Int) {
    diagnostics.append(Diagnostic(id, message, at: SourceRange(start, end)))
  }

  mutating func run() {
    // A `#!` first line is a comment (shebang), as in Groovy scripts.
    if count >= 2, buf[0] == 0x23, buf[1] == 0x21 {
      while pos < count, buf[pos] != 0x0A, buf[pos] != 0x0D { pos += 1 }
    }
    lexTokens(inInterpolation: false)
    skipTrivia()
    tokens.append(Token(.endOfFile, start: UInt32(count), end: UInt32(count), flags: pending))
  }

  // MARK: Trivia

  /// Skips whitespace, comments and backslash line continuations, recording them in `pending`.
  mutating func skipTrivia() {
    while pos < count {
      let b = buf[pos]
      switch b {
      case 0x20, 0x09, 0x0C:
        pending.insert(.spaceBefore)
        pos += 1
      case 0x0A, 0x0D:
        pending.insert(.newlineBefore)
        pos += 1
      case 0x5C where peek(1) == 0x0A || peek(1) == 0x0D:
        // Line continuation in code: the newline does not end the statement.
        pending.insert(.spaceBefore)
        pos += 2
        if buf[pos - 1] == 0x0D, peek() == 0x0A { pos += 1 }
      case 0x2F where peek(1) == 0x2F:
        pending.insert(.spaceBefore)
        while pos < count, buf[pos] != 0x0A, buf[pos] != 0x0D { pos += 1 }
      case 0x2F where peek(1) == 0x2A:
        let start = pos
        pending.insert(.spaceBefore)
        pos += 2
        var closed = false
        while pos < count {
          if buf[pos] == 0x2A, peek(1) == 0x2F {
            pos += 2
            closed = true
            break
          }
          if buf[pos] == 0x0A || buf[pos] == 0x0D { pending.insert(.newlineBefore) }
          pos += 1
        }
        if !closed {
          report(.unterminatedComment, "Unterminated block comment: '/*' has no matching '*/'", start, start + 2)
        }
      case 0xEF where peek(1) == 0xBB && peek(2) == 0xBF && pos == 0:
        pos += 3  // UTF-8 byte order mark
      default:
        return
      }
    }
  }

  // MARK: Tokens

  /// Lexes ordinary tokens. Inside `${…}` it returns after emitting the matching `}`.
  mutating func lexTokens(inInterpolation: Bool) {
    var braceDepth = 0
    while true {
      skipTrivia()
      guard pos < count else { return }
      let start = pos
      let b = buf[pos]
      switch b {
      case 0x7B:  // {
        pos += 1
        braceDepth += 1
        emit(.leftBrace, from: start)
      case 0x7D:  // }
        pos += 1
        if inInterpolation && braceDepth == 0 {
          emit(.interpolationEnd, from: start)
          return
        }
        braceDepth -= 1
        emit(.rightBrace, from: start)
      case 0x27:  // '
        if peek(1) == 0x27 && peek(2) == 0x27 {
          lexString(.tripleSingle, openingLength: 3)
        } else {
          lexString(.single, openingLength: 1)
        }
      case 0x22:  // "
        if peek(1) == 0x22 && peek(2) == 0x22 {
          lexString(.tripleDouble, openingLength: 3)
        } else {
          lexString(.double, openingLength: 1)
        }
      case 0x2F where slashyStringAllowed:  // /
        lexString(.slashy, openingLength: 1)
      case 0x24 where peek(1) == 0x2F:  // $/
        lexString(.dollarSlashy, openingLength: 2)
      case 0x30...0x39:
        lexNumber()
      default:
        if isIdentifierStart(b) {
          lexIdentifier()
        } else {
          lexOperator(b)
        }
      }
    }
  }

  /// `/` begins a slashy string where an operand is expected, and is division after one.
  var slashyStringAllowed: Bool {
    switch lastKind {
    case .identifier, .integer, .decimal, .stringEnd, .rightParen, .rightBracket, .rightBrace,
      .kwThis, .kwSuper, .kwTrue, .kwFalse, .kwNull, .increment, .decrement, .interpolationEnd:
      return false
    default:
      return true
    }
  }

  mutating func lexIdentifier() {
    let start = pos
    pos += 1
    while pos < count, isIdentifierPart(buf[pos]) { pos += 1 }
    let length = pos - start
    var kind = TokenKind.identifier
    // Keywords are 2 to 12 ASCII lower-case letters; skip the lookup for anything else.
    if length >= 2, length <= 12, buf[start] >= 0x61, buf[start] <= 0x7A {
      if let keyword = keyword(start, length) { kind = keyword }
    }
    emit(kind, from: start)
  }

  /// Keyword lookup without building a String: candidates are bucketed by length and first
  /// byte, then compared as packed integers (identifiers are the most common token).
  func keyword(_ start: Int, _ length: Int) -> TokenKind? {
    guard let bucket = KeywordTable.bucket(length: length, first: buf[start]) else { return nil }
    let first = KeywordTable.bucketStart[bucket]
    let end = KeywordTable.bucketStart[bucket + 1]
    guard first < end else { return nil }
    let (low, high) = KeywordTable.pack(buf, start: start, length: length)
    for entry in KeywordTable.entries[first..<end] where entry.low == low && entry.high == high {
      return entry.kind
    }
    return nil
  }

  mutating func lexNumber() {
    let start = pos
    var isDecimal = false
    if buf[pos] == 0x30, peek(1) == 0x78 || peek(1) == 0x58 {  // 0x
      pos += 2
      let digitsStart = pos
      while pos < count, isHexDigit(buf[pos]) || buf[pos] == 0x5F { pos += 1 }
      if pos == digitsStart {
        report(.invalidNumber, "Hexadecimal number \"\(text(start, pos))\" has no digits", start, pos)
      }
    } else if buf[pos] == 0x30, peek(1) == 0x62 || peek(1) == 0x42, peek(2) == 0x30 || peek(2) == 0x31 {  // 0b
      pos += 2
      while pos < count, buf[pos] == 0x30 || buf[pos] == 0x31 || buf[pos] == 0x5F { pos += 1 }
    } else {
      lexDigits()
      if peek() == 0x2E, isDigit(peek(1)) {
        isDecimal = true
        pos += 1
        lexDigits()
      }
      if peek() == 0x65 || peek() == 0x45 {  // exponent
        let signOffset = (peek(1) == 0x2B || peek(1) == 0x2D) ? 2 : 1
        if isDigit(peek(signOffset)) {
          isDecimal = true
          pos += signOffset
          lexDigits()
        }
      }
    }
    switch peek() {
    case 0x67, 0x47:  // g G: BigInteger / BigDecimal
      pos += 1
    case 0x6C, 0x4C, 0x69, 0x49:  // l L i I
      if !isDecimal { pos += 1 }
    case 0x64, 0x44, 0x66, 0x46:  // d D f F
      isDecimal = true
      pos += 1
    default: break
    }
    emit(isDecimal ? .decimal : .integer, from: start)
  }

  /// Digits with `_` separators; like Groovy's lexer, a separator must be followed by a digit.
  mutating func lexDigits() {
    while pos < count {
      let b = buf[pos]
      if isDigit(b) {
        pos += 1
      } else if b == 0x5F {
        while pos < count, buf[pos] == 0x5F { pos += 1 }
        if pos < count, !isDigit(buf[pos]) {
          let found = pos < count ? characterDescription(at: pos) : "<EOF>"
          report(.invalidNumber, "expecting token in range: '0'..'9', found \(found)", pos, pos + 1)
          return
        }
      } else {
        return
      }
    }
  }

  func characterDescription(at offset: Int) -> String {
    let b = buf[offset]
    if b == 0x0A { return "'\\n'" }
    if b < 0x20 { return "'\\u\(String(b, radix: 16))'" }
    var end = offset + 1
    while end < count, buf[end] & 0xC0 == 0x80 { end += 1 }
    return "'\(text(offset, end))'"
  }

  func text(_ start: Int, _ end: Int) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: buf[start..<min(end, count)]), as: UTF8.self)
  }

  // MARK: Strings

  mutating func lexString(_ delimiter: StringDelimiter, openingLength: Int) {
    let openStart = pos
    pos += openingLength
    emit(.stringBegin, from: openStart)
    var textStart = pos
    var textFlags: TokenFlags = []

    func flushText(_ state: inout LexerState) {
      if state.pos > textStart {
        state.tokens.append(
          Token(.stringText, start: UInt32(textStart), end: UInt32(state.pos), flags: textFlags))
      }
      textFlags = []
    }

    while pos < count {
      let b = buf[pos]
      // Closing delimiter.
      switch delimiter {
      case .single where b == 0x27, .double where b == 0x22, .slashy where b == 0x2F:
        flushText(&self)
        let s = pos
        pos += 1
        emit(.stringEnd, from: s)
        return
      case .tripleSingle where b == 0x27 && peek(1) == 0x27 && peek(2) == 0x27,
        .tripleDouble where b == 0x22 && peek(1) == 0x22 && peek(2) == 0x22:
        flushText(&self)
        let s = pos
        pos += 3
        emit(.stringEnd, from: s)
        return
      case .dollarSlashy where b == 0x2F && peek(1) == 0x24:
        flushText(&self)
        let s = pos
        pos += 2
        emit(.stringEnd, from: s)
        return
      default: break
      }

      if (b == 0x0A || b == 0x0D) && !delimiter.isMultiline {
        // A one-line string that meets the end of the line is unterminated.
        flushText(&self)
        report(
          .unterminatedString,
          "Unterminated string literal: the line ends before the closing \(delimiter == .single ? "'" : "\"")",
          openStart, pos)
        emit(.stringEnd, from: pos, flags: .unterminated)
        return
      }

      if b == 0x5C {  // backslash
        switch delimiter {
        case .slashy:
          // Only `\/` is an escape in slashy strings; other backslashes are regex text.
          if peek(1) == 0x2F { textFlags.insert(.hasEscapes) }
          pos += peek(1) == 0x2F || peek(1) == 0x5C ? 2 : 1
        case .dollarSlashy:
          pos += 1
        default:
          textFlags.insert(.hasEscapes)
          lexEscape()
        }
        continue
      }

      if b == 0x24, delimiter.interpolates {  // $
        if delimiter == .dollarSlashy, peek(1) == 0x24 || peek(1) == 0x2F {
          textFlags.insert(.hasEscapes)  // `$$` and `$/` escape a dollar or a slash
          pos += 2
          continue
        }
        if peek(1) == 0x7B {
          flushText(&self)
          lexBracedInterpolation()
          textStart = pos
          continue
        }
        if isIdentifierStart(peek(1)) && peek(1) != 0x24 {
          flushText(&self)
          lexDollarPath()
          textStart = pos
          continue
        }
        if delimiter == .double || delimiter == .tripleDouble {
          report(
            .invalidDollar,
            "illegal string body character after dollar sign; either escape a literal dollar sign \"\\$5\" or bracket the value expression \"${5}\"",
            pos, pos + 1)
        }
        pos += 1
        continue
      }
      pos += 1
    }

    // End of file inside the string.
    flushText(&self)
    report(.unterminatedString, "Unterminated string literal: the file ends before the string is closed", openStart, openStart + openingLength)
    emit(.stringEnd, from: pos, flags: .unterminated)
  }

  /// Validates one backslash escape in a quoted string; `pos` is at the backslash.
  mutating func lexEscape() {
    let start = pos
    let next = peek(1)
    switch next {
    case 0x62, 0x74, 0x6E, 0x66, 0x72, 0x22, 0x27, 0x5C, 0x24, 0x73:  // b t n f r " ' \ $ s
      pos += 2
    case 0x0A:
      pos += 2
    case 0x0D:
      pos += peek(2) == 0x0A ? 3 : 2
    case 0x75:  // \uXXXX (Java allows several u's)
      pos += 1
      while peek() == 0x75 { pos += 1 }
      var digits = 0
      while digits < 4, isHexDigit(peek()) {
        pos += 1
        digits += 1
      }
      if digits < 4 {
        report(.invalidEscape, "Invalid unicode escape \"\(text(start, pos))\": expected four hexadecimal digits", start, pos)
      }
    case 0x30...0x37:  // octal
      pos += 2
      var n = 1
      while n < 3, peek() >= 0x30, peek() <= 0x37 {
        pos += 1
        n += 1
      }
    case 0:
      pos += 1
    default:
      var end = pos + 2
      while end < count, buf[end] & 0xC0 == 0x80 { end += 1 }
      report(
        .invalidEscape,
        "Invalid escape sequence \"\(text(start, end))\"; valid ones are \\b \\t \\n \\f \\r \\\" \\' \\\\ \\$ and \\uXXXX (write \\\\ for a backslash)",
        start, end)
      pos = end
    }
  }

  /// `${ expression }` inside a string: emits `interpolationBegin`, the inner tokens, `interpolationEnd`.
  mutating func lexBracedInterpolation() {
    let start = pos
    pos += 2
    emit(.interpolationBegin, from: start)
    let savedLast = lastKind
    lastKind = .leftBrace
    if interpolationDepth >= Lexer.maxInterpolationDepth {
      report(.nestingTooDeep, "String interpolation is nested too deeply", start, pos)
      return
    }
    interpolationDepth += 1
    lexTokens(inInterpolation: true)
    interpolationDepth -= 1
    if tokens.last?.kind != .interpolationEnd {
      report(.unterminatedString, "Unterminated interpolation: '${' has no matching '}'", start, start + 2)
      tokens.append(Token(.interpolationEnd, start: UInt32(pos), end: UInt32(pos), flags: .unterminated))
    }
    lastKind = savedLast
  }

  /// `$name` or `$name.path.more` inside a string; a dot belongs to the path only when an
  /// identifier follows it, as in Groovy.
  mutating func lexDollarPath() {
    let start = pos
    pos += 1
    tokens.append(Token(.interpolationDollar, start: UInt32(start), end: UInt32(pos), flags: []))
    pending = []
    identifierInString()
    while peek() == 0x2E, isIdentifierStart(peek(1)), peek(1) != 0x24 {
      let dot = pos
      pos += 1
      tokens.append(Token(.dot, start: UInt32(dot), end: UInt32(pos), flags: []))
      identifierInString()
    }
  }

  mutating func identifierInString() {
    let start = pos
    pos += 1
    while pos < count, isIdentifierPart(buf[pos]), buf[pos] != 0x24 { pos += 1 }
    tokens.append(Token(.identifier, start: UInt32(start), end: UInt32(pos), flags: []))
  }

  // MARK: Operators

  mutating func lexOperator(_ b: UInt8) {
    let start = pos
    let c1 = peek(1)
    let c2 = peek(2)
    let c3 = peek(3)
    var kind: TokenKind
    var length = 1
    switch b {
    case 0x28: kind = .leftParen
    case 0x29: kind = .rightParen
    case 0x5B: kind = .leftBracket
    case 0x5D: kind = .rightBracket
    case 0x2C: kind = .comma
    case 0x3B: kind = .semicolon
    case 0x40: kind = .at
    case 0x7E: kind = .tilde
    case 0x3A:
      if c1 == 0x3A { kind = .doubleColon; length = 2 } else { kind = .colon }
    case 0x2E:  // .
      if c1 == 0x2E && c2 == 0x3C { kind = .rangeExclusive; length = 3 }
      else if c1 == 0x2E { kind = .range; length = 2 }
      else if c1 == 0x26 { kind = .methodPointer; length = 2 }
      else if c1 == 0x40 { kind = .fieldAccess; length = 2 }
      else { kind = .dot }
    case 0x3F:  // ?
      if c1 == 0x2E { kind = .safeDot; length = 2 }
      else if c1 == 0x3A { kind = .elvis; length = 2 }
      else if c1 == 0x3D && c2 != 0x3D { kind = .elvisAssign; length = 2 }
      else { kind = .question }
    case 0x2A:  // *
      if c1 == 0x2A && c2 == 0x3D { kind = .powerAssign; length = 3 }
      else if c1 == 0x2A { kind = .power; length = 2 }
      else if c1 == 0x3D { kind = .starAssign; length = 2 }
      else if c1 == 0x2E { kind = .spreadDot; length = 2 }
      else { kind = .star }
    case 0x2D:  // -
      if c1 == 0x3E { kind = .arrow; length = 2 }
      else if c1 == 0x2D { kind = .decrement; length = 2 }
      else if c1 == 0x3D { kind = .minusAssign; length = 2 }
      else { kind = .minus }
    case 0x2B:  // +
      if c1 == 0x2B { kind = .increment; length = 2 }
      else if c1 == 0x3D { kind = .plusAssign; length = 2 }
      else { kind = .plus }
    case 0x2F:  // / (division here; slashy strings and comments are handled earlier)
      if c1 == 0x3D { kind = .slashAssign; length = 2 } else { kind = .slash }
    case 0x25:
      if c1 == 0x3D { kind = .percentAssign; length = 2 } else { kind = .percent }
    case 0x3D:  // =
      if c1 == 0x3D && c2 == 0x3D { kind = .identical; length = 3 }
      else if c1 == 0x3D && c2 == 0x7E { kind = .match; length = 3 }
      else if c1 == 0x3D { kind = .equal; length = 2 }
      else if c1 == 0x7E { kind = .find; length = 2 }
      else { kind = .assign }
    case 0x21:  // !
      if c1 == 0x3D && c2 == 0x3D { kind = .notIdentical; length = 3 }
      else if c1 == 0x3D { kind = .notEqual; length = 2 }
      else { kind = .not }
    case 0x3C:  // <
      if c1 == 0x3D && c2 == 0x3E { kind = .spaceship; length = 3 }
      else if c1 == 0x3C && c2 == 0x3D { kind = .shiftLeftAssign; length = 3 }
      else if c1 == 0x3C { kind = .shiftLeft; length = 2 }
      else if c1 == 0x3D { kind = .lessEqual; length = 2 }
      else { kind = .less }
    case 0x3E:  // >
      if c1 == 0x3E && c2 == 0x3E && c3 == 0x3D { kind = .unsignedShiftRightAssign; length = 4 }
      else if c1 == 0x3E && c2 == 0x3E { kind = .unsignedShiftRight; length = 3 }
      else if c1 == 0x3E && c2 == 0x3D { kind = .shiftRightAssign; length = 3 }
      else if c1 == 0x3E { kind = .shiftRight; length = 2 }
      else if c1 == 0x3D { kind = .greaterEqual; length = 2 }
      else { kind = .greater }
    case 0x26:
      if c1 == 0x26 { kind = .logicalAnd; length = 2 }
      else if c1 == 0x3D { kind = .andAssign; length = 2 }
      else { kind = .ampersand }
    case 0x7C:
      if c1 == 0x7C { kind = .logicalOr; length = 2 }
      else if c1 == 0x3D { kind = .orAssign; length = 2 }
      else { kind = .pipe }
    case 0x5E:
      if c1 == 0x3D { kind = .xorAssign; length = 2 } else { kind = .caret }
    default:
      kind = .unknown
      var end = pos + 1
      while end < count, buf[end] & 0xC0 == 0x80 { end += 1 }
      length = end - pos
      let description: String
      if b == 0x60 {
        description = "Unexpected character '`': Groovy has no backtick strings; use '…' or \"…\""
      } else if b == 0x23 {
        description = "Unexpected character '#': comments start with // in Groovy"
      } else {
        description = "Unexpected character \(characterDescription(at: pos))"
      }
      report(.unexpectedCharacter, description, pos, end)
    }
    pos += length
    emit(kind, from: start)
  }
}
