import CarsonSyntax

// agent, environment, options, parameters, triggers, tools, libraries.

extension DeclarativeReader {
  // MARK: agent

  mutating func readAgent(_ call: Call) -> Agent? {
    let arguments = plainArguments(of: call)
    let whole = SourceRange(start: call.nameRange.start, end: max(call.nameRange.end, closure(of: call)?.range.end ?? arguments.last?.range.end ?? call.nameRange.end))
    if let body = closure(of: call), arguments.isEmpty {
      let statements = body.body.filter { if case .error = $0.kind { return false } else { return true } }
      if statements.isEmpty {
        // Reported by the validator as "No agent type specified".
        return Agent(type: "", typeRange: call.nameRange, arguments: .none, range: whole)
      }
      if statements.count > 1 {
        error(.oneAgentMax, "Only one agent type is allowed per agent section", statements[1].range)
      }
      guard let typeCall = statementCall(statements[0]), typeCall.isUnqualified else {
        error(.expectedAgent, "Expected an agent", statements[0].range)
        return nil
      }
      var agent = Agent(type: typeCall.name, typeRange: typeCall.nameRange, arguments: readAgentArguments(typeCall), range: whole)
      // `label { label 'x'; customWorkspace 'y' }` is the node agent; `label ''` is `any`.
      if agent.type == "label", case .block = agent.arguments { agent.type = "node" }
      if agent.type == "label", case .single(let v) = agent.arguments, v.literal == .string("") {
        agent.type = "any"
        agent.arguments = .none
      }
      return agent
    }
    if arguments.isEmpty {
      error(.noArgForAgent, "No argument for agent", call.nameRange)
      return nil
    }
    if arguments.count == 1, arguments[0].key == nil, case .identifier(let name) = arguments[0].value.kind,
      name == "any" || name == "none"
    {
      return Agent(type: name, typeRange: arguments[0].value.range, arguments: .none, range: whole)
    }
    error(.invalidAgent, "Only \"agent none\", \"agent any\" or \"agent {...}\" are allowed.", call.nameRange.union(arguments[arguments.count - 1].range))
    return nil
  }

  /// `docker 'image'`, `docker { image 'x'; args '…' }`, nested blocks (`containerTemplate { … }`).
  mutating func readAgentArguments(_ call: Call) -> AgentArguments {
    let arguments = plainArguments(of: call)
    if let body = closure(of: call), arguments.isEmpty {
      var options: [AgentOption] = []
      for statement in body.body {
        if case .error = statement.kind { continue }
        // `key = value` is accepted like `key value` (seen in real kubernetes agents).
        if case .expression(let expr) = statement.kind, case .assignment(.assign, let target, let assigned) = expr.kind,
          case .identifier(let key) = target.kind
        {
          options.append(AgentOption(key: key, keyRange: target.range, value: .single(value(assigned)), range: statement.range))
          continue
        }
        guard let option = statementCall(statement), option.isUnqualified else {
          error(.expectedMapMethod, "Expected to find ‘someKey \"someValue\"’", statement.range)
          continue
        }
        let optionArguments = plainArguments(of: option)
        if closure(of: option) != nil && optionArguments.isEmpty {
          options.append(AgentOption(key: option.name, keyRange: option.nameRange, value: readAgentArguments(option), range: statement.range))
          continue
        }
        if optionArguments.isEmpty {
          error(.noArgForAgent, "No argument for map key \"\(option.name)\"", option.nameRange)
          continue
        }
        if optionArguments.count > 1 || optionArguments[0].key != nil {
          error(.tooManyArguments, "Too many arguments for map key \"\(option.name)\"", option.nameRange)
          continue
        }
        options.append(AgentOption(key: option.name, keyRange: option.nameRange, value: .single(value(optionArguments[0].value)), range: statement.range))
      }
      return .block(options)
    }
    if arguments.isEmpty { return .none }
    if arguments.count == 1, arguments[0].key == nil { return .single(value(arguments[0].value)) }
    // `docker image: 'x', args: '…'`: the map form of a block.
    var options: [AgentOption] = []
    for argument in arguments {
      guard let key = argument.name else {
        error(.expectedMapMethod, "Expected to find ‘someKey \"someValue\"’", argument.range)
        continue
      }
      options.append(AgentOption(key: key, keyRange: argument.key!.range, value: .single(value(argument.value)), range: argument.range))
    }
    return .block(options)
  }

  // MARK: environment

  mutating func readEnvironment(_ call: Call) -> Environment? {
    guard let body = requireBlock(call, "environment") else { return nil }
    var entries: [EnvironmentEntry] = []
    var seen: Set<String> = []
    var reportedPairs = false
    for statement in body.body {
      if case .error = statement.kind { continue }
      if case .expression(let expr) = statement.kind, case .assignment(_, let target, _) = expr.kind {
        // A target that is not a name is a Groovy syntax error, already reported.
        if case .identifier = target.kind {} else { continue }
      }
      guard let (name, nameRange, valueExpr) = environmentAssignment(statement) else {
        error(.invalidEnvironment, "\"\(statementText(statement))\" is not a valid environment expression. Use \"key = value\" pairs with valid Java/shell keys.", statement.range)
        if !reportedPairs {
          error(.invalidEnvironment, "Expected name=value pairs", call.nameRange)
          reportedPairs = true
        }
        continue
      }
      // As Jenkins: duplicates first; a value of the wrong form is reported but the variable
      // still counts (so the block is not also "empty").
      if seen.contains(name) {
        error(.duplicateEnvironmentVariable, "Duplicate environment variable name: \"\(name)\"", nameRange)
        continue
      }
      seen.insert(name)
      _ = checkEnvironmentValue(valueExpr)
      var credentialsID: Value?
      if case .call(let c) = valueExpr.kind, c.isUnqualified, c.name == "credentials" {
        credentialsID = c.arguments.first.map { value($0.value) }
      }
      entries.append(EnvironmentEntry(name: name, nameRange: nameRange, value: value(valueExpr), credentialsID: credentialsID, range: statement.range))
    }
    return Environment(entries: entries, range: SourceRange(start: call.nameRange.start, end: body.range.end))
  }

  /// `NAME = value`, including Groovy's reading of `1BAR = v` as the call `1(BAR = v)`.
  func environmentAssignment(_ statement: Stmt) -> (String, SourceRange, Expr)? {
    switch statement.kind {
    case .expression(let expr):
      if case .assignment(.assign, let target, let value) = expr.kind {
        switch target.kind {
        case .identifier(let name): return (name, target.range, value)
        case .missing: return nil
        default: return nil
        }
      }
      if case .call(let call) = expr.kind, call.isUnqualified, call.arguments.count == 1,
        case .assignment(.assign, let target, let value) = call.arguments[0].value.kind,
        case .identifier(let rest) = target.kind
      {
        return (call.name + rest, call.nameRange.union(target.range), value)
      }
      return nil
    default:
      return nil
    }
  }

  /// Jenkins accepts quoted strings, GStrings, constants, method calls and `+` joins of
  /// strings and constants. Every bad part is reported, at the part.
  mutating func checkEnvironmentValue(_ expr: Expr) -> Bool {
    switch expr.kind {
    case .string, .integer, .decimal, .boolean, .null: return true
    case .prefix(.negate, let inner):
      switch inner.kind {
      case .integer, .decimal: return true
      default: break
      }
    case .call(let call):
      if call.isUnqualified && call.name == "credentials" {
        let allStrings = call.arguments.allSatisfy { if case .string = $0.value.kind { return true } else { return false } }
        if !allStrings {
          error(.internalFunctionArgument, "Internal function call parameters must be strings.", expr.range)
        }
        return allStrings
      }
      return true
    case .binary(let op, _, _):
      guard op == .plus else {
        error(.invalidEnvironmentValue, "Environment variable values can only be joined together with ‘+’s.", expr.range)
        return false
      }
      var ok = true
      for operand in plusOperands(expr) {
        switch operand.kind {
        case .string, .integer, .decimal, .boolean, .null: continue
        case .binary:
          ok = checkEnvironmentValue(operand) && ok
        default:
          error(.invalidEnvironmentValue, "Environment variable values to be concatenated together must be single or double quoted.", operand.range)
          ok = false
        }
      }
      return ok
    default: break
    }
    error(.invalidEnvironmentValue, "Environment variable values must either be single quoted, double quoted, or function calls.", expr.range)
    return false
  }

  /// The operands of a chain of `+` (`a + b + c` → a, b, c).
  func plusOperands(_ expr: Expr) -> [Expr] {
    if case .binary(.plus, let lhs, let rhs) = expr.kind { return plusOperands(lhs) + plusOperands(rhs) }
    return [expr]
  }

  // MARK: options, parameters, triggers

  mutating func readOptions(_ call: Call) -> Options? {
    guard let section = readMethodCallSection(call, label: "Options", entry: "options", expected: "Expected an option") else { return nil }
    return Options(options: section.calls, range: section.range)
  }

  /// `options`, `parameters` and `triggers`: each entry a describable call without a block.
  mutating func readMethodCallSection(_ call: Call, label: String, entry: String, expected: String) -> MethodCallSection? {
    guard let body = requireBlock(call, entry) else { return nil }
    var calls: [MethodCall] = []
    for statement in body.body {
      if case .error = statement.kind { continue }
      if case .expression(let expr) = statement.kind, case .map = expr.kind {
        error(.mapNotAllowed, "\(label) cannot be defined as maps", statement.range)
        continue
      }
      guard let entryCall = statementCall(statement), entryCall.isUnqualified else {
        error(entry == "options" ? .expectedOption : entry == "triggers" ? .expectedTrigger : .expectedParameter, expected, statement.range)
        continue
      }
      if !entryCall.trailingClosures.isEmpty {
        error(.cannotHaveBlocks, "\(label) definitions cannot have blocks", entryCall.nameRange)
        continue
      }
      calls.append(
        MethodCall(
          name: entryCall.name, nameRange: entryCall.nameRange,
          arguments: readArguments(entryCall.arguments, nestedCalls: true), range: statement.range))
    }
    return MethodCallSection(calls: calls, range: SourceRange(start: call.nameRange.start, end: body.range.end))
  }

  // MARK: tools, libraries

  mutating func readTools(_ call: Call) -> Tools? {
    guard let body = requireBlock(call, "tools") else { return nil }
    var tools: [Tools.Tool] = []
    for statement in body.body {
      if case .error = statement.kind { continue }
      guard let tool = statementCall(statement), tool.isUnqualified, tool.trailingClosures.isEmpty else {
        error(.expectedTool, "Expected to find ‘someTool \"someVersion\"’", statement.range)
        continue
      }
      if tool.arguments.isEmpty {
        error(.expectedTool, "No argument for tool \"\(tool.name)\"", tool.nameRange)
        continue
      }
      if tool.arguments.count > 1 || tool.arguments[0].key != nil {
        error(.tooManyArguments, "Too many arguments for tool \"\(tool.name)\"", tool.nameRange)
        continue
      }
      tools.append(Tools.Tool(type: tool.name, typeRange: tool.nameRange, name: value(tool.arguments[0].value), range: statement.range))
    }
    return Tools(tools: tools, range: SourceRange(start: call.nameRange.start, end: body.range.end))
  }

  mutating func readLibraries(_ call: Call) -> Libraries? {
    guard let body = requireBlock(call, "libraries") else { return nil }
    var libraries: [Libraries.Library] = []
    for statement in body.body {
      if case .error = statement.kind { continue }
      if let lib = statementCall(statement), lib.isUnqualified, !lib.trailingClosures.isEmpty {
        error(.cannotHaveBlocks, "Libraries definitions cannot have blocks", lib.nameRange)
        continue
      }
      if let lib = statementCall(statement), lib.isUnqualified, lib.name == "lib", lib.trailingClosures.isEmpty,
        lib.arguments.count == 1, lib.arguments[0].key == nil, case .string = lib.arguments[0].value.kind
      {
        libraries.append(Libraries.Library(identifier: value(lib.arguments[0].value), range: statement.range))
        continue
      }
      error(.expectedLibrary, "Expected a \"lib(...)\" but got \(text(statement.range))", statement.range)
    }
    return Libraries(libraries: libraries, range: SourceRange(start: call.nameRange.start, end: body.range.end))
  }
}
