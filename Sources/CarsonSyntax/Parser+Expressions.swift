// Expressions: precedence climbing over Groovy's operator table, postfix selectors, command
// calls (`sh 'make'`, `agent any`), literals and closures.

extension ParserState {
  /// `allowCommand`: a command call without parentheses may start this expression (statement
  /// start, right of `=`, after `return`); Groovy allows them nowhere else.
  mutating func parseExpression(allowCommand: Bool = false) -> Expr {
    guard enter() else { return Expr(.missing, SourceRange.point(current.start)) }
    defer { leave() }
    let lhs = parseTernary(allowCommand: allowCommand)
    if kind.isAssignment && !atLineBreak {
      let opToken = advance()
      let op = assignmentOperator(opToken.kind)
      let value = parseExpression(allowCommand: true)
      if !isAssignable(lhs) {
        report(.invalidAssignmentTarget, GroovyText.badAssignmentTargetMessage(lhs, source), at: lhs.range)
      }
      return Expr(.assignment(op, target: lhs, value: value), lhs.range.union(value.range))
    }
    return lhs
  }

  func isAssignable(_ expr: Expr) -> Bool {
    switch expr.kind {
    case .identifier, .property, .index, .tuple, .missing: return true
    default: return false
    }
  }

  func assignmentOperator(_ kind: TokenKind) -> AssignmentOperator {
    switch kind {
    case .plusAssign: return .plus
    case .minusAssign: return .minus
    case .starAssign: return .multiply
    case .slashAssign: return .divide
    case .percentAssign: return .remainder
    case .powerAssign: return .power
    case .andAssign: return .bitwiseAnd
    case .orAssign: return .bitwiseOr
    case .xorAssign: return .bitwiseXor
    case .shiftLeftAssign: return .shiftLeft
    case .shiftRightAssign: return .shiftRight
    case .unsignedShiftRightAssign: return .unsignedShiftRight
    case .elvisAssign: return .elvis
    default: return .assign
    }
  }

  mutating func parseTernary(allowCommand: Bool) -> Expr {
    let condition = parseBinary(minimumPrecedence: 1, allowCommand: allowCommand)
    if at(.question) {
      advance()
      let saved = newlinesSignificant
      newlinesSignificant = false
      let then = parseExpression()
      newlinesSignificant = saved
      if eat(.colon) == nil {
        report(.expectedToken, "Expected ':' in the conditional expression but found \(describe(current))", at: errorRange(for: current))
      }
      let otherwise = parseTernaryOperand()
      return Expr(.ternary(condition: condition, then: then, otherwise: otherwise), condition.range.union(otherwise.range))
    }
    if at(.elvis) {
      advance()
      let otherwise = parseTernaryOperand()
      return Expr(.elvis(condition, otherwise), condition.range.union(otherwise.range))
    }
    return condition
  }

  /// The right operand of `?:`/`:` may itself be a conditional or an assignment-free expression.
  mutating func parseTernaryOperand() -> Expr {
    guard enter() else { return Expr(.missing, SourceRange.point(current.start)) }
    defer { leave() }
    return parseTernary(allowCommand: false)
  }

  /// Binary operators: (precedence, operator). Higher binds tighter; all are left-associative.
  func binaryOperator(_ kind: TokenKind) -> (Int, BinaryOperator?)? {
    switch kind {
    case .logicalOr: return (1, .or)
    case .logicalAnd: return (2, .and)
    case .pipe: return (3, .bitwiseOr)
    case .caret: return (4, .bitwiseXor)
    case .ampersand: return (5, .bitwiseAnd)
    case .equal: return (6, .equal)
    case .notEqual: return (6, .notEqual)
    case .identical: return (6, .identical)
    case .notIdentical: return (6, .notIdentical)
    case .spaceship: return (6, .compare)
    case .find: return (6, .find)
    case .match: return (6, .match)
    case .less: return (7, .less)
    case .lessEqual: return (7, .lessEqual)
    case .greater: return (7, .greater)
    case .greaterEqual: return (7, .greaterEqual)
    case .kwIn: return (7, .in)
    case .kwInstanceof, .kwAs: return (7, nil)
    case .shiftLeft: return (8, .shiftLeft)
    case .shiftRight: return (8, .shiftRight)
    case .unsignedShiftRight: return (8, .unsignedShiftRight)
    case .range, .rangeExclusive: return (8, nil)
    case .plus: return (9, .plus)
    case .minus: return (9, .minus)
    case .star: return (10, .multiply)
    case .slash: return (10, .divide)
    case .percent: return (10, .remainder)
    default: return nil
    }
  }

  mutating func parseBinary(minimumPrecedence: Int, allowCommand: Bool) -> Expr {
    var lhs = parseUnary(allowCommand: allowCommand)
    // Each loop turn nests the tree one level deeper (`a + b + c` is `(a + b) + c`), so it
    // counts against the depth limit like recursion does.
    var levels = 0
    defer { depth -= levels }
    while let (precedence, op) = binaryOperator(kind), precedence >= minimumPrecedence {
      guard enter() else { break }
      levels += 1
      // After a line break, `+`/`-`/`!` could start the next statement; everything else in
      // the table cannot, so it continues this expression.
      if atLineBreak && (kind == .plus || kind == .minus || kind == .less) { break }
      let opToken = advance()
      switch opToken.kind {
      case .kwAs:
        let type = parseType()
        lhs = Expr(.asType(lhs, type), lhs.range.union(type.range))
      case .kwInstanceof:
        let type = parseType()
        lhs = Expr(.instanceOf(lhs, type, negated: false), lhs.range.union(type.range))
      case .range, .rangeExclusive:
        let rhs = parseBinary(minimumPrecedence: precedence + 1, allowCommand: false)
        lhs = Expr(.range(from: lhs, to: rhs, isExclusive: opToken.kind == .rangeExclusive), lhs.range.union(rhs.range))
      default:
        let rhs = parseBinary(minimumPrecedence: precedence + 1, allowCommand: false)
        lhs = Expr(.binary(op!, lhs, rhs), lhs.range.union(rhs.range))
      }
    }
    return lhs
  }

  mutating func parseUnary(allowCommand: Bool) -> Expr {
    guard enter() else { return Expr(.missing, SourceRange.point(current.start)) }
    defer { leave() }
    let start = current.start
    let op: PrefixOperator?
    switch kind {
    case .minus: op = .negate
    case .plus: op = .plus
    case .not: op = .not
    case .tilde: op = .bitwiseNot
    case .increment: op = .increment
    case .decrement: op = .decrement
    default: op = nil
    }
    if let op {
      advance()
      let operand = parseUnary(allowCommand: false)
      return Expr(.prefix(op, operand), SourceRange(start: start, end: operand.range.end))
    }
    if at(.leftParen), let cast = parseCastIfPresent() { return cast }
    let base = parsePostfix(allowCommand: allowCommand)
    if at(.power) && !atLineBreak {
      advance()
      let exponent = parseUnary(allowCommand: false)
      return Expr(.binary(.power, base, exponent), base.range.union(exponent.range))
    }
    return base
  }

  /// `(Type) expr`: a parenthesised capitalised or primitive type followed by an operand.
  mutating func parseCastIfPresent() -> Expr? {
    let next = peek()
    guard next.kind == .identifier || next.kind.isPrimitiveType else { return nil }
    guard let end = scanType(from: index + 1), tokens[end].kind == .rightParen else { return nil }
    if next.kind == .identifier {
      let b = source.bytes[Int(next.start)]
      guard b >= 0x41 && b <= 0x5A else { return nil }
    }
    let after = tokens[min(end + 1, tokens.count - 1)]
    switch after.kind {
    case .identifier, .integer, .decimal, .stringBegin, .leftParen, .leftBracket, .kwNew, .kwThis,
      .kwTrue, .kwFalse, .kwNull, .not, .tilde, .kwSuper, .leftBrace:
      break
    default: return nil
    }
    let start = advance().start
    let type = parseType()
    expect(.rightParen)
    let operand = parseUnary(allowCommand: false)
    return Expr(.cast(type, operand), SourceRange(start: start, end: operand.range.end))
  }

  // MARK: Postfix

  mutating func parsePostfix(allowCommand: Bool) -> Expr {
    var expr = parsePrimary()
    var isCommandCandidate = allowCommand
    // Like binary chains, every selector nests the tree one level deeper.
    var levels = 0
    defer { depth -= levels }
    while true {
      guard enter() else { return expr }
      levels += 1
      let token = current
      let lineBreak = atLineBreak
      switch token.kind {
      case .dot, .safeDot, .spreadDot, .fieldAccess, .methodPointer:
        // A line starting with `.` continues the expression (method chains).
        advance()
        expr = parseMemberSelection(on: expr, op: token.kind)
      case .leftParen where !lineBreak:
        let arguments = parseParenthesizedArguments()
        expr = makeCall(callee: expr, arguments: arguments, hasParentheses: true, closures: [])
        if at(.leftBrace) && isClosureStartAllowed() { expr = appendTrailingClosures(to: expr) }
      case .leftBracket where !lineBreak:
        let open = advance()
        let saved = newlinesSignificant
        newlinesSignificant = false
        var arguments: [Expr] = []
        while !at(.rightBracket) && !atEnd {
          arguments.append(parseExpression())
          if eat(.comma) == nil { break }
        }
        newlinesSignificant = saved
        expect(.rightBracket, closing: open)
        expr = Expr(.index(base: expr, arguments: arguments, isSafe: false), range(from: expr.range.start))
      case .leftBrace where isCallable(expr) && isClosureStartAllowed():
        expr = appendTrailingClosures(to: expr)
      case .increment where !lineBreak, .decrement where !lineBreak:
        advance()
        expr = Expr(.postfix(token.kind == .increment ? .increment : .decrement, expr), range(from: expr.range.start))
      default:
        if isCommandCandidate && isCommandName(expr) && startsCommandArgument() {
          return parseCommandChain(callee: expr)
        }
        return expr
      }
      isCommandCandidate = isCommandCandidate && isCommandName(expr)
    }
  }

  /// `{` on the same line always attaches a closure; on the next line it does too after a
  /// name or call (Allman style: `stage('x')⏎{`), as Groovy does.
  func isClosureStartAllowed() -> Bool {
    guard at(.leftBrace) else { return false }
    return true
  }

  func isCallable(_ expr: Expr) -> Bool {
    switch expr.kind {
    case .identifier, .property, .call: return true
    default: return false
    }
  }

  func isCommandName(_ expr: Expr) -> Bool {
    switch expr.kind {
    case .identifier: return true
    // Groovy reads `1BAR = "x"` as the command call `1(BAR = "x")`; Jenkins then reports the
    // key "1BAR" as an invalid identifier, so keep that shape.
    case .integer: return at(.identifier)
    case .property(let access): return access.op == .dot && access.dynamicName == nil && isSimpleReceiver(access.base)
    default: return false
    }
  }

  func isSimpleReceiver(_ expr: Expr) -> Bool {
    switch expr.kind {
    case .identifier, .this: return true
    case .property(let access): return isSimpleReceiver(access.base)
    default: return false
    }
  }

  /// Can the current token begin a command argument (`foo <here>`)?
  func startsCommandArgument() -> Bool {
    if current.flags.contains(.newlineBefore) { return false }
    switch kind {
    case .identifier, .integer, .decimal, .stringBegin, .kwTrue, .kwFalse, .kwNull, .kwThis, .kwNew, .kwSuper:
      return true
    case .leftBracket:
      return false
    default:
      // `foo default: 1` and other keyword-named arguments.
      return kind.isKeyword && peek().kind == .colon
    }
  }

  /// `a b` is `a(b)`; `a b c d` is `a(b).c(d)`; `a b c` is `a(b).c`.
  mutating func parseCommandChain(callee: Expr) -> Expr {
    var expr = parseCommandCall(callee: callee)
    var levels = 0
    defer { depth -= levels }
    while at(.identifier) && !current.flags.contains(.newlineBefore) {
      guard enter() else { break }
      levels += 1
      let nameToken = advance()
      let member = Expr(
        .property(PropertyAccess(base: expr, op: .dot, name: text(nameToken), nameRange: nameToken.range, dynamicName: nil)),
        range(from: expr.range.start))
      if startsCommandArgument() {
        expr = parseCommandCall(callee: member)
      } else if at(.leftParen) {
        let arguments = parseParenthesizedArguments()
        expr = makeCall(callee: member, arguments: arguments, hasParentheses: true, closures: [])
      } else {
        return member
      }
    }
    return expr
  }

  mutating func parseCommandCall(callee: Expr) -> Expr {
    var arguments: [Argument] = []
    repeat {
      if current.flags.contains(.newlineBefore) && arguments.isEmpty { break }
      arguments.append(parseArgument())
    } while eat(.comma) != nil && !atEnd
    var call = makeCall(callee: callee, arguments: arguments, hasParentheses: false, closures: [])
    if at(.leftBrace) && !current.flags.contains(.newlineBefore) {
      call = appendTrailingClosures(to: call)
    }
    return call
  }

  mutating func parseMemberSelection(on base: Expr, op opKind: TokenKind) -> Expr {
    let op: AccessOperator
    switch opKind {
    case .safeDot: op = .safe
    case .spreadDot: op = .spread
    case .fieldAccess: op = .field
    case .methodPointer: op = .methodPointer
    default: op = .dot
    }
    var name = ""
    var nameRange = SourceRange.point(current.start)
    var dynamicName: Expr?
    if at(.identifier) || kind.isKeyword {
      let token = advance()
      name = text(token)
      nameRange = token.range
    } else if at(.stringBegin) {
      let string = parseString()
      if case .string(let literal) = string.kind, let plain = literal.plainValue {
        name = plain
      } else {
        dynamicName = string
      }
      nameRange = string.range
    } else if at(.leftParen) {
      // `closure.(args)` is `closure.call(args)`.
      name = "call"
    } else if at(.less) {
      // `obj.<T>method()`: skip explicit type arguments.
      _ = parseTypeArgumentsForDecl()
      return parseMemberSelection(on: base, op: opKind)
    } else {
      report(.expectedToken, "Expected a property or method name after '.' but found \(describe(current))", at: errorRange(for: current))
      return Expr(.property(PropertyAccess(base: base, op: op, name: "", nameRange: nameRange, dynamicName: nil)), range(from: base.range.start))
    }
    let property = Expr(
      .property(PropertyAccess(base: base, op: op, name: name, nameRange: nameRange, dynamicName: dynamicName)),
      range(from: base.range.start))
    if op == .methodPointer { return property }
    if at(.leftParen) && !atLineBreak {
      let arguments = parseParenthesizedArguments()
      var call = makeCall(callee: property, arguments: arguments, hasParentheses: true, closures: [])
      if at(.leftBrace) { call = appendTrailingClosures(to: call) }
      return call
    }
    return property
  }

  /// Turns `callee(arguments)` into a `Call`, splitting a property callee into receiver and name.
  func makeCall(callee: Expr, arguments: [Argument], hasParentheses: Bool, closures: [Closure]) -> Expr {
    let call: Call
    switch callee.kind {
    case .identifier(let name), .integer(let name):
      call = Call(receiver: nil, op: .dot, name: name, nameRange: callee.range, dynamicName: nil, arguments: arguments, hasParentheses: hasParentheses, trailingClosures: closures)
    case .property(let access) where access.op != .methodPointer:
      call = Call(receiver: access.base, op: access.op, name: access.name, nameRange: access.nameRange, dynamicName: access.dynamicName, arguments: arguments, hasParentheses: hasParentheses, trailingClosures: closures)
    default:
      call = Call(receiver: callee, op: .dot, name: "call", nameRange: callee.range, dynamicName: nil, arguments: arguments, hasParentheses: hasParentheses, trailingClosures: closures)
    }
    return Expr(.call(call), SourceRange(start: callee.range.start, end: max(previousEnd, callee.range.end)))
  }

  /// Adds one or more `{ … }` closures (`foo { } { }` is rare but legal) to a call.
  mutating func appendTrailingClosures(to expr: Expr) -> Expr {
    var closures: [Closure] = []
    while at(.leftBrace) {
      if !closures.isEmpty && current.flags.contains(.newlineBefore) { break }
      closures.append(parseClosure())
    }
    if case .call(var call) = expr.kind {
      call.trailingClosures += closures
      return Expr(.call(call), range(from: expr.range.start))
    }
    let made = makeCall(callee: expr, arguments: [], hasParentheses: false, closures: closures)
    return Expr(made.kind, range(from: expr.range.start))
  }

  // MARK: Arguments

  mutating func parseParenthesizedArguments() -> [Argument] {
    let open = advance()
    let saved = newlinesSignificant
    newlinesSignificant = false
    defer { newlinesSignificant = saved }
    var arguments: [Argument] = []
    while !at(.rightParen) && !atEnd {
      if at(.rightBrace) || at(.interpolationEnd) { break }
      arguments.append(parseArgument())
      if eat(.comma) == nil { break }
      // Groovy 2 accepts empty arguments (`f(a, , b)`); so do we.
      while eat(.comma) != nil {}
    }
    newlinesSignificant = saved
    expect(.rightParen, closing: open)
    return arguments
  }

  /// One argument or map entry: `value`, `name: value`, `'name': value`, `(expr): value`, `*list`, `*:map`.
  mutating func parseArgument() -> Argument {
    let start = current.start
    if at(.star) {
      advance()
      if eat(.colon) != nil {
        let value = parseExpression()
        return Argument(key: .spread(SourceRange(start: start, end: value.range.start)), value: value, range: range(from: start))
      }
      let value = parseExpression()
      return Argument(key: nil, value: Expr(.spread(value), range(from: start)), range: range(from: start))
    }
    if (at(.identifier) || kind.isKeyword) && peek().kind == .colon {
      let key = advance()
      advance()
      let value = parseArgumentValue()
      return Argument(key: .name(text(key), key.range), value: value, range: range(from: start))
    }
    let value = parseExpression()
    if at(.colon) {
      advance()
      let key: MapKey
      if case .string(let literal) = value.kind, let plain = literal.plainValue {
        key = .name(plain, value.range)
      } else if case .integer(let digits) = value.kind {
        key = .name(digits, value.range)
      } else {
        key = .expression(value)
      }
      let entryValue = parseArgumentValue()
      return Argument(key: key, value: entryValue, range: range(from: start))
    }
    return Argument(key: nil, value: value, range: value.range)
  }

  /// The value after `name:`; a missing value gets a precise error rather than swallowing `,`.
  mutating func parseArgumentValue() -> Expr {
    if at(.comma) || at(.rightParen) || at(.rightBracket) {
      report(.expectedExpression, "Expected a value after ':' but found \(describe(current))", at: errorRange(for: current))
      return Expr(.missing, SourceRange.point(current.start))
    }
    return parseExpression()
  }

  // MARK: Primary

  mutating func parsePrimary() -> Expr {
    let token = current
    switch token.kind {
    case .identifier:
      advance()
      return Expr(.identifier(text(token)), token.range)
    case .integer:
      advance()
      return Expr(.integer(text(token)), token.range)
    case .decimal:
      advance()
      return Expr(.decimal(text(token)), token.range)
    case .stringBegin:
      return parseString()
    case .kwTrue, .kwFalse:
      advance()
      return Expr(.boolean(token.kind == .kwTrue), token.range)
    case .kwNull:
      advance()
      return Expr(.null, token.range)
    case .kwThis:
      advance()
      return Expr(.this, token.range)
    case .kwSuper:
      advance()
      return Expr(.super, token.range)
    case .leftParen:
      return parseParenthesized()
    case .leftBracket:
      return parseListOrMap()
    case .leftBrace:
      let closure = parseClosure()
      return Expr(.closure(closure), closure.range)
    case .kwNew:
      return parseNew()
    case .kwDef where peek().kind == .identifier:
      // `def` inside an expression context (e.g. a closure parameter written oddly): treat as a name.
      advance()
      return parsePrimary()
    default:
      if token.kind.isPrimitiveType {
        let type = parseType()
        return Expr(.type(type), type.range)
      }
      report(.expectedExpression, "Expected an expression but found \(describe(token))", at: errorRange(for: token))
      return Expr(.missing, SourceRange.point(token.start))
    }
  }

  mutating func parseParenthesized() -> Expr {
    let open = advance()
    let saved = newlinesSignificant
    newlinesSignificant = false
    defer { newlinesSignificant = saved }
    var inner = parseExpression()
    if at(.comma) {
      // `(a, b) = [1, 2]`: a tuple on the left of a multiple assignment.
      var elements = [inner]
      while eat(.comma) != nil, !at(.rightParen) { elements.append(parseExpression()) }
      inner = Expr(.tuple(elements), inner.range)
    }
    newlinesSignificant = saved
    expect(.rightParen, closing: open)
    // Like Groovy's AST, the expression keeps its own range (parentheses are not a node).
    if case .missing = inner.kind { return Expr(.missing, SourceRange(start: open.start, end: previousEnd)) }
    return inner
  }

  mutating func parseListOrMap() -> Expr {
    let open = advance()
    let saved = newlinesSignificant
    newlinesSignificant = false
    defer { newlinesSignificant = saved }
    if at(.colon), peek().kind == .rightBracket {
      advance()
      advance()
      return Expr(.map([]), range(from: open.start))
    }
    var elements: [Argument] = []
    while !at(.rightBracket) && !atEnd {
      if at(.rightBrace) || at(.rightParen) || at(.interpolationEnd) { break }
      if at(.comma) {
        // Groovy 2 accepts empty elements (`[a, , b]`); so do we.
        advance()
        continue
      }
      elements.append(parseArgument())
      if eat(.comma) == nil { break }
    }
    newlinesSignificant = saved
    expect(.rightBracket, closing: open)
    let whole = range(from: open.start)
    if elements.contains(where: { $0.key != nil }) {
      var entries: [MapEntry] = []
      for element in elements {
        if let key = element.key {
          entries.append(MapEntry(key: key, value: element.value, range: element.range))
        } else {
          report(.expectedToken, "Expected 'key: value' in a map literal", at: element.range)
        }
      }
      return Expr(.map(entries), whole)
    }
    return Expr(.list(elements.map(\.value)), whole)
  }

  mutating func parseClosure() -> Closure {
    let open = advance()
    let saved = newlinesSignificant
    newlinesSignificant = true
    defer { newlinesSignificant = saved }
    guard enter() else { return Closure(parameters: [], hasArrow: false, body: [], range: range(from: open.start), bodyRange: range(from: open.end)) }
    defer { leave() }
    var parameters: [Parameter] = []
    var hasArrow = false
    if at(.arrow) {
      advance()
      hasArrow = true
    } else if closureHasParameterList() {
      newlinesSignificant = false
      while !at(.arrow) && !atEnd {
        if let p = parseParameter(terminators: [.comma, .arrow]) { parameters.append(p) } else { skipUntil([.comma, .arrow]) }
        if eat(.comma) == nil { break }
      }
      newlinesSignificant = true
      expect(.arrow)
      hasArrow = true
    }
    let bodyStart = previousEnd
    let body = parseStatementList()
    let bodyEnd = current.start
    closeBrace(open)
    return Closure(
      parameters: parameters, hasArrow: hasArrow, body: body, range: range(from: open.start),
      bodyRange: SourceRange(start: bodyStart, end: max(bodyStart, bodyEnd)))
  }

  /// Looks ahead for `a, String b ->` right after `{`.
  func closureHasParameterList() -> Bool {
    var i = index
    var steps = 0
    var nesting = 0
    while i < tokens.count && steps < 64 {
      switch tokens[i].kind {
      case .arrow: return nesting == 0
      case .identifier, .comma, .dot, .question, .kwDef, .kwFinal, .range: break
      case .less: nesting += 1
      case .greater: nesting -= 1
      case .shiftRight: nesting -= 2
      case .leftBracket, .rightBracket: break
      case .assign:
        // A default value: accept simple literals only.
        break
      case .integer, .stringBegin, .stringText, .stringEnd, .kwTrue, .kwFalse, .kwNull: break
      default:
        if !tokens[i].kind.isPrimitiveType { return false }
      }
      i += 1
      steps += 1
    }
    return false
  }

  mutating func parseNew() -> Expr {
    let start = advance().start
    let type = parseType()
    var arguments: [Argument] = []
    var dimensions: [Expr] = []
    var body: [Stmt]?
    if at(.leftParen) {
      arguments = parseParenthesizedArguments()
      if at(.leftBrace) && !current.flags.contains(.newlineBefore) {
        // Anonymous inner class.
        body = parseBlock("the class body").statements
      }
    } else if at(.leftBracket) {
      while let open = eat(.leftBracket) {
        if at(.rightBracket) {
          advance()
          continue
        }
        let saved = newlinesSignificant
        newlinesSignificant = false
        dimensions.append(parseExpression())
        newlinesSignificant = saved
        expect(.rightBracket, closing: open)
      }
      if at(.leftBrace) {
        // Array initialiser `new String[] { "a", "b" }`.
        let open = advance()
        let saved = newlinesSignificant
        newlinesSignificant = false
        while !at(.rightBrace) && !atEnd {
          dimensions.append(parseExpression())
          if eat(.comma) == nil { break }
        }
        newlinesSignificant = saved
        closeBrace(open)
      }
    } else {
      report(.expectedToken, "Expected '(' or '[' after 'new \(type.name)' but found \(describe(current))", at: errorRange(for: current))
    }
    return Expr(.new(NewInstance(type: type, arguments: arguments, arrayDimensions: dimensions, body: body)), range(from: start))
  }
}
