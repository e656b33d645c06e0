import CarsonModel
import CarsonSyntax

/// Where a position is in the declarative structure, read from tokens rather than the syntax tree
/// so that it works on the half-written text an editor has while the user types.
struct CursorContext {
  /// What may be written at the position.
  enum Place: Equatable {
    case topLevel, pipeline, stage, stages, parallel, matrix, agent, post, when, triggers, parameters, tools
    case environment, input, axes, axis, excludes, exclude
    case options(stageLevel: Bool)
    /// Inside `agent { docker { … } }`: the options of that agent type.
    case agentOptions(String)
    /// Step names: `steps {}`, a post condition's block, a block step's body, `script {}`.
    case steps
    /// Groovy that is not declarative structure (`expression { … }`, an `if` inside `script`).
    case other
  }

  var place: Place
  /// The identifier the position is in or just after, and its range.
  var word: String
  var wordRange: SourceRange
  /// The first identifier of the line when the word is not it (`agent` in `agent do`, `sh` in `sh scr`).
  var lineHead: String?
  /// The call whose parentheses enclose the position (`sh` in `sh(scr`).
  var openCall: String?
  /// The word is followed by `:` (a named argument).
  var isArgumentName: Bool
  /// The position is inside a string or comment, where nothing is offered.
  var inString: Bool

  /// The call whose arguments are being written, with or without parentheses.
  var argumentsOf: String? { openCall ?? lineHead }

  init(tokens: [Token], source: SourceFile, offset: UInt32) {
    func text(_ token: Token) -> String { source.text(token.range) }
    var blocks: [(kind: TokenKind, name: String)] = []
    // Open strings and interpolations: the position is in a string when a string is innermost.
    var strings: [TokenKind] = []
    var index = 0
    while index < tokens.count {
      let token = tokens[index]
      if token.kind == .endOfFile || token.start >= offset { break }
      switch token.kind {
      case .leftBrace:
        blocks.append((.leftBrace, Self.ownerName(tokens, index, source)))
      case .leftParen:
        blocks.append((.leftParen, index > 0 && tokens[index - 1].kind == .identifier ? text(tokens[index - 1]) : ""))
      case .leftBracket:
        blocks.append((.leftBracket, ""))
      case .rightBrace, .rightParen, .rightBracket:
        let opening: TokenKind = token.kind == .rightBrace ? .leftBrace : token.kind == .rightParen ? .leftParen : .leftBracket
        if let last = blocks.lastIndex(where: { $0.kind == opening }) { blocks.removeSubrange(last...) }
      case .stringBegin, .interpolationBegin:
        strings.append(token.kind)
      case .stringEnd, .interpolationEnd:
        if !strings.isEmpty { strings.removeLast() }
      default:
        break
      }
      index += 1
    }
    inString = strings.last == .stringBegin || Self.inLineComment(source.bytes, offset)

    // The identifier the position touches (`sta|` or `sta|ges`).
    let wordIndex: Int? = index > 0 && tokens[index - 1].end >= offset && (tokens[index - 1].kind == .identifier || tokens[index - 1].kind.isKeyword) ? index - 1 : nil
    if let wordIndex {
      let token = tokens[wordIndex]
      word = String(decoding: source.bytes[Int(token.start)..<Int(offset)], as: UTF8.self)
      wordRange = SourceRange(start: token.start, end: offset)
      isArgumentName = wordIndex + 1 < tokens.count && tokens[wordIndex + 1].kind == .colon
    } else {
      word = ""
      wordRange = .point(offset)
      isArgumentName = false
    }

    // The first identifier of the statement the word is in, when it is not the word itself.
    let end = wordIndex ?? index
    let startsLine: Bool
    if let wordIndex {
      startsLine = tokens[wordIndex].flags.contains(.newlineBefore) || wordIndex == 0
    } else {
      let from = index > 0 ? Int(tokens[index - 1].end) : 0
      startsLine = index == 0 || source.bytes[from..<max(from, min(Int(offset), source.bytes.count))].contains { $0 == 0x0A || $0 == 0x0D }
    }
    var head: Int? = nil
    var j = startsLine ? -1 : end - 1
    while j >= 0 {
      let kind = tokens[j].kind
      if kind == .leftBrace || kind == .rightBrace || kind == .semicolon || kind == .leftParen { break }
      head = j
      if tokens[j].flags.contains(.newlineBefore) { break }
      j -= 1
    }
    lineHead = head.flatMap { tokens[$0].kind == .identifier ? text(tokens[$0]) : nil }
    let innermost = blocks.last
    openCall = innermost?.kind == .leftParen && !(innermost?.name.isEmpty ?? true) ? innermost?.name : nil
    place = Self.place(blocks.filter { $0.kind == .leftBrace }.map(\.name))
  }

  /// The name a `{` belongs to: `stage('x') {` → `stage`, `steps {` → `steps`, `if (…) {` → `if`.
  static func ownerName(_ tokens: [Token], _ index: Int, _ source: SourceFile) -> String {
    var j = index - 1
    guard j >= 0 else { return "" }
    if tokens[j].kind == .rightParen {
      var depth = 0
      while j >= 0 {
        if tokens[j].kind == .rightParen { depth += 1 }
        if tokens[j].kind == .leftParen {
          depth -= 1
          if depth == 0 { break }
        }
        j -= 1
      }
      j -= 1
    }
    guard j >= 0, tokens[j].kind == .identifier || tokens[j].kind.isKeyword else { return "" }
    return source.text(tokens[j].range)
  }

  /// Whether `offset` follows `//` on its line outside quotes (comments are not tokens).
  static func inLineComment(_ bytes: [UInt8], _ offset: UInt32) -> Bool {
    var lineStart = min(Int(offset), bytes.count)
    while lineStart > 0, bytes[lineStart - 1] != 0x0A, bytes[lineStart - 1] != 0x0D { lineStart -= 1 }
    var quote: UInt8? = nil
    var i = lineStart
    while i + 1 < min(Int(offset), bytes.count) {
      let b = bytes[i]
      if let q = quote {
        if b == 0x5C { i += 1 } else if b == q { quote = nil }
      } else if b == 0x27 || b == 0x22 {
        quote = b
      } else if b == 0x2F, bytes[i + 1] == 0x2F {
        return true
      }
      i += 1
    }
    return false
  }

  /// The place inside the named blocks, outermost first.
  static func place(_ names: [String]) -> Place {
    let catalogue = Catalogue.standard
    var place = Place.topLevel
    for name in names {
      switch (place, name) {
      case (.topLevel, "pipeline"): place = .pipeline
      case (.pipeline, "stages"), (.stage, "stages"), (.matrix, "stages"): place = .stages
      case (.stages, "stage"), (.parallel, "stage"): place = .stage
      case (.stage, "steps"): place = .steps
      case (.stage, "parallel"): place = .parallel
      case (.stage, "matrix"): place = .matrix
      case (.pipeline, "agent"), (.stage, "agent"), (.matrix, "agent"): place = .agent
      case (.agent, _): place = catalogue.agentTypes[name] != nil ? .agentOptions(name) : .other
      case (.pipeline, "post"), (.stage, "post"), (.matrix, "post"): place = .post
      case (.post, _): place = .steps
      case (.stage, "when"), (.matrix, "when"): place = .when
      case (.when, "allOf"), (.when, "anyOf"), (.when, "not"): place = .when
      case (.pipeline, "options"): place = .options(stageLevel: false)
      case (.stage, "options"), (.matrix, "options"): place = .options(stageLevel: true)
      case (.pipeline, "triggers"): place = .triggers
      case (.pipeline, "parameters"), (.input, "parameters"): place = .parameters
      case (.pipeline, "tools"), (.stage, "tools"), (.matrix, "tools"): place = .tools
      case (.pipeline, "environment"), (.stage, "environment"), (.matrix, "environment"): place = .environment
      case (.stage, "input"), (.matrix, "input"): place = .input
      case (.matrix, "axes"): place = .axes
      case (.axes, "axis"), (.exclude, "axis"): place = .axis
      case (.matrix, "excludes"): place = .excludes
      case (.excludes, "exclude"): place = .exclude
      case (.steps, _): place = .steps
      default: place = .other
      }
    }
    return place
  }
}
