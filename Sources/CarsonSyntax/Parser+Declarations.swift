// Declarations: variables, methods, classes, types.
//
// Groovy decides between a declaration and a command expression by shape, and so do we:
// `def …`, modifiers and primitive types always declare; `Foo bar` (a capitalised or qualified
// type followed by a name) declares; `agent any` (lower-case) is the command call `agent(any)`.

extension ParserState {
  func isDeclarationStart() -> Bool {
    let k = kind
    if k == .kwDef || (k.isModifier && !(k == .kwSynchronized && peek().kind == .leftParen)) { return true }
    if k.isPrimitiveType {
      // `int x`, `void foo()`, but not `int.class` or a cast.
      return peek().kind == .identifier
    }
    guard k == .identifier else { return false }
    guard let end = scanType(from: index), end > index else { return false }
    let name = tokens[end]
    guard name.kind == .identifier, !name.flags.contains(.newlineBefore) else { return false }
    // `foo bar` is a command call; a declaration needs a capitalised, qualified or generic type.
    let typeTokens = tokens[index..<end]
    let first = source.bytes[Int(current.start)]
    let capitalised = first >= 0x41 && first <= 0x5A
    let qualifiedOrGeneric = typeTokens.contains { $0.kind == .dot || $0.kind == .less || $0.kind == .leftBracket }
    if !capitalised && !qualifiedOrGeneric { return false }
    if qualifiedOrGeneric && !capitalised {
      // `a.b.C x`: the last segment must be capitalised (else `foo.bar baz` is a command call).
      guard let lastName = typeTokens.last(where: { $0.kind == .identifier }) else { return false }
      let b = source.bytes[Int(lastName.start)]
      if !(b >= 0x41 && b <= 0x5A) { return false }
    }
    let after = tokens[min(end + 1, tokens.count - 1)]
    switch after.kind {
    case .assign, .comma, .semicolon, .rightBrace, .endOfFile, .leftParen, .colon, .kwIn: return true
    default: return after.flags.contains(.newlineBefore)
    }
  }

  /// If the tokens at `start` spell a type (`a.b.C<D<E>>[]`), the index just after it.
  func scanType(from start: Int) -> Int? {
    var i = start
    guard tokens[i].kind == .identifier || tokens[i].kind.isPrimitiveType else { return nil }
    i += 1
    while tokens[i].kind == .dot, tokens[i + 1].kind == .identifier {
      i += 2
    }
    if tokens[i].kind == .less {
      var nesting = 0
      scan: while i < tokens.count {
        switch tokens[i].kind {
        case .less: nesting += 1
        case .greater: nesting -= 1
        case .shiftRight: nesting -= 2
        case .unsignedShiftRight: nesting -= 3
        case .identifier, .comma, .question, .dot, .kwExtends, .kwSuper, .leftBracket, .rightBracket, .ampersand:
          break
        default:
          if !tokens[i].kind.isPrimitiveType { return nil }
        }
        i += 1
        if nesting <= 0 { break scan }
      }
      if nesting != 0 { return nil }
    }
    while tokens[i].kind == .leftBracket, tokens[i + 1].kind == .rightBracket {
      i += 2
    }
    return i
  }

  mutating func parseType() -> TypeName {
    let start = current.start
    var name = ""
    if kind.isPrimitiveType {
      name = text(advance())
    } else if at(.identifier) {
      name = text(advance())
      while at(.dot), peek().kind == .identifier {
        advance()
        name += "." + text(advance())
      }
    } else {
      report(.expectedToken, "Expected a type but found \(describe(current))", at: errorRange(for: current))
      return TypeName(name: "", arguments: [], arrayDimensions: 0, range: SourceRange.point(start))
    }
    var arguments: [TypeName] = []
    if at(.less) {
      advance()
      repeat {
        if eat(.question) != nil {
          if eat(.kwExtends) != nil || eat(.kwSuper) != nil { arguments.append(parseType()) } else {
            arguments.append(TypeName(name: "?", arguments: [], arrayDimensions: 0, range: SourceRange.point(previousEnd)))
          }
        } else if angleCredit == 0 && !at(.greater) {
          arguments.append(parseType())
        }
      } while angleCredit == 0 && eat(.comma) != nil
      closeAngle()
    }
    var dimensions = 0
    while at(.leftBracket), peek().kind == .rightBracket {
      advance()
      advance()
      dimensions += 1
    }
    return TypeName(name: name, arguments: arguments, arrayDimensions: dimensions, range: range(from: start))
  }

  /// Consumes one `>` of a type-argument list; `>>` and `>>>` close several lists.
  mutating func closeAngle() {
    if angleCredit > 0 {
      angleCredit -= 1
      if angleCredit == 0 { advance() }
      return
    }
    switch kind {
    case .greater: advance()
    case .shiftRight: angleCredit = 1
    case .unsignedShiftRight: angleCredit = 2
    case .greaterEqual, .shiftRightAssign: advance()  // malformed, but keep going
    default:
      report(.expectedToken, "Expected '>' to close the type arguments but found \(describe(current))", at: errorRange(for: current))
    }
  }

  mutating func parseModifiers() -> Modifiers {
    var modifiers = Modifiers()
    while true {
      if at(.kwDef) {
        modifiers.hasDef = true
        advance()
      } else if kind.isModifier && !(at(.kwSynchronized) && peek().kind == .leftParen) {
        modifiers.keywords.append(advance().kind)
      } else {
        return modifiers
      }
    }
  }

  /// A variable, method or type declaration (annotations already consumed).
  mutating func parseDeclaration(start: UInt32) -> Stmt {
    let modifiers = parseModifiers()
    switch kind {
    case .kwClass, .kwInterface, .kwEnum, .kwTrait:
      return parseTypeDecl(modifiers: modifiers, start: start)
    case .leftParen where modifiers.hasDef:
      return parseMultipleAssignment(modifiers: modifiers, start: start)
    default: break
    }
    var type: TypeName?
    if let end = scanType(from: index), end > index, tokens[end].kind == .identifier,
      !tokens[end].flags.contains(.newlineBefore)
    {
      type = parseType()
    }
    guard at(.identifier) || (kind.isKeyword && !kind.isPrimitiveType && peek().kind == .leftParen) else {
      report(.invalidDeclaration, "Expected a variable or method name but found \(describe(current))", at: errorRange(for: current))
      return Stmt(.error, range(from: start))
    }
    let nameToken = advance()
    let name = text(nameToken)
    if at(.leftParen) && isMethodDeclarationAhead() {
      return parseMethodRest(modifiers: modifiers, returnType: type, name: name, nameRange: nameToken.range, start: start)
    }
    var declarators: [VariableDecl.Declarator] = []
    var declName = name
    var declRange = nameToken.range
    while true {
      var initializer: Expr?
      if eat(.assign) != nil {
        initializer = parseExpression(allowCommand: true)
      }
      declarators.append(VariableDecl.Declarator(name: declName, nameRange: declRange, initializer: initializer))
      guard at(.comma), peek().kind == .identifier else { break }
      advance()
      let next = advance()
      declName = text(next)
      declRange = next.range
    }
    return Stmt(.variable(VariableDecl(modifiers: modifiers, type: type, declarators: declarators, multipleValue: nil)), range(from: start))
  }

  /// After `name(`: a method declaration has `) {` (possibly with `throws` or a line break).
  func isMethodDeclarationAhead() -> Bool {
    var i = index
    var nesting = 0
    while i < tokens.count {
      switch tokens[i].kind {
      case .leftParen, .leftBracket, .leftBrace: nesting += 1
      case .rightParen, .rightBracket, .rightBrace:
        nesting -= 1
        if nesting == 0 {
          let next = tokens[min(i + 1, tokens.count - 1)].kind
          return next == .leftBrace || next == .kwThrows || next == .semicolon
            || next == .endOfFile || tokens[min(i + 1, tokens.count - 1)].flags.contains(.newlineBefore)
            || next == .rightBrace
        }
      case .endOfFile: return false
      default: break
      }
      i += 1
    }
    return false
  }

  mutating func parseMethodRest(modifiers: Modifiers, returnType: TypeName?, name: String, nameRange: SourceRange, start: UInt32) -> Stmt {
    let parameters = parseParameterList()
    if eat(.kwThrows) != nil {
      repeat { _ = parseType() } while eat(.comma) != nil
    }
    var body: [Stmt]?
    var bodyRange: SourceRange?
    if at(.leftBrace) {
      let block = parseBlock("the method body")
      body = block.statements
      bodyRange = block.range
    }
    let decl = MethodDecl(modifiers: modifiers, returnType: returnType, name: name, nameRange: nameRange, parameters: parameters, body: body, bodyRange: bodyRange)
    return Stmt(.method(decl), range(from: start))
  }

  /// `(Type a, b = 1, String... rest)`.
  mutating func parseParameterList() -> [Parameter] {
    guard let open = eat(.leftParen) else { return [] }
    let saved = newlinesSignificant
    newlinesSignificant = false
    defer { newlinesSignificant = saved }
    var parameters: [Parameter] = []
    while !at(.rightParen) && !atEnd {
      _ = parseAnnotations()
      if let p = parseParameter(terminators: [.comma, .rightParen]) { parameters.append(p) } else {
        skipUntil([.comma, .rightParen])
      }
      if eat(.comma) == nil { break }
    }
    expect(.rightParen, closing: open)
    return parameters
  }

  mutating func skipUntil(_ kinds: Set<TokenKind>) {
    var nesting = 0
    while !atEnd {
      if nesting == 0 && kinds.contains(kind) { return }
      switch kind {
      case .leftParen, .leftBracket, .leftBrace: nesting += 1
      case .rightParen, .rightBracket, .rightBrace:
        if nesting == 0 { return }
        nesting -= 1
      default: break
      }
      advance()
    }
  }

  mutating func parseParameter(terminators: Set<TokenKind>) -> Parameter? {
    _ = eat(.kwFinal)
    _ = eat(.kwDef)
    var type: TypeName?
    if let end = scanType(from: index), end > index,
      tokens[end].kind == .identifier || (tokens[end].kind == .range && tokens[end + 1].kind == .dot)
    {
      type = parseType()
    }
    var isVariadic = false
    if at(.range), peek().kind == .dot {  // `...` lexes as `..` `.`
      advance()
      advance()
      isVariadic = true
    }
    guard at(.identifier) else {
      report(.expectedToken, "Expected a parameter name but found \(describe(current))", at: errorRange(for: current))
      return nil
    }
    let nameToken = advance()
    var defaultValue: Expr?
    if eat(.assign) != nil { defaultValue = parseExpression() }
    return Parameter(type: type, name: text(nameToken), nameRange: nameToken.range, defaultValue: defaultValue, isVariadic: isVariadic)
  }

  mutating func parseMultipleAssignment(modifiers: Modifiers, start: UInt32) -> Stmt {
    let open = advance()
    var declarators: [VariableDecl.Declarator] = []
    while !at(.rightParen) && !atEnd {
      if let end = scanType(from: index), tokens[end].kind == .identifier { _ = parseType() }
      if at(.identifier) {
        let token = advance()
        declarators.append(VariableDecl.Declarator(name: text(token), nameRange: token.range, initializer: nil))
      } else {
        report(.expectedToken, "Expected a variable name but found \(describe(current))", at: errorRange(for: current))
        skipUntil([.comma, .rightParen])
      }
      if eat(.comma) == nil { break }
    }
    expect(.rightParen, closing: open)
    var value: Expr?
    if eat(.assign) != nil { value = parseExpression(allowCommand: true) }
    return Stmt(.variable(VariableDecl(modifiers: modifiers, type: nil, declarators: declarators, multipleValue: value)), range(from: start))
  }

  /// `class Name [extends …] [implements …] { members }`, likewise interface, enum and trait.
  mutating func parseTypeDecl(modifiers: Modifiers, start: UInt32) -> Stmt {
    let keyword = advance().kind
    let declKind: TypeDecl.Kind =
      keyword == .kwInterface ? .interface : keyword == .kwEnum ? .enum : keyword == .kwTrait ? .trait : .class
    let (name, nameRange) = expectName("a \(declKind.rawValue) name")
    if at(.less) { _ = parseTypeArgumentsForDecl() }
    if eat(.kwExtends) != nil {
      repeat { _ = parseType() } while eat(.comma) != nil
    }
    if eat(.kwImplements) != nil {
      repeat { _ = parseType() } while eat(.comma) != nil
    }
    guard let open = eat(.leftBrace) else {
      report(.expectedToken, "Expected '{' to start the \(declKind.rawValue) body but found \(describe(current))", at: errorRange(for: current))
      return Stmt(.typeDecl(TypeDecl(kind: declKind, modifiers: modifiers, name: name, nameRange: nameRange, members: [])), range(from: start))
    }
    let saved = newlinesSignificant
    newlinesSignificant = true
    defer { newlinesSignificant = saved }
    guard enter() else { return Stmt(.error, range(from: start)) }
    defer { leave() }
    var members: [Stmt] = []
    if declKind == .enum { members += parseEnumConstants() }
    members += parseStatementList()
    closeBrace(open)
    return Stmt(.typeDecl(TypeDecl(kind: declKind, modifiers: modifiers, name: name, nameRange: nameRange, members: members)), range(from: start))
  }

  mutating func parseTypeArgumentsForDecl() -> [TypeName] {
    // `class Box<T extends Foo>`: skip the type parameters.
    var nesting = 0
    repeat {
      if at(.less) { nesting += 1 } else if at(.greater) { nesting -= 1 } else if at(.shiftRight) { nesting -= 2 }
      advance()
    } while nesting > 0 && !atEnd
    return []
  }

  /// `A, B('x'), C { … };` at the start of an enum body, each as a field declaration.
  mutating func parseEnumConstants() -> [Stmt] {
    var constants: [Stmt] = []
    while true {
      while eat(.semicolon) != nil {}
      _ = parseAnnotations()
      guard at(.identifier) else { break }
      let next = peek().kind
      guard next == .comma || next == .semicolon || next == .rightBrace || next == .leftParen || next == .leftBrace
        || peek().flags.contains(.newlineBefore)
      else { break }
      let token = advance()
      var initializer: Expr?
      if at(.leftParen) {
        let arguments = parseParenthesizedArguments()
        initializer = Expr(.call(Call(receiver: nil, op: .dot, name: text(token), nameRange: token.range, dynamicName: nil, arguments: arguments, hasParentheses: true, trailingClosures: [])), range(from: token.start))
      }
      if at(.leftBrace) { _ = parseBlock("the enum constant body") }
      let decl = VariableDecl(modifiers: Modifiers(), type: nil, declarators: [.init(name: text(token), nameRange: token.range, initializer: initializer)], multipleValue: nil)
      constants.append(Stmt(.variable(decl), range(from: token.start)))
      if eat(.comma) == nil {
        _ = eat(.semicolon)
        break
      }
    }
    return constants
  }
}
