// Statements: statement lists, blocks and control flow.

extension ParserState {
  mutating func parseFile() -> [Stmt] {
    var statements: [Stmt] = []
    while !atEnd {
      statements += parseStatementList()
      if at(.rightBrace) {
        report(.unmatchedClosingBrace, "Unexpected '}': there is no '{' for it to close", at: current.range)
        let start = current.start
        advance()
        statements.append(Stmt(.error, SourceRange(start: start, end: previousEnd)))
      }
    }
    return statements
  }

  /// Statements up to (not including) a `}` or the end of the file.
  mutating func parseStatementList() -> [Stmt] {
    var statements: [Stmt] = []
    while true {
      while eat(.semicolon) != nil {}
      if at(.rightBrace) || atEnd { break }
      let before = index
      statements.append(parseStatement())
      if index == before {
        // Nothing could start a statement here: report the token and move past it.
        let token = current
        report(.unexpectedToken, "Unexpected \(describe(token))", at: token.range)
        skipToStatementEnd()
        if index == before { advance() }
        statements.append(Stmt(.error, SourceRange(start: token.start, end: previousEnd)))
        continue
      }
      if !(at(.semicolon) || at(.rightBrace) || atEnd || current.flags.contains(.newlineBefore)) {
        let token = current
        report(
          .unexpectedToken,
          "Unexpected \(describe(token)) after the statement; put one statement per line or separate them with ';'",
          at: token.range)
        skipToStatementEnd()
        statements.append(Stmt(.error, SourceRange(start: token.start, end: previousEnd)))
      }
    }
    return statements
  }

  /// `{ statements }`; reports a missing `{` or `}` precisely.
  mutating func parseBlock(_ context: String) -> (statements: [Stmt], range: SourceRange) {
    let start = current.start
    guard let open = eat(.leftBrace) else {
      report(.expectedToken, "Expected '{' to start \(context) but found \(describe(current))", at: errorRange(for: current))
      return ([], SourceRange.point(start))
    }
    let saved = newlinesSignificant
    newlinesSignificant = true
    defer { newlinesSignificant = saved }
    guard enter() else { return ([], SourceRange(start: start, end: previousEnd)) }
    defer { leave() }
    let statements = parseStatementList()
    closeBrace(open)
    return (statements, SourceRange(start: start, end: previousEnd))
  }

  /// Consumes the `}` matching `open`, or reports where the unclosed `{` is.
  mutating func closeBrace(_ open: Token) {
    if eat(.rightBrace) != nil { return }
    let line = source.location(of: open.start).line
    report(.unclosedBrace, "Missing '}' to close the '{' opened at line \(line)", at: open.range)
  }

  mutating func parseStatement() -> Stmt {
    guard enter() else { return Stmt(.error, SourceRange.point(current.start)) }
    defer { leave() }
    let start = current.start
    let annotations = parseAnnotations()
    var statement: Stmt
    switch kind {
    case .kwIf: statement = parseIf()
    case .kwFor: statement = parseFor()
    case .kwWhile:
      advance()
      let condition = parseParenthesizedCondition()
      let body = parseControlBody()
      statement = Stmt(.whileLoop(condition: condition, body: body), range(from: start))
    case .kwDo:
      advance()
      let body = parseControlBody()
      if eat(.kwWhile) == nil {
        report(.expectedToken, "Expected 'while' after the body of 'do'", at: errorRange(for: current))
      }
      let condition = parseParenthesizedCondition()
      statement = Stmt(.doWhile(body: body, condition: condition), range(from: start))
    case .kwSwitch: statement = parseSwitch()
    case .kwTry: statement = parseTry()
    case .kwReturn:
      advance()
      var value: Expr?
      if !endsStatement { value = parseExpression(allowCommand: true) }
      statement = Stmt(.returnValue(value), range(from: start))
    case .kwThrow:
      advance()
      statement = Stmt(.throwValue(parseExpression()), range(from: start))
    case .kwBreak, .kwContinue:
      let isBreak = kind == .kwBreak
      advance()
      var label: String?
      if at(.identifier) && !current.flags.contains(.newlineBefore) { label = text(advance()) }
      statement = Stmt(isBreak ? .breakLoop(label: label) : .continueLoop(label: label), range(from: start))
    case .kwAssert:
      advance()
      let condition = parseExpression()
      var message: Expr?
      if eat(.colon) != nil || eat(.comma) != nil { message = parseExpression() }
      statement = Stmt(.assertion(condition: condition, message: message), range(from: start))
    case .kwImport: statement = parseImport()
    case .kwPackage:
      advance()
      statement = Stmt(.packageDecl(name: parseDottedName()), range(from: start))
    case .kwClass, .kwInterface, .kwEnum, .kwTrait:
      statement = parseTypeDecl(modifiers: Modifiers(), start: start)
    case .kwSynchronized where peek().kind == .leftParen:
      advance()
      let lock = parseParenthesizedCondition()
      let body = parseControlBody()
      statement = Stmt(.synchronized(lock: lock, body: body), range(from: start))
    case .leftBrace:
      // A bare `{ … }` at statement level: Groovy treats it as a block.
      let block = parseBlock("a block")
      statement = Stmt(.block(block.statements), block.range)
    case .identifier where peek().kind == .colon && !peek().flags.contains(.newlineBefore),
      .stringBegin where isQuotedLabel():
      let label: String
      if at(.identifier) {
        label = text(advance())
      } else {
        let string = parseString()
        label = source.text(string.range)
      }
      advance()
      let body = parseStatement()
      statement = Stmt(.labeled(label: label, body: body), range(from: start))
    default:
      if isDeclarationStart() {
        statement = parseDeclaration(start: start)
      } else {
        let expr = parseExpression(allowCommand: true)
        statement = Stmt(.expression(expr), expr.range)
      }
    }
    if !annotations.isEmpty {
      statement.annotations = annotations
      statement.range = statement.range.union(SourceRange.point(start))
    }
    return statement
  }

  /// `"name": statement`: Groovy 2 accepts a quoted label (seen in real files inside closures).
  func isQuotedLabel() -> Bool {
    var i = index + 1
    while tokens[i].kind == .stringText { i += 1 }
    return tokens[i].kind == .stringEnd && tokens[i + 1].kind == .colon
  }

  func range(from start: UInt32) -> SourceRange {
    SourceRange(start: start, end: max(start, previousEnd))
  }

  /// A statement ends here: line break, `;`, `}` or end of file.
  var endsStatement: Bool {
    at(.semicolon) || at(.rightBrace) || atEnd || current.flags.contains(.newlineBefore)
  }

  mutating func parseParenthesizedCondition() -> Expr {
    guard let open = eat(.leftParen) else {
      report(.expectedToken, "Expected '(' but found \(describe(current))", at: errorRange(for: current))
      return Expr(.missing, SourceRange.point(current.start))
    }
    let saved = newlinesSignificant
    newlinesSignificant = false
    let condition = parseExpression()
    newlinesSignificant = saved
    expect(.rightParen, closing: open)
    return condition
  }

  /// The body of `if`/`for`/`while`: a block, or a single statement (possibly on the next line).
  mutating func parseControlBody() -> Stmt {
    while eat(.semicolon) != nil {}
    if at(.leftBrace) {
      let block = parseBlock("the body")
      return Stmt(.block(block.statements), block.range)
    }
    if at(.rightBrace) || atEnd {
      report(.expectedToken, "Expected a statement or '{' but found \(describe(current))", at: errorRange(for: current))
      return Stmt(.error, SourceRange.point(current.start))
    }
    return parseStatement()
  }

  mutating func parseIf() -> Stmt {
    let start = advance().start
    let condition = parseParenthesizedCondition()
    let then = parseControlBody()
    var otherwise: Stmt?
    // `else` may follow on the next line, possibly after a `;`.
    var lookahead = index
    while tokens[lookahead].kind == .semicolon { lookahead += 1 }
    if tokens[lookahead].kind == .kwElse {
      index = lookahead
      advance()
      otherwise = parseControlBody()
    }
    return Stmt(.ifElse(condition: condition, then: then, otherwise: otherwise), range(from: start))
  }

  mutating func parseFor() -> Stmt {
    let start = advance().start
    guard let open = eat(.leftParen) else {
      report(.expectedToken, "Expected '(' after 'for' but found \(describe(current))", at: errorRange(for: current))
      return Stmt(.error, range(from: start))
    }
    let saved = newlinesSignificant
    newlinesSignificant = false
    defer { newlinesSignificant = saved }
    if forHeaderIsClassic() {
      var initializer: [Stmt] = []
      if !at(.semicolon) {
        repeat {
          let s = current.start
          if isDeclarationStart() {
            initializer.append(parseDeclaration(start: s))
          } else {
            let e = parseExpression()
            initializer.append(Stmt(.expression(e), e.range))
          }
        } while eat(.comma) != nil
      }
      expect(.semicolon)
      let condition: Expr? = at(.semicolon) ? nil : parseExpression()
      expect(.semicolon)
      var update: [Expr] = []
      if !at(.rightParen) {
        repeat { update.append(parseExpression()) } while eat(.comma) != nil
      }
      expect(.rightParen, closing: open)
      newlinesSignificant = saved
      let body = parseControlBody()
      return Stmt(.forLoop(ForLoop(initializer: initializer, condition: condition, update: update, body: body)), range(from: start))
    }
    // for ([Type|def] name in|: iterable)
    var type: TypeName?
    _ = eat(.kwFinal)
    if eat(.kwDef) == nil, let end = scanType(from: index), tokens[end].kind == .identifier {
      type = parseType()
    }
    let (name, nameRange) = expectName("a loop variable")
    if eat(.kwIn) == nil && eat(.colon) == nil {
      report(.expectedToken, "Expected 'in' or ':' in the 'for' loop but found \(describe(current))", at: errorRange(for: current))
    }
    let iterable = parseExpression()
    expect(.rightParen, closing: open)
    newlinesSignificant = saved
    let body = parseControlBody()
    return Stmt(
      .forIn(ForIn(variableType: type, variable: name, variableRange: nameRange, iterable: iterable, body: body)),
      range(from: start))
  }

  /// An identifier, or a diagnostic naming `what` was expected (and an empty name).
  mutating func expectName(_ what: String) -> (String, SourceRange) {
    if at(.identifier) {
      let token = advance()
      return (text(token), token.range)
    }
    report(.expectedToken, "Expected \(what) but found \(describe(current))", at: errorRange(for: current))
    return ("", SourceRange.point(current.start))
  }

  /// A `;` at nesting level 0 before the closing `)` means `for (init; cond; update)`.
  func forHeaderIsClassic() -> Bool {
    var i = index
    var nesting = 0
    while i < tokens.count {
      switch tokens[i].kind {
      case .leftParen, .leftBracket, .leftBrace: nesting += 1
      case .rightParen, .rightBracket, .rightBrace:
        if nesting == 0 { return false }
        nesting -= 1
      case .semicolon where nesting == 0: return true
      case .endOfFile: return false
      default: break
      }
      i += 1
    }
    return false
  }

  mutating func parseSwitch() -> Stmt {
    let start = advance().start
    let subject = parseParenthesizedCondition()
    guard let open = eat(.leftBrace) else {
      report(.expectedToken, "Expected '{' after 'switch (…)' but found \(describe(current))", at: errorRange(for: current))
      return Stmt(.switchCase(subject: subject, cases: []), range(from: start))
    }
    let saved = newlinesSignificant
    newlinesSignificant = true
    defer { newlinesSignificant = saved }
    var cases: [SwitchCase] = []
    while !at(.rightBrace) && !atEnd {
      let caseStart = current.start
      var values: [Expr] = []
      var isDefault = false
      // One or more labels: `case a:` `case b:` `default:`.
      var sawLabel = false
      while at(.kwCase) || at(.kwDefault) {
        sawLabel = true
        if eat(.kwDefault) != nil {
          isDefault = true
        } else {
          advance()
          let saved = newlinesSignificant
          newlinesSignificant = false
          values.append(parseExpression())
          newlinesSignificant = saved
        }
        expect(.colon)
      }
      if !sawLabel {
        report(.expectedToken, "Expected 'case' or 'default' in 'switch' but found \(describe(current))", at: errorRange(for: current))
        skipToStatementEnd()
        if at(.rightBrace) || atEnd { break }
        continue
      }
      var body: [Stmt] = []
      while !at(.kwCase) && !at(.kwDefault) && !at(.rightBrace) && !atEnd {
        let before = index
        body += parseStatementListUntilCase()
        if index == before { break }
      }
      cases.append(SwitchCase(values: values, isDefault: isDefault, body: body, range: range(from: caseStart)))
    }
    closeBrace(open)
    return Stmt(.switchCase(subject: subject, cases: cases), range(from: start))
  }

  /// Statements of one `case`, up to the next `case`/`default`/`}`.
  mutating func parseStatementListUntilCase() -> [Stmt] {
    var statements: [Stmt] = []
    while true {
      while eat(.semicolon) != nil {}
      if at(.rightBrace) || atEnd || at(.kwCase) || at(.kwDefault) { break }
      let before = index
      statements.append(parseStatement())
      if index == before {
        report(.unexpectedToken, "Unexpected \(describe(current))", at: current.range)
        advance()
      }
    }
    return statements
  }

  mutating func parseTry() -> Stmt {
    let start = advance().start
    let body = parseBlock("the 'try' block").statements
    var catches: [TryCatch.Catch] = []
    var finallyBody: [Stmt]?
    while at(.kwCatch) {
      let catchStart = advance().start
      var types: [TypeName] = []
      var variable = ""
      if let open = eat(.leftParen) {
        _ = eat(.kwFinal)
        // `catch (e)`, `catch (Exception e)`, `catch (IOException | InterruptedException e)`.
        if at(.identifier) && peek().kind == .rightParen {
          variable = text(advance())
        } else {
          repeat { types.append(parseType()) } while eat(.pipe) != nil
          if at(.identifier) { variable = text(advance()) } else {
            report(.expectedToken, "Expected the exception variable name but found \(describe(current))", at: errorRange(for: current))
          }
        }
        expect(.rightParen, closing: open)
      } else {
        report(.expectedToken, "Expected '(' after 'catch' but found \(describe(current))", at: errorRange(for: current))
      }
      let catchBody = parseBlock("the 'catch' block").statements
      catches.append(TryCatch.Catch(types: types, variable: variable, body: catchBody, range: range(from: catchStart)))
    }
    if eat(.kwFinally) != nil {
      finallyBody = parseBlock("the 'finally' block").statements
    }
    if catches.isEmpty && finallyBody == nil {
      report(.expectedToken, "Expected 'catch' or 'finally' after the 'try' block but found \(describe(current))", at: errorRange(for: current))
    }
    return Stmt(.tryCatch(TryCatch(body: body, catches: catches, finally: finallyBody)), range(from: start))
  }

  mutating func parseImport() -> Stmt {
    let start = advance().start
    let isStatic = eat(.kwStatic) != nil
    var path = ""
    var isWildcard = false
    var first = true
    while true {
      if !first {
        guard eat(.dot) != nil else { break }
        if eat(.star) != nil {
          isWildcard = true
          break
        }
      }
      if at(.identifier) || kind.isKeyword {
        path += (first ? "" : ".") + text(advance())
      } else {
        report(.expectedToken, "Expected a name in the import but found \(describe(current))", at: errorRange(for: current))
        break
      }
      first = false
    }
    var alias: String?
    if eat(.kwAs) != nil {
      if at(.identifier) { alias = text(advance()) } else {
        report(.expectedToken, "Expected an alias after 'as' but found \(describe(current))", at: errorRange(for: current))
      }
    }
    return Stmt(.importDecl(ImportDecl(path: path, isStatic: isStatic, isWildcard: isWildcard, alias: alias)), range(from: start))
  }

  mutating func parseDottedName() -> String {
    var name = ""
    repeat {
      if at(.identifier) || kind.isKeyword {
        name += (name.isEmpty ? "" : ".") + text(advance())
      } else {
        report(.expectedToken, "Expected a name but found \(describe(current))", at: errorRange(for: current))
        break
      }
    } while eat(.dot) != nil
    return name
  }

  /// `@Name`, `@a.b.Name(args)`; Java-style `@Foo(key = value)` arguments become named arguments.
  mutating func parseAnnotations() -> [Annotation] {
    var annotations: [Annotation] = []
    while at(.at) && peek().kind != .kwInterface {
      let start = advance().start
      let name = parseDottedName()
      var arguments: [Argument] = []
      if at(.leftParen) && !current.flags.contains(.newlineBefore) {
        let open = advance()
        let saved = newlinesSignificant
        newlinesSignificant = false
        while !at(.rightParen) && !atEnd {
          let argStart = current.start
          if (at(.identifier) || kind.isKeyword) && peek().kind == .assign {
            let key = advance()
            advance()
            let value = parseExpression()
            arguments.append(Argument(key: .name(text(key), key.range), value: value, range: range(from: argStart)))
          } else {
            let value = parseExpression()
            arguments.append(Argument(key: nil, value: value, range: value.range))
          }
          if eat(.comma) == nil { break }
        }
        newlinesSignificant = saved
        expect(.rightParen, closing: open)
      }
      let annotation = Annotation(name: name, arguments: arguments, range: range(from: start))
      annotations.append(annotation)
      allAnnotations.append(annotation)
    }
    return annotations
  }
}
