/// Recursive-descent parser for the Groovy that Jenkinsfiles contain.
///
/// Rules that keep it safe on any input:
/// - it never throws; a missing piece becomes `.missing` (expressions) or `.error` (statements)
///   plus a diagnostic at the exact token;
/// - every loop either consumes a token or leaves, and statement lists force progress, so it
///   cannot hang;
/// - nesting deeper than `maxDepth` stops the parse with one diagnostic instead of
///   overflowing the stack.
enum Parser {
  static func parse(_ source: SourceFile) -> SyntaxTree {
    let lexed = Lexer.tokenize(source.bytes)
    var state = ParserState(source: source, tokens: lexed.tokens)
    let statements = state.parseFile()
    let diagnostics = (lexed.diagnostics + state.diagnostics).sortedBySource()
    return SyntaxTree(
      source: source, tokens: lexed.tokens, statements: statements, diagnostics: diagnostics,
      annotations: state.allAnnotations)
  }
}

struct ParserState {
  let source: SourceFile
  let tokens: [Token]
  var index = 0
  var diagnostics: [Diagnostic] = []
  /// False inside `(…)`, `[…]` and `${…}`, where a line break does not end anything.
  var newlinesSignificant = true
  var depth = 0
  var gaveUp = false
  /// `>` still owed by a `>>`/`>>>` token that closed several type-argument lists at once.
  var angleCredit = 0
  /// Every annotation in the file, wherever it is written.
  var allAnnotations: [Annotation] = []

  static let maxDepth = 150

  init(source: SourceFile, tokens: [Token]) {
    self.source = source
    self.tokens = tokens
  }

  // MARK: Token access

  @inline(__always) var current: Token { tokens[index] }
  @inline(__always) var kind: TokenKind { tokens[index].kind }

  @inline(__always) func peek(_ offset: Int = 1) -> Token {
    tokens[min(index + offset, tokens.count - 1)]
  }

  @inline(__always) func at(_ kind: TokenKind) -> Bool { tokens[index].kind == kind }

  /// The current token starts a new line (and line breaks matter here).
  var atLineBreak: Bool { newlinesSignificant && current.flags.contains(.newlineBefore) }

  var atEnd: Bool { kind == .endOfFile }

  /// End offset of the last consumed token.
  var previousEnd: UInt32 { index > 0 ? tokens[index - 1].end : 0 }

  @discardableResult
  mutating func advance() -> Token {
    let token = tokens[index]
    if index < tokens.count - 1 { index += 1 }
    return token
  }

  @discardableResult
  mutating func eat(_ kind: TokenKind) -> Token? {
    at(kind) ? advance() : nil
  }

  func text(_ token: Token) -> String { source.text(token.range) }

  /// Reports that `what` was expected here and synthesises nothing (callers continue as if
  /// it were present). `opening` names the bracket it would close, for a precise message.
  @discardableResult
  mutating func expect(_ kind: TokenKind, _ what: String? = nil, closing opening: Token? = nil) -> Bool {
    if eat(kind) != nil { return true }
    let spelled = what ?? "'\(kind.spelling ?? "\(kind)")'"
    var message = "Expected \(spelled)"
    if let opening {
      let line = source.location(of: opening.start).line
      message += " to close '\(text(opening))' opened at line \(line)"
    }
    message += " but found \(describe(current))"
    report(.expectedToken, message, at: errorRange(for: current))
    return false
  }

  mutating func report(_ id: DiagnosticID, _ message: String, at range: SourceRange) {
    // One error per position is enough; recovery can otherwise repeat itself.
    if let last = diagnostics.last, last.range.start == range.start, last.id == id { return }
    diagnostics.append(Diagnostic(id, message, at: range))
  }

  /// Where to point at an unexpected token: the token itself, or the end of the previous
  /// token when the file ended (so the caret is not past the text).
  func errorRange(for token: Token) -> SourceRange {
    if token.kind == .endOfFile {
      let end = previousEnd
      return SourceRange(start: end, end: end)
    }
    return token.range
  }

  func describe(_ token: Token) -> String {
    switch token.kind {
    case .endOfFile: return "end of file"
    case .stringBegin, .stringEnd, .stringText: return "a string"
    case .interpolationEnd: return "'}'"
    case .integer, .decimal: return "number \(text(token))"
    case .identifier: return "'\(text(token))'"
    default:
      let t = text(token)
      return t.isEmpty ? "\(token.kind)" : "'\(t)'"
    }
  }

  // MARK: Depth guard

  /// Call on entry to a recursive production; returns false when the input is too deeply
  /// nested, after which the rest of the file is skipped.
  mutating func enter() -> Bool {
    if gaveUp { return false }
    depth += 1
    if depth > ParserState.maxDepth {
      report(.nestingTooDeep, "Code is nested too deeply (more than \(ParserState.maxDepth) levels); the rest of the file is not checked", at: errorRange(for: current))
      gaveUp = true
      index = tokens.count - 1
      return false
    }
    return true
  }

  mutating func leave() { depth -= 1 }

  // MARK: Recovery

  /// Skips the rest of a broken statement: up to the next line break, `;` or unmatched `}`
  /// at this nesting level, keeping brackets opened on the way balanced.
  mutating func skipToStatementEnd() {
    var nesting = 0
    let startIndex = index
    while !atEnd {
      let k = kind
      if nesting == 0 && index > startIndex
        && (current.flags.contains(.newlineBefore) || k == .semicolon)
      {
        return
      }
      switch k {
      case .leftParen, .leftBracket, .leftBrace, .interpolationBegin: nesting += 1
      case .rightParen, .rightBracket, .interpolationEnd:
        if nesting > 0 { nesting -= 1 }
      case .rightBrace:
        if nesting == 0 { return }
        nesting -= 1
      default: break
      }
      advance()
    }
  }
}
