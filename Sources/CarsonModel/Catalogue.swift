/// What Carson knows about Jenkins' steps, options, triggers, build parameters, tools, `when`
/// conditions and agent types: names, parameters, types and one-line documentation.
///
/// One catalogue serves the validator (parameter names and literal types, as Jenkins' own
/// `DescribableModel` checks them), `lint --strict` (unknown step names), the Jenkins JSON form
/// (a single unnamed argument is stored under the parameter it binds to) and editor hover and
/// completion. `docs/steps.md` is generated from it.
public struct Catalogue: Sendable {
  public var steps: [String: Describable]
  public var options: [String: OptionDescribable]
  public var triggers: [String: Describable]
  public var parameters: [String: Describable]
  public var tools: [String: Describable]
  /// The declarative language: sections and directives, agent types, `when` and `post` conditions.
  public var sections: [String: SectionDescription]
  public var agentTypes: [String: Describable]
  public var whenConditions: [String: Describable]
  public var postConditions: [String: Describable]

  public static let standard = Catalogue(
    steps: Dictionary(CatalogueData.steps.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }),
    options: Dictionary(CatalogueData.options.map { ($0.describable.name, $0) }, uniquingKeysWith: { a, _ in a }),
    triggers: Dictionary(CatalogueData.triggers.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }),
    parameters: Dictionary(CatalogueData.parameters.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }),
    tools: Dictionary(CatalogueData.tools.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }),
    sections: Dictionary(CatalogueData.sections.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }),
    agentTypes: Dictionary(CatalogueData.agentTypes.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }),
    whenConditions: Dictionary(CatalogueData.whenConditions.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }),
    postConditions: Dictionary(CatalogueData.postConditions.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }))

  /// Sections and directives that may be written directly inside `place`, in documentation order.
  public func sections(in place: SectionDescription.Place) -> [SectionDescription] {
    CatalogueData.sections.filter { $0.places.contains(place) }
  }
}

extension Catalogue {
  /// A `when` condition by name (`branch`, `environment`, …).
  public static func whenCondition(_ name: String) -> Describable? { standard.whenConditions[name] }
}

/// A Jenkins `Describable` addressed by its symbol: a step, option, trigger, parameter type or tool.
public struct Describable: Sendable {
  public var name: String
  public var parameters: [ParameterSpec]
  /// Takes a closure body (`timeout(…) { … }`, `withCredentials(…) { … }`).
  public var takesBlock: Bool
  /// Needs an agent (workspace or launcher): `sh`, `checkout`, `junit`, … Jenkins refuses these
  /// under `agent none` outside a node, and they cannot be pipeline options.
  public var requiresNode: Bool
  /// The plugin that provides it (`workflow-basic-steps`, `docker-workflow`, …).
  public var plugin: String
  /// One line for hover and `docs/steps.md`.
  public var summary: String

  public init(
    _ name: String, _ parameters: [ParameterSpec] = [], block: Bool = false, node: Bool = false,
    plugin: String, _ summary: String
  ) {
    self.name = name
    self.parameters = parameters
    self.takesBlock = block
    self.requiresNode = node
    self.plugin = plugin
    self.summary = summary
  }

  public var requiredParameters: [ParameterSpec] { parameters.filter(\.required) }

  /// The parameter a single unnamed argument binds to: the only required one. Jenkins rejects a
  /// single unnamed argument when there is none or more than one.
  public var soleRequiredParameter: ParameterSpec? {
    // Called for every step with one argument: a loop, not a filtered copy of `parameters`.
    var sole: ParameterSpec?
    for parameter in parameters where parameter.required {
      if sole != nil { return nil }
      sole = parameter
    }
    return sole
  }

  public func parameter(named name: String) -> ParameterSpec? {
    parameters.first { $0.name == name }
  }
}

public struct ParameterSpec: Sendable {
  public var name: String
  public var type: ParameterType
  /// A `@DataBoundConstructor` parameter (Jenkins calls these required).
  public var required: Bool
  public var summary: String

  public init(_ name: String, _ type: ParameterType, required: Bool = false, _ summary: String = "") {
    self.name = name
    self.type = type
    self.required = required
    self.summary = summary
  }
}

/// Parameter types as far as literal checking needs them. `javaName` is how Jenkins prints the
/// type in `Expecting "int" for parameter …` (primitives bare, classes as `class java.lang.X`).
public enum ParameterType: Sendable, Equatable {
  case string
  case int
  case long
  case boolean
  case double
  /// `enum`-like strings, checked as strings (the value list is for completion only).
  case choice([String])
  /// Lists, maps, nested describables, closures, objects: no literal check.
  case object

  public var javaName: String {
    switch self {
    case .string, .choice: return "class java.lang.String"
    case .int: return "int"
    case .long: return "long"
    case .boolean: return "boolean"
    case .double: return "double"
    case .object: return "class java.lang.Object"
    }
  }
}

/// Options come in three kinds with different rules about where they may appear.
public struct OptionDescribable: Sendable {
  public enum Kind: Sendable {
    /// A job property: pipeline level only.
    case jobProperty
    /// A declarative option (`skipDefaultCheckout`, `skipStagesAfterUnstable`, …).
    case declarative(allowedInStage: Bool)
    /// A block-scoped step used as a wrapper (`timeout`, `retry`, `timestamps`, …).
    case wrapper
  }
  public var kind: Kind
  public var describable: Describable

  public init(_ kind: Kind, _ describable: Describable) {
    self.kind = kind
    self.describable = describable
  }

  public var allowedInStage: Bool {
    switch kind {
    case .jobProperty: return false
    case .declarative(let allowed): return allowed
    case .wrapper: return true
    }
  }
}
