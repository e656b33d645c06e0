import CarsonModel

/// What may be written at a place, and what a name written there is: one lookup for completion
/// and hover, so the two always agree.
enum CatalogueLookup {
  static let catalogue = Catalogue.standard

  /// Everything that may be written at the start of a statement in `place`.
  static func entries(in place: CursorContext.Place) -> [CatalogueEntry] {
    func sorted(_ items: [String: Describable], _ kind: CatalogueEntry.Kind) -> [CatalogueEntry] {
      items.values.sorted { $0.name < $1.name }.map { CatalogueEntry.describable($0, kind) }
    }
    switch place {
    case .topLevel: return catalogue.sections(in: .topLevel).map(CatalogueEntry.section)
    case .pipeline: return catalogue.sections(in: .pipeline).map(CatalogueEntry.section)
    case .stage: return catalogue.sections(in: .stage).map(CatalogueEntry.section)
    case .matrix: return catalogue.sections(in: .matrix).map(CatalogueEntry.section)
    case .stages, .parallel: return catalogue.sections(in: .stages).map(CatalogueEntry.section)
    case .axes: return catalogue.sections(in: .axes).map(CatalogueEntry.section)
    case .excludes: return catalogue.sections(in: .excludes).map(CatalogueEntry.section)
    case .exclude: return catalogue.sections(in: .exclude).map(CatalogueEntry.section)
    case .axis: return CatalogueEntry.axisFields
    case .input: return CatalogueEntry.inputFields + catalogue.sections(in: .input).map(CatalogueEntry.section)
    case .agent: return Self.agentTypesInOrder.map { CatalogueEntry.describable($0, .agentType) }
    case .agentOptions(let type):
      guard let agent = catalogue.agentTypes[type] else { return [] }
      return agent.parameters.map { CatalogueEntry.parameter($0, of: agent) }
    case .post: return Post.conditionOrder.compactMap { catalogue.postConditions[$0] }.map { CatalogueEntry.describable($0, .postCondition) }
    case .when: return sorted(catalogue.whenConditions, .whenCondition) + CatalogueEntry.whenModifiers
    case .options(let stageLevel):
      return catalogue.options.values.filter { !stageLevel || $0.allowedInStage }.map(\.describable).sorted { $0.name < $1.name }
        .map { CatalogueEntry.describable($0, .option) }
    case .triggers: return sorted(catalogue.triggers, .trigger)
    case .parameters: return sorted(catalogue.parameters, .buildParameter)
    case .tools: return sorted(catalogue.tools, .tool)
    case .steps: return stepEntries
    case .environment, .other: return []
    }
  }

  /// Built once: the step list is long and offered on most keystrokes.
  static let stepEntries = catalogue.steps.values.sorted { $0.name < $1.name }.map { CatalogueEntry.describable($0, .step) }

  static let agentTypesInOrder: [Describable] = ["any", "none", "label", "node", "docker", "dockerfile", "kubernetes"].compactMap {
    catalogue.agentTypes[$0]
  }

  /// The describable whose arguments are written after `name` in `place` (`sh` in steps,
  /// `timeout` in options, `branch` in when, `docker` after `agent`).
  static func callee(_ name: String, in place: CursorContext.Place) -> Describable? {
    switch place {
    case .steps: return catalogue.steps[name]
    case .options: return catalogue.options[name]?.describable ?? catalogue.steps[name]
    case .when: return catalogue.whenConditions[name]
    case .triggers: return catalogue.triggers[name]
    case .parameters: return catalogue.parameters[name]
    case .tools: return catalogue.tools[name]
    default: return nil
    }
  }

  /// Named parameters that may follow `callee`'s name (`sh script: …, returnStdout: …`).
  static func argumentEntries(of callee: Describable) -> [CatalogueEntry] {
    callee.parameters.map { CatalogueEntry.parameter($0, of: callee) }
  }

  /// What `name`, written in `context`, is.
  static func describe(_ name: String, _ context: CursorContext) -> CatalogueEntry? {
    if context.lineHead == "agent", name != "agent", let type = catalogue.agentTypes[name] {
      return .describable(type, .agentType)
    }
    if context.isArgumentName || context.openCall != nil, let callName = context.argumentsOf, callName != name,
      let callee = callee(callName, in: context.place), let parameter = callee.parameter(named: name)
    {
      return .parameter(parameter, of: callee)
    }
    if let lineHead = context.lineHead, lineHead != name, let callee = callee(lineHead, in: context.place),
      let parameter = callee.parameter(named: name)
    {
      return .parameter(parameter, of: callee)
    }
    return entries(in: context.place).first { $0.name == name }
  }
}
