import CarsonSyntax

// The pipeline block, stages, stage and steps.

extension DeclarativeReader {
  static let pipelineSections: Set<String> = [
    "agent", "environment", "options", "parameters", "triggers", "tools", "libraries", "stages", "post",
  ]

  static let stageSections: Set<String> = [
    "agent", "environment", "options", "tools", "when", "input", "post", "failFast", "steps", "stages", "parallel", "matrix",
  ]

  static let removedSections: [String: String] = [
    "properties": "The ‘properties’ section has been renamed as of version 0.8. Use ‘options’ instead.",
    "jobProperties": "The ‘jobProperties’ section has been renamed as of version 0.7. Use ‘properties’ instead.",
    "notifications": "The ‘notifications’ section has been removed as of version 0.6. Use ‘post’ for all post-build actions.",
    "postBuild": "The ‘postBuild’ section has been renamed as of version 0.6. Use ‘post’ for all post-build actions.",
    "wrappers": "The 'wrappers' section has been removed as of version 0.8. Use 'options' instead.",
  ]

  mutating func readPipeline(_ body: Closure, range: SourceRange, keyword: SourceRange) -> Pipeline {
    var pipeline = Pipeline(range: range, keywordRange: keyword)
    pipeline.writtenSections = bareSectionNames(body)
    let calls = sectionCalls(body) { text in
      (.invalidSectionDefinition, "Not a valid section definition: \"\(text)\". Some extra configuration is required.")
    }
    for call in calls {
      pipeline.writtenSections.insert(call.name)
      switch call.name {
      case "agent": pipeline.agent = readAgent(call)
      case "stages": pipeline.stages = readStages(call)
      case "environment": pipeline.environment = readEnvironment(call)
      case "options": pipeline.options = readOptions(call)
      case "parameters": pipeline.parameters = readMethodCallSection(call, label: "Build parameters", entry: "parameters", expected: "Expected a build parameter definition")
      case "triggers": pipeline.triggers = readMethodCallSection(call, label: "Triggers", entry: "triggers", expected: "Expected a trigger")
      case "tools": pipeline.tools = readTools(call)
      case "libraries": pipeline.libraries = readLibraries(call)
      case "post": pipeline.post = readPost(call)
      default:
        if let message = Self.removedSections[call.name] {
          error(.removedSection, message, call.nameRange)
        } else {
          error(
            .undefinedSection, "Undefined section \"\(call.name)\"", call.nameRange,
            fixIts: FixIts.rename(call.name, at: call.nameRange, candidates: Self.pipelineSections.sorted()))
        }
      }
    }
    return pipeline
  }

  /// Names written alone on a line (`agent`): broken sections that still count as written.
  func bareSectionNames(_ body: Closure) -> NameSet {
    var names: NameSet = []
    for statement in body.body {
      if case .expression(let expr) = statement.kind, case .identifier(let name) = expr.kind { names.insert(name) }
    }
    return names
  }

  // MARK: Stages

  mutating func readStages(_ call: Call) -> Stages? {
    guard let body = requireBlock(call, "stages") else { return nil }
    return Stages(stages: readStageList(body), range: SourceRange(start: call.nameRange.start, end: body.range.end))
  }

  /// The `stage(…) {…}` entries of a `stages` or `parallel` block.
  mutating func readStageList(_ body: Closure) -> [Stage] {
    var stages: [Stage] = []
    for statement in body.body {
      if case .error = statement.kind { continue }
      guard let call = statementCall(statement), call.isUnqualified, call.name == "stage" else {
        error(.expectedStage, "Expected a stage", statement.range)
        continue
      }
      if let stage = readStage(call, range: statement.range) { stages.append(stage) }
    }
    return stages
  }

  mutating func readStage(_ call: Call, range: SourceRange) -> Stage? {
    let arguments = plainArguments(of: call)
    var name = ""
    var nameRange = call.nameRange
    if arguments.count == 1, arguments[0].key == nil,
      case .string(let literal) = arguments[0].value.kind, let plain = literal.plainValue
    {
      name = plain
      nameRange = arguments[0].value.range
    } else if arguments.isEmpty {
      error(.expectedStringLiteral, "Expected string literal", call.nameRange)
    } else {
      error(.expectedStringLiteral, "Expected string literal", arguments[0].value.range)
    }
    guard let body = closure(of: call) else {
      error(.stageWithoutBlock, "Stage does not have a block", call.nameRange)
      return nil
    }
    let headerEnd = arguments.last?.range.end ?? call.nameRange.end
    let closeParen = source.bytes.indices.contains(Int(headerEnd)) && source.bytes[Int(headerEnd)] == 0x29 ? headerEnd + 1 : headerEnd
    var stage = Stage(name: name, nameRange: nameRange, headerRange: SourceRange(start: call.nameRange.start, end: closeParen), range: range)
    stage.writtenSections = bareSectionNames(body)
    let calls = sectionCalls(body) { text in
      (.invalidSectionDefinition, "Not a valid stage section definition: \"\(text)\". Some extra configuration is required.")
    }
    for section in calls {
      stage.writtenSections.insert(section.name)
      switch section.name {
      case "agent": stage.agent = readAgent(section)
      case "environment": stage.environment = readEnvironment(section)
      case "options": stage.options = readOptions(section)
      case "tools": stage.tools = readTools(section)
      case "when": stage.when = readWhen(section)
      case "input": stage.input = readInput(section)
      case "post": stage.post = readPost(section)
      case "failFast": stage.failFast = readBooleanFlag(section)
      case "steps": stage.steps = readStepsSection(section)
      case "stages": stage.stages = readStages(section)
      case "parallel":
        if let body = requireBlock(section, "parallel") {
          stage.parallel = Parallel(stages: readStageList(body), range: SourceRange(start: section.nameRange.start, end: body.range.end))
        }
      case "matrix": stage.matrix = readMatrix(section)
      default:
        let fixIts = FixIts.rename(section.name, at: section.nameRange, candidates: Self.stageSections.sorted())
        error(
          .unknownStageSection,
          "Unknown stage section \"\(section.name)\". Starting with version 0.5, steps in a stage must be in a ‘steps’ block.",
          section.nameRange,
          notes: fixIts.isEmpty ? [Diagnostic.Note("Steps go inside 'steps { … }' in the stage.")] : [], fixIts: fixIts)
      }
    }
    return stage
  }

  /// `failFast true`, `beforeAgent true`, …: a boolean literal.
  mutating func readBooleanFlag(_ call: Call) -> Bool? {
    let arguments = plainArguments(of: call)
    if arguments.count == 1, arguments[0].key == nil, case .boolean(let b) = arguments[0].value.kind {
      return b
    }
    error(.expectedBoolean, "Expected a boolean with \(call.name)", call.nameRange)
    return nil
  }

  // MARK: Steps

  mutating func readStepsSection(_ call: Call) -> Branch? {
    guard let body = requireBlock(call, "steps") else { return nil }
    var branch = Branch(name: "default", steps: readSteps(body.body), range: SourceRange(start: call.nameRange.start, end: body.range.end))
    branch.writtenStatements = body.body.count
    return branch
  }

  mutating func readSteps(_ statements: [Stmt]) -> [Step] {
    var steps: [Step] = []
    for statement in statements {
      if case .error = statement.kind { continue }
      if let step = readStep(statement) { steps.append(step) }
    }
    return steps
  }

  mutating func readStep(_ statement: Stmt) -> Step? {
    guard case .expression(let expr) = statement.kind, case .call(let call) = expr.kind else {
      error(.expectedStep, "Expected a step", statement.range)
      return nil
    }
    if let receiver = call.receiver {
      switch receiver.kind {
      case .this: break
      case .identifier:
        error(.objectMethodCall, "Method calls on objects not allowed outside \"script\" blocks.", expr.range)
        return nil
      default:
        // Jenkins' ModelParser needs a plain method name on a variable or nothing.
        error(.expectedSymbol, "Expected a symbol", expr.range)
        return nil
      }
    }
    if call.name == "script" {
      guard let block = scriptBlock(call) else {
        error(.stepWithoutBlock, "Script step without a block", call.nameRange)
        return nil
      }
      return .script(block)
    }
    var arguments = plainArguments(of: call)
    var body: [Step]?
    let block = closure(of: call)
    if let block { body = readSteps(block.body) }
    if call.name == "parallel" && block == nil {
      // Old-style `parallel(a: { … }, b: { … }, failFast: true)`: branches are closures.
      arguments = arguments.filter { argument in
        guard let key = argument.name else { return true }
        if key == "failFast" {
          if case .boolean = argument.value.kind {} else {
            error(.expectedBoolean, "Expected a boolean with failFast", argument.value.range)
          }
          return true
        }
        if case .closure = argument.value.kind { return true }
        if case .identifier = argument.value.kind { return true }  // a closure held in a variable
        error(.expectedClosureOrFailFast, "Expected closure or failFast", argument.value.range)
        return false
      }
    }
    var branches: [Branch]?
    if call.name == "parallel" && block == nil {
      branches = arguments.compactMap { argument in
        guard let key = argument.key, let name = key.name, case .closure(let c) = argument.value.kind else { return nil }
        return Branch(name: name, steps: readSteps(c.body), range: argument.range)
      }
    }
    return .call(
      StepCall(
        name: call.name, nameRange: call.nameRange, arguments: readArguments(arguments, nestedCalls: false),
        body: body, closure: block, parallelBranches: branches, range: expr.range, call: call))
  }

  /// `range` without leading and trailing spaces, tabs and line breaks.
  func trimmedRange(_ range: SourceRange) -> SourceRange {
    let bytes = source.bytes
    var start = Int(range.start)
    var end = min(Int(range.end), bytes.count)
    func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
    while start < end, isSpace(bytes[start]) { start += 1 }
    while end > start, isSpace(bytes[end - 1]) { end -= 1 }
    return SourceRange(start, end)
  }

  /// `script { … }` / `expression { … }`: the closure and its trimmed text.
  func scriptBlock(_ call: Call) -> ScriptBlock? {
    guard plainArguments(of: call).isEmpty, let body = closure(of: call) else { return nil }
    return ScriptBlock(statements: body.body, text: text(trimmedRange(body.bodyRange)), range: body.range)
  }

  /// Step, option and condition arguments in Jenkins' three shapes.
  mutating func readArguments(_ arguments: [CarsonSyntax.Argument], nestedCalls: Bool) -> Arguments {
    if arguments.isEmpty { return .none }
    let named = arguments.filter { $0.key != nil }
    if !named.isEmpty && named.count != arguments.count {
      error(.mixedNamedAndUnnamed, "Cannot mix named and unnamed arguments", arguments[0].range.union(arguments[arguments.count - 1].range))
    }
    if !named.isEmpty {
      var seen: NameSet = []
      var list: [NamedArgument] = []
      for argument in named {
        guard let key = argument.key else { continue }
        let name = key.name ?? text(key.range)
        if seen.contains(name) {
          error(.duplicateNamedArgument, "Duplicate named parameter '\(name)' found", key.range)
          continue
        }
        seen.insert(name)
        list.append(NamedArgument(name: name, nameRange: key.range, value: argumentValue(argument.value, nestedCalls: nestedCalls)))
      }
      return .named(list)
    }
    let values = arguments.map { argumentValue($0.value, nestedCalls: nestedCalls) }
    return values.count == 1 ? .single(values[0]) : .positional(values)
  }

  mutating func argumentValue(_ expr: Expr, nestedCalls: Bool) -> ArgumentValue {
    if nestedCalls, case .call(let call) = expr.kind, call.isUnqualified, call.name != "$" {
      if !call.trailingClosures.isEmpty {
        error(.closureAsArgument, "Method call arguments", call.nameRange)
      }
      return .call(
        MethodCall(
          name: call.name, nameRange: call.nameRange,
          arguments: readArguments(call.arguments.filter { if case .closure = $0.value.kind { return false } else { return true } }, nestedCalls: true),
          range: expr.range))
    }
    if nestedCalls, case .closure = expr.kind {
      error(.closureAsArgument, "Method call arguments", expr.range)
    }
    return .value(value(expr))
  }
}

