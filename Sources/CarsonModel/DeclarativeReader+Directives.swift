import CarsonSyntax

// when, input, post, matrix.

extension DeclarativeReader {
  // MARK: when

  mutating func readWhen(_ call: Call) -> When? {
    guard let body = requireBlock(call, "when") else { return nil }
    var when = When(conditions: [], range: SourceRange(start: call.nameRange.start, end: body.range.end))
    for statement in body.body {
      if case .error = statement.kind { continue }
      guard let condition = statementCall(statement), condition.isUnqualified else {
        error(.expectedWhen, "Expected a when condition", statement.range)
        continue
      }
      switch condition.name {
      case "beforeAgent": when.beforeAgent = readBooleanFlag(condition)
      case "beforeInput": when.beforeInput = readBooleanFlag(condition)
      case "beforeOptions": when.beforeOptions = readBooleanFlag(condition)
      default:
        if let c = readWhenCondition(condition, range: statement.range) { when.conditions.append(c) }
      }
    }
    return when
  }

  mutating func readWhenCondition(_ call: Call, range: SourceRange) -> WhenCondition? {
    var condition = WhenCondition(
      name: call.name, nameRange: call.nameRange, arguments: readArguments(plainArguments(of: call), nestedCalls: false),
      children: [], script: nil, hasBlock: closure(of: call) != nil, range: range)
    switch call.name {
    case "expression":
      guard let block = scriptBlock(call) else {
        error(.stepWithoutBlock, "When step without a block", call.nameRange)
        return nil
      }
      condition.script = block
      condition.arguments = .none
    case "allOf", "anyOf", "not":
      if let body = closure(of: call) {
        for statement in body.body {
          if case .error = statement.kind { continue }
          guard let child = statementCall(statement), child.isUnqualified else {
            error(.expectedWhen, "Expected a when condition", statement.range)
            continue
          }
          if let c = readWhenCondition(child, range: statement.range) { condition.children.append(c) }
        }
      }
    default:
      break
    }
    return condition
  }

  // MARK: input

  static let inputFields: Set<String> = ["message", "id", "ok", "submitter", "submitterParameter", "parameters"]

  mutating func readInput(_ call: Call) -> Input? {
    guard let body = requireBlock(call, "input") else { return nil }
    var input = Input(range: SourceRange(start: call.nameRange.start, end: body.range.end))
    let calls = sectionCalls(body) { text in
      (.invalidSectionDefinition, "Not a valid section definition: \"\(text)\". Some extra configuration is required.")
    }
    for field in calls {
      guard Self.inputFields.contains(field.name) else {
        error(
          .invalidInputField, "Not a valid field for input: \"\(field.name)\"", field.nameRange,
          fixIts: FixIts.rename(field.name, at: field.nameRange, candidates: Self.inputFields.sorted()))
        continue
      }
      if field.name == "parameters" {
        input.parameters = readMethodCallSection(field, label: "Build parameters", entry: "parameters", expected: "Expected a build parameter definition")
        continue
      }
      guard let v = readFieldValue(field) else { continue }
      switch field.name {
      case "message": input.message = v
      case "id": input.id = v
      case "ok": input.ok = v
      case "submitter": input.submitter = v
      default: input.submitterParameter = v
      }
    }
    return input
  }

  /// `field value`: exactly one unnamed argument.
  mutating func readFieldValue(_ call: Call) -> Value? {
    let arguments = plainArguments(of: call)
    if arguments.isEmpty {
      error(.noArgumentForField, "No argument for field \"\(call.name)\"", call.nameRange)
      return nil
    }
    if arguments.count > 1 || arguments[0].key != nil || closure(of: call) != nil {
      error(.tooManyArguments, "Too many arguments for field \"\(call.name)\"", call.nameRange)
      return nil
    }
    return value(arguments[0].value)
  }

  // MARK: post

  mutating func readPost(_ call: Call) -> Post? {
    guard let body = closure(of: call), plainArguments(of: call).isEmpty else {
      error(.expectedBlock, "Expected a block", call.nameRange)
      return nil
    }
    var post = Post(conditions: [], range: SourceRange(start: call.nameRange.start, end: body.range.end))
    for statement in body.body {
      if case .error = statement.kind { continue }
      guard let condition = statementCall(statement), condition.isUnqualified,
        plainArguments(of: condition).isEmpty, let block = closure(of: condition)
      else {
        error(
          .invalidBuildCondition,
          "The ‘post’ section can only contain build condition names with code blocks. Valid condition names are \(Validator.listText(Post.conditionOrder))",
          statement.range)
        continue
      }
      var branch = Branch(name: condition.name, steps: readSteps(block.body), range: statement.range)
      branch.writtenStatements = block.body.count
      post.conditions.append(Post.Condition(name: condition.name, nameRange: condition.nameRange, branch: branch))
    }
    return post
  }

  // MARK: matrix

  mutating func readMatrix(_ call: Call) -> Matrix? {
    guard let body = requireBlock(call, "matrix") else { return nil }
    var matrix = Matrix(range: SourceRange(start: call.nameRange.start, end: body.range.end))
    let calls = sectionCalls(body) { text in
      (.invalidSectionDefinition, "Not a valid section definition: \"\(text)\". Some extra configuration is required.")
    }
    for section in calls {
      matrix.writtenSections.insert(section.name)
      switch section.name {
      case "axes":
        if let block = requireBlock(section, "axes") {
          matrix.axes = readAxes(block, allowNotValues: false)
          matrix.axesRange = SourceRange(start: section.nameRange.start, end: block.range.end)
        }
      case "excludes":
        if let block = requireBlock(section, "excludes") {
          matrix.excludesRange = SourceRange(start: section.nameRange.start, end: block.range.end)
          var excludes: [Exclude] = []
          for statement in block.body {
            if case .error = statement.kind { continue }
            guard let exclude = statementCall(statement), exclude.isUnqualified, exclude.name == "exclude" else {
              error(.undefinedSection, "Undefined section \"\(statementText(statement))\"", statement.range)
              continue
            }
            guard let excludeBody = requireBlock(exclude, "exclude") else { continue }
            excludes.append(Exclude(axes: readAxes(excludeBody, allowNotValues: true), range: statement.range))
          }
          matrix.excludes = excludes
        }
      case "agent": matrix.agent = readAgent(section)
      case "environment": matrix.environment = readEnvironment(section)
      case "options": matrix.options = readOptions(section)
      case "tools": matrix.tools = readTools(section)
      case "when": matrix.when = readWhen(section)
      case "input": matrix.input = readInput(section)
      case "post": matrix.post = readPost(section)
      case "stages": matrix.stages = readStages(section)
      default: error(.undefinedSection, "Undefined section \"\(section.name)\"", section.nameRange)
      }
    }
    return matrix
  }

  mutating func readAxes(_ block: Closure, allowNotValues: Bool) -> [Axis] {
    var axes: [Axis] = []
    for statement in block.body {
      if case .error = statement.kind { continue }
      guard let axisCall = statementCall(statement), axisCall.isUnqualified, axisCall.name == "axis" else {
        error(.expectedAxis, "Expected an axis", statement.range)
        continue
      }
      guard let axisBody = requireBlock(axisCall, "axis") else { continue }
      var axis = Axis(name: nil, values: [], notValues: [], hasValues: false, hasNotValues: false, range: statement.range)
      let fields = sectionCalls(axisBody) { text in
        (.invalidSectionDefinition, "Not a valid section definition: \"\(text)\". Some extra configuration is required.")
      }
      for field in fields {
        switch field.name {
        case "name":
          guard let v = readFieldValue(field) else { continue }
          if v.stringLiteral == nil {
            error(.expectedStringLiteral, "Expected string literal", v.range)
          }
          axis.name = v
        case _ where field.name == "values" || (field.name == "notValues" && allowNotValues):
          let arguments = plainArguments(of: field)
          if arguments.isEmpty {
            error(.noArgumentForField, "No argument for field \"\(field.name)\"", field.nameRange)
          }
          var list: [Value] = []
          for argument in arguments {
            let v = value(argument.value)
            if v.literal == nil {
              let shown: String
              if case .string = argument.value.kind { shown = v.text } else { shown = "${\(v.text)}" }
              error(.expectedLiteralAxisValue, "Expected string literal but got \(shown)", v.range)
            }
            list.append(v)
          }
          if field.name == "values" {
            axis.values = list
            axis.hasValues = true
          } else {
            axis.notValues = list
            axis.hasNotValues = true
          }
        default:
          error(.undefinedSection, "Undefined section \"\(field.name)\"", field.nameRange)
        }
      }
      axes.append(axis)
    }
    return axes
  }
}

extension Value {
  /// The string Jenkins uses for a literal in matrix cells and messages (`values 1, true`).
  public var literalText: String? {
    switch literal {
    case .string(let s): return s
    case .integer(let i): return String(i)
    case .decimal(let d): return String(d)
    case .boolean(let b): return b ? "true" : "false"
    case .null: return "null"
    case nil: return nil
    }
  }
}
