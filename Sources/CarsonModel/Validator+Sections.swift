import CarsonSyntax

// agent, options, triggers, parameters, tools, matrix.

extension Validator {
  // MARK: Agent

  /// Agent types and their config options (required ones flagged), as the plugins define them.
  static let agentTypes: [String: [(name: String, required: Bool)]] = Dictionary(
    uniqueKeysWithValues: CatalogueData.agentTypes.map { type in (type.name, type.parameters.map { ($0.name, $0.required) }) })

  /// The types Jenkins lists in its messages (`node` is the block form of `label` and not listed).
  static let listedAgentTypes = ["any", "docker", "dockerfile", "kubernetes", "label", "none"]

  mutating func validateAgent(_ agent: Agent) {
    guard !agent.type.isEmpty else {
      error(.noAgentType, "No agent type specified. Must be one of \(Self.listText(Self.listedAgentTypes))", agent.range)
      return
    }
    guard let config = Self.agentTypes[agent.type] else {
      error(
        .invalidAgentType, "Invalid agent type \"\(agent.type)\" specified. Must be one of \(Self.listText(Self.listedAgentTypes))",
        agent.typeRange, fixIts: FixIts.rename(agent.type, at: agent.typeRange, candidates: Self.listedAgentTypes + ["node"]))
      return
    }
    let required = config.filter(\.required).map(\.name)
    switch agent.arguments {
    case .none:
      if !required.isEmpty {
        error(.missingAgentParameter, "Missing required parameter for agent type \"\(agent.type)\": \(required[0])", agent.typeRange)
      }
    case .single:
      if required.count > 1 {
        error(.multipleAgentParameters, "Multiple parameters are required for agent type \"\(agent.type)\" - \(Self.listText(required)). Please use a block instead.", agent.typeRange)
      }
    case .block(let options):
      let valid = config.map(\.name)
      for option in options where !valid.contains(option.key) {
        error(
          .invalidAgentParameter, "Invalid config option \"\(option.key)\" for agent type \"\(agent.type)\". Valid config options are \(Self.listText(valid))",
          option.keyRange, fixIts: FixIts.rename(option.key, at: option.keyRange, candidates: valid))
      }
      for name in required where !options.contains(where: { $0.key == name }) {
        error(.missingAgentParameter, "Missing required parameter for agent type \"\(agent.type)\": \(name)", agent.typeRange)
      }
    }
  }

  // MARK: Options

  mutating func validateOptions(_ options: Options, stageLevel: Bool) {
    if options.options.isEmpty {
      error(.emptySection, "options can not be empty", options.range)
    }
    var seen: Set<String> = []
    for option in options.options {
      if seen.contains(option.name) {
        error(.duplicateOption, "Duplicate option name: \"\(option.name)\"", option.nameRange)
      }
      seen.insert(option.name)
      if option.name == "parameters" {
        error(.parametersOrTriggersInOptions, "The \"parameters\" job property cant be used in the \"options\" directive. Use the \"parameters {...}\" directive instead.", option.nameRange)
        continue
      }
      if option.name == "pipelineTriggers" || option.name == "triggers" {
        error(.parametersOrTriggersInOptions, "The \"triggers\" job property cant be used in the \"options\" directive. Use the \"triggers {...}\" directive instead.", option.nameRange)
        continue
      }
      guard let spec = catalogue.options[option.name], !stageLevel || spec.allowedInStage else {
        let valid = catalogue.options.values.filter { !stageLevel || $0.allowedInStage }.map(\.describable.name).sorted()
        error(
          .invalidSectionType, "Invalid option type \"\(option.name)\". Valid option types: \(Self.listText(valid))", option.nameRange,
          fixIts: FixIts.rename(option.name, at: option.nameRange, candidates: valid))
        continue
      }
      validateArguments(option.name, option.nameRange, option.arguments, spec.describable, style: .method)
      if option.name == "preserveStashes", let count = option.arguments.value(named: "buildCount", soleParameter: "buildCount")?.asValue,
        case .integer(let n) = count.literal, n < 1 || n > 50
      {
        error(.preserveStashesCount, "The number of builds to preserve must be between 1 and 50.", count.range)
      }
    }
  }

  // MARK: Triggers, parameters, tools

  mutating func validateTriggers(_ triggers: MethodCallSection) {
    if triggers.calls.isEmpty {
      error(.emptySection, "triggers can not be empty", triggers.range)
    }
    var seen: Set<String> = []
    for trigger in triggers.calls {
      if seen.contains(trigger.name) {
        error(.duplicateTrigger, "Duplicate trigger name: \"\(trigger.name)\"", trigger.nameRange)
      }
      seen.insert(trigger.name)
      guard let spec = catalogue.triggers[trigger.name] else {
        let valid = catalogue.triggers.keys.sorted()
        error(
          .invalidSectionType, "Invalid trigger type \"\(trigger.name)\". Valid trigger types: \(Self.listText(valid))", trigger.nameRange,
          fixIts: FixIts.rename(trigger.name, at: trigger.nameRange, candidates: valid))
        continue
      }
      validateArguments(trigger.name, trigger.nameRange, trigger.arguments, spec, style: .method)
    }
  }

  mutating func validateParameters(_ parameters: MethodCallSection) {
    if parameters.calls.isEmpty {
      error(.emptySection, "parameters can not be empty", parameters.range)
    }
    for parameter in parameters.calls {
      guard let spec = catalogue.parameters[parameter.name] else {
        let valid = catalogue.parameters.keys.sorted()
        error(
          .invalidSectionType, "Invalid parameter type \"\(parameter.name)\". Valid parameter types: \(Self.listText(valid))",
          parameter.nameRange, fixIts: FixIts.rename(parameter.name, at: parameter.nameRange, candidates: valid))
        continue
      }
      validateArguments(parameter.name, parameter.nameRange, parameter.arguments, spec, style: .method)
    }
  }

  mutating func validateTools(_ tools: Tools) {
    if tools.tools.isEmpty {
      error(.noTools, "No tools specified", tools.range)
    }
    for tool in tools.tools {
      guard catalogue.tools[tool.type] != nil else {
        let valid = catalogue.tools.keys.sorted()
        error(
          .invalidSectionType, "Invalid tool type \"\(tool.type)\". Valid tool types: \(Self.listText(valid))", tool.typeRange,
          fixIts: FixIts.rename(tool.type, at: tool.typeRange, candidates: valid))
        continue
      }
      if let installed = options.installedTools?[tool.type], let name = tool.name.stringLiteral, !installed.contains(name) {
        let nearest = EditDistance.nearest(to: name, in: installed) ?? ""
        error(.toolNotInstalled, "Tool type \"\(tool.type)\" does not have an install of \"\(name)\" configured - did you mean \"\(nearest)\"?", tool.name.range)
      }
    }
  }

  // MARK: Matrix

  mutating func validateMatrix(_ matrix: Matrix) {
    if matrix.axes == nil && !matrix.writtenSections.contains("axes") {
      error(.missingRequiredSection, "Missing required section \"axes\"", matrix.range)
    }
    if matrix.stages == nil && !matrix.writtenSections.contains("stages") {
      error(.missingRequiredSection, "Missing required section \"stages\"", matrix.range)
    }
    if let axes = matrix.axes {
      if axes.isEmpty { error(.noAxes, "No axis directives specified", matrix.axesRange ?? matrix.range) }
      validateAxes(axes, inExclude: false)
    }
    if let excludes = matrix.excludes {
      if excludes.isEmpty { error(.noExcludes, "No exclude directives specified", matrix.excludesRange ?? matrix.range) }
      for exclude in excludes {
        if exclude.axes.isEmpty { error(.noAxes, "No axis directives specified", exclude.range) }
        validateAxes(exclude.axes, inExclude: true)
      }
    }
    if let agent = matrix.agent { validateAgent(agent) }
    if let environment = matrix.environment { validateEnvironment(environment) }
    if let options = matrix.options { validateOptions(options, stageLevel: true) }
    if let tools = matrix.tools { validateTools(tools) }
    if let when = matrix.when { validateWhen(when) }
    if let input = matrix.input { validateInput(input) }
    if let post = matrix.post { validatePost(post, insideParallel: true) }
    if let stages = matrix.stages { validateStages(stages, insideParallel: true) }
  }

  mutating func validateAxes(_ axes: [Axis], inExclude: Bool) {
    var names: Set<String> = []
    for axis in axes {
      if let name = axis.name {
        if let literal = name.stringLiteral {
          if !Self.isValidIdentifier(literal) {
            error(.invalidIdentifier, Self.invalidIdentifierMessage(literal), name.range)
          }
          if names.contains(literal) {
            error(.duplicateAxisName, "Duplicate axis name: \"\(literal)\"", name.range)
          }
          names.insert(literal)
        }
      } else {
        error(.missingRequiredSection, "Missing required section \"name\"", axis.range)
      }
      if inExclude && axis.hasValues && axis.hasNotValues {
        error(.excludeValuesAndNotValues, "Exclude axis must contain either \"values\" or \"notValues\"", axis.range)
      } else if !axis.hasValues && !axis.hasNotValues {
        error(.missingRequiredSection, "Missing required section \"values\"", axis.range)
      }
      var seen: Set<String> = []
      for value in axis.values + axis.notValues {
        guard let text = value.literalText else { continue }
        if seen.contains(text) {
          error(.duplicateAxisValue, "Duplicate axis value: \"\(text)\"", value.range)
        }
        seen.insert(text)
      }
    }
  }
}
