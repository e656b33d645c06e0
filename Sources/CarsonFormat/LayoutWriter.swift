import CarsonSyntax

/// Writes the tokens of a syntax-error-free file with canonical indentation and line breaks.
///
/// Indentation follows brackets: a line is one level deeper than the line holding the innermost
/// bracket still open, and a line starting with a closing bracket lines up with its opener's
/// line. However many brackets open on one line, the next line is only one level deeper
/// (`withCredentials([usernamePassword(…,` continues one level in). A statement continued on the
/// next line (after `,`, an operator or a `\`, or before `.method`, `&&`, `?:`) gets one extra
/// level.
struct LayoutWriter {
  let bytes: [UInt8]
  let tokens: [Token]
  let plan: LayoutPlan
  let lineBreak: [UInt8]

  private var out: [UInt8] = []
  /// Open brackets, each with the indentation of the line it was opened on.
  private var open: [(kind: TokenKind, indent: Int)] = []
  /// Indentation of the line being written (lowered when it closes a bracket of an earlier line).
  private var lineIndent = 0
  private var wroteAnything = false
  private var lastKind: TokenKind?
  private var breakAfterBlockOpening = false
  private var afterContinuation = false

  init(tree: SyntaxTree, plan: LayoutPlan) {
    self.bytes = tree.source.bytes
    self.tokens = tree.tokens
    self.plan = plan
    self.lineBreak = LayoutWriter.dominantLineBreak(bytes)
    out.reserveCapacity(bytes.count + bytes.count / 8)
  }

  mutating func run() -> [UInt8] {
    var index = 0
    var previousEnd = 0
    // The trivia of a dropped `;`, written with the next token's.
    var carried: [TriviaPiece] = []
    while index < tokens.count, tokens[index].kind != .endOfFile {
      let first = tokens[index]
      let last = Self.atomEnd(tokens, from: index)
      let start = Int(first.start)
      if isDroppableSemicolon(at: index) {
        carried += Trivia.pieces(bytes, previousEnd..<start)
        previousEnd = Int(first.end)
        index += 1
        continue
      }
      writeTrivia(carried + Trivia.pieces(bytes, previousEnd..<start), before: first)
      carried = []
      out.append(contentsOf: bytes[start..<Int(tokens[last].end)])
      wroteAnything = true
      afterContinuation = false
      lastKind = tokens[last].kind
      track(first)
      previousEnd = Int(tokens[last].end)
      index = last + 1
    }
    writeTrivia(carried + Trivia.pieces(bytes, previousEnd..<bytes.count), before: nil)
    if wroteAnything { out.append(contentsOf: lineBreak) }
    return out
  }

  /// A `;` between two statements of a block, or before its `}`, where the line break the layout
  /// puts there separates them just as well. Kept when the next statement starts with anything
  /// but a name or keyword (`;[a].each…`, `;(x)…`), where a line break might join or split
  /// differently.
  func isDroppableSemicolon(at index: Int) -> Bool {
    guard tokens[index].kind == .semicolon, index + 1 < tokens.count else { return false }
    let next = tokens[index + 1]
    if plan.blockClosings.contains(next.start) { return true }
    return plan.statementStarts.contains(next.start) && (next.kind == .identifier || next.kind.isKeyword)
  }

  /// A string (begin, parts, interpolations, end) is written as one piece, byte for byte.
  static func atomEnd(_ tokens: [Token], from index: Int) -> Int {
    guard tokens[index].kind == .stringBegin else { return index }
    var depth = 0
    var i = index
    while i < tokens.count {
      switch tokens[i].kind {
      case .stringBegin: depth += 1
      case .stringEnd:
        depth -= 1
        if depth == 0 { return i }
      case .endOfFile: return i - 1
      default: break
      }
      i += 1
    }
    return tokens.count - 1
  }

  /// Updates the bracket stack after writing `token`.
  private mutating func track(_ token: Token) {
    switch token.kind {
    case .leftBrace, .leftParen, .leftBracket:
      open.append((token.kind, lineIndent))
      breakAfterBlockOpening = plan.blockOpenings.contains(token.start)
    case .rightBrace, .rightParen, .rightBracket:
      if let opener = open.popLast(), opener.indent < lineIndent { lineIndent = opener.indent }
      breakAfterBlockOpening = false
    default:
      breakAfterBlockOpening = false
    }
  }

  // MARK: - Trivia

  /// Writes the comments and line breaks between the previous token and `next` (nil at the end
  /// of the file), then the indentation or space that `next` needs.
  private mutating func writeTrivia(_ pieces: [TriviaPiece], before next: Token?) {
    var newlines = 0
    var space: ArraySlice<UInt8>?
    var keptSomething = false
    for piece in pieces {
      switch piece {
      case .byteOrderMark:
        out.append(contentsOf: [0xEF, 0xBB, 0xBF])
      case .space(let text):
        space = text
      case .newline:
        newlines += 1
        space = nil
      case .lineComment(let text), .blockComment(let text):
        if newlines > 0 || !wroteAnything {
          startLine(blankBefore: newlines >= 2, indent: bodyIndent)
        } else if let space {
          out.append(contentsOf: space)
        }
        out.append(contentsOf: text)
        wroteAnything = true
        keptSomething = true
        newlines = 0
        space = nil
      case .continuation:
        out.append(contentsOf: space ?? [0x20])
        out.append(0x5C)
        keptSomething = true
        afterContinuation = true
        newlines = 1
        space = nil
      }
    }
    guard let next else { return }
    let isBlockOpening = plan.blockOpenings.contains(next.start)
    let forcedBreak = breakAfterBlockOpening || plan.statementStarts.contains(next.start) || plan.blockClosings.contains(next.start)
    if !wroteAnything {
      startLine(blankBefore: false, indent: indent(for: next))
    } else if isBlockOpening && !keptSomething {
      // `stage('x')` / newline / `{` becomes `stage('x') {`.
      out.append(0x20)
    } else if newlines > 0 || forcedBreak {
      startLine(blankBefore: newlines >= 2, indent: indent(for: next))
    } else if let space {
      out.append(contentsOf: space)
    } else if isBlockOpening {
      out.append(0x20)
    }
  }

  private mutating func startLine(blankBefore: Bool, indent: Int) {
    if wroteAnything {
      out.append(contentsOf: lineBreak)
      if blankBefore { out.append(contentsOf: lineBreak) }
    }
    lineIndent = indent
    out.append(contentsOf: repeatElement(0x20, count: indent * JenkinsfileFormatter.indentWidth))
  }

  // MARK: - Indentation

  /// The level of a line inside the innermost open bracket (used for comment lines too).
  private var bodyIndent: Int { open.last.map { $0.indent + 1 } ?? 0 }

  private func indent(for token: Token) -> Int {
    switch token.kind {
    case .rightBrace, .rightParen, .rightBracket:
      return open.last?.indent ?? 0
    default:
      return bodyIndent + (continuesStatement(token) ? 1 : 0)
    }
  }

  /// True when `token` starts a line that continues the statement of the line before. Only at
  /// statement level (inside braces or at the top): inside `(` or `[` the bracket already indents.
  private func continuesStatement(_ token: Token) -> Bool {
    if let innermost = open.last, innermost.kind != .leftBrace { return false }
    if afterContinuation { return true }
    if let lastKind, Self.continuingEnds.contains(lastKind) { return true }
    return Self.continuingStarts.contains(token.kind)
  }

  /// A line ending in one of these cannot end a statement. (`*` and `<`/`>` are left out: they
  /// end `import a.*` and generic types.)
  static let continuingEnds: Set<TokenKind> = [
    .comma, .dot, .safeDot, .spreadDot, .question, .elvis,
    .assign, .plusAssign, .minusAssign, .starAssign, .slashAssign, .percentAssign, .powerAssign,
    .andAssign, .orAssign, .xorAssign, .shiftLeftAssign, .shiftRightAssign, .unsignedShiftRightAssign, .elvisAssign,
    .equal, .notEqual, .identical, .notIdentical, .lessEqual, .greaterEqual, .spaceship,
    .find, .match, .logicalAnd, .logicalOr, .plus, .minus, .slash, .percent, .power,
    .ampersand, .pipe, .caret, .shiftLeft, .shiftRight, .unsignedShiftRight, .kwInstanceof, .kwIn, .kwAs,
  ]

  /// A line starting with one of these continues the line before.
  static let continuingStarts: Set<TokenKind> = [
    .dot, .safeDot, .spreadDot, .methodPointer, .fieldAccess, .logicalAnd, .logicalOr, .elvis, .question, .colon,
  ]

  /// `\r\n` when the file's first line ends so, else `\n`.
  static func dominantLineBreak(_ bytes: [UInt8]) -> [UInt8] {
    guard let first = bytes.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return [0x0A] }
    if bytes[first] == 0x0D { return first + 1 < bytes.count && bytes[first + 1] == 0x0A ? [0x0D, 0x0A] : [0x0D] }
    return [0x0A]
  }
}
