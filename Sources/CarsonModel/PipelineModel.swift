import CarsonSyntax

/// The declarative pipeline as Jenkins models it (`ModelASTPipelineDef` and friends), read off
/// the Groovy syntax tree. Every element keeps its source range and, where it is a value,
/// the Groovy expression it came from, so the engine can evaluate it and every diagnostic can
/// point at it. The model is produced even for invalid files (with the broken parts left out)
/// so that validation can report all errors in one pass, as Jenkins does.
public struct Pipeline: Sendable {
  public var range: SourceRange
  public var agent: Agent?
  public var stages: Stages?
  public var environment: Environment?
  public var options: Options?
  public var parameters: MethodCallSection?
  public var triggers: MethodCallSection?
  public var tools: Tools?
  public var libraries: Libraries?
  public var post: Post?
  /// The `pipeline` keyword, where "missing section" errors point.
  public var keywordRange: SourceRange
  /// Section names written in the file, read successfully or not (so that a broken `agent`
  /// is not also reported as a missing one).
  public var writtenSections: NameSet = []
}

// MARK: - Values

/// A directive or step argument: a literal, or Groovy code evaluated at run time.
public struct Value: Sendable {
  public enum Literal: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case decimal(Double)
    case boolean(Bool)
    case null
  }

  /// `nil` for a non-literal (GString, variable, method call, list, map, …).
  public var literal: Literal?
  public var expr: Expr
  /// The source text (for non-literals, what Jenkins' JSON form stores).
  public var text: String

  public var range: SourceRange { expr.range }
  public var isLiteral: Bool { literal != nil }

  public var stringLiteral: String? {
    if case .string(let s) = literal { return s }
    return nil
  }

  public var booleanLiteral: Bool? {
    if case .boolean(let b) = literal { return b }
    return nil
  }
}

/// Arguments as written: nothing, one unnamed value, named values, or several unnamed values.
public enum Arguments: Sendable {
  case none
  case single(ArgumentValue)
  case named([NamedArgument])
  case positional([ArgumentValue])

  public var isEmpty: Bool {
    if case .none = self { return true }
    return false
  }

  public var namedArguments: [NamedArgument] {
    if case .named(let list) = self { return list }
    return []
  }

  public var unnamedValues: [ArgumentValue] {
    switch self {
    case .single(let v): return [v]
    case .positional(let list): return list
    default: return []
    }
  }

  /// The value of the named argument `name`, or of the single unnamed argument when `name`
  /// is the parameter it binds to.
  public func value(named name: String, soleParameter: String? = nil) -> ArgumentValue? {
    switch self {
    case .named(let list): return list.first { $0.name == name }?.value
    case .single(let v) where soleParameter == name: return v
    default: return nil
    }
  }
}

public struct NamedArgument: Sendable {
  public var name: String
  public var nameRange: SourceRange
  public var value: ArgumentValue
}

/// An argument is a value or, in `options`/`triggers`/`parameters`, a nested describable call
/// (`buildDiscarder(logRotator(numToKeepStr: '5'))`).
public indirect enum ArgumentValue: Sendable {
  case value(Value)
  case call(MethodCall)

  public var range: SourceRange {
    switch self {
    case .value(let v): return v.range
    case .call(let c): return c.range
    }
  }

  public var asValue: Value? {
    if case .value(let v) = self { return v }
    return nil
  }
}

/// `name(arguments)` in `options`, `triggers`, `parameters` and as nested describables.
public struct MethodCall: Sendable {
  public var name: String
  public var nameRange: SourceRange
  public var arguments: Arguments
  public var range: SourceRange
}

// MARK: - Agent

public struct Agent: Sendable {
  /// `any`, `none`, `label`, `node`, `docker`, `dockerfile`, `kubernetes`, or whatever was written.
  public var type: String
  public var typeRange: SourceRange
  public var arguments: AgentArguments
  public var range: SourceRange
}

public indirect enum AgentArguments: Sendable {
  case none
  /// `label 'x'`, `docker 'image'`, `dockerfile true`.
  case single(Value)
  /// `docker { image 'x'; args '-v …' }`.
  case block([AgentOption])
}

public struct AgentOption: Sendable {
  public var key: String
  public var keyRange: SourceRange
  public var value: AgentArguments
  public var range: SourceRange
}

// MARK: - Sections

public struct Environment: Sendable {
  public var entries: [EnvironmentEntry]
  public var range: SourceRange
}

public struct EnvironmentEntry: Sendable {
  public var name: String
  public var nameRange: SourceRange
  public var value: Value
  /// `credentials('id')`: the id argument.
  public var credentialsID: Value?
  public var range: SourceRange
}

public struct Options: Sendable {
  public var options: [MethodCall]
  public var range: SourceRange
}

/// `parameters { … }` and `triggers { … }`: a list of describable calls.
public struct MethodCallSection: Sendable {
  public var calls: [MethodCall]
  public var range: SourceRange
}

public struct Tools: Sendable {
  public struct Tool: Sendable {
    public var type: String
    public var typeRange: SourceRange
    public var name: Value
    public var range: SourceRange
  }
  public var tools: [Tool]
  public var range: SourceRange
}

public struct Libraries: Sendable {
  public struct Library: Sendable {
    public var identifier: Value
    public var range: SourceRange
  }
  public var libraries: [Library]
  public var range: SourceRange
}

// MARK: - Stages

public struct Stages: Sendable {
  public var stages: [Stage]
  public var range: SourceRange
}

public struct Stage: Sendable {
  public var name: String
  public var nameRange: SourceRange
  /// `stage('name')`: where Jenkins reports problems of the stage as a whole.
  public var headerRange: SourceRange
  public var range: SourceRange
  public var agent: Agent?
  public var environment: Environment?
  public var options: Options?
  public var tools: Tools?
  public var when: When?
  public var input: Input?
  public var post: Post?
  public var failFast: Bool?
  /// At most one of these four is valid; the validator reports more than one.
  public var steps: Branch?
  public var stages: Stages?
  public var parallel: Parallel?
  public var matrix: Matrix?
  /// Section names written in the stage, read successfully or not.
  public var writtenSections: NameSet = []

  public init(name: String, nameRange: SourceRange, headerRange: SourceRange, range: SourceRange) {
    self.name = name
    self.nameRange = nameRange
    self.headerRange = headerRange
    self.range = range
  }
}

public struct Parallel: Sendable {
  public var stages: [Stage]
  public var range: SourceRange
}

/// A list of steps: `steps {}`, a post condition's block, an old-style parallel branch.
public struct Branch: Sendable {
  public var name: String
  public var steps: [Step]
  public var range: SourceRange
  /// Statements written in the block, readable as steps or not (an invalid step is reported
  /// on its own; the block is then not also "empty").
  public var writtenStatements: Int

  public init(name: String, steps: [Step], range: SourceRange, writtenStatements: Int? = nil) {
    self.name = name
    self.steps = steps
    self.range = range
    self.writtenStatements = writtenStatements ?? steps.count
  }
}

public indirect enum Step: Sendable {
  case call(StepCall)
  /// `script { … }`: arbitrary Groovy, run as is.
  case script(ScriptBlock)

  public var range: SourceRange {
    switch self {
    case .call(let c): return c.range
    case .script(let s): return s.range
    }
  }

  public var name: String {
    switch self {
    case .call(let c): return c.name
    case .script: return "script"
    }
  }
}

public struct StepCall: Sendable {
  public var name: String
  public var nameRange: SourceRange
  public var arguments: Arguments
  /// Steps of the closure body (`timeout(5) { … }`), nil when there is no body.
  public var body: [Step]?
  /// The closure itself, kept for bodies that are not plain steps (library DSLs).
  public var closure: Closure?
  /// Old-style `parallel(a: { … }, b: { … })`: one branch per closure argument, in order.
  public var parallelBranches: [Branch]?
  public var range: SourceRange
  /// The Groovy call, for evaluation.
  public var call: Call
}

public struct ScriptBlock: Sendable {
  public var statements: [Stmt]
  /// Text between the braces, trimmed (Jenkins' `scriptBlock` argument).
  public var text: String
  public var range: SourceRange
}

// MARK: - when, input, post, matrix

public struct When: Sendable {
  public var conditions: [WhenCondition]
  public var beforeAgent: Bool?
  public var beforeInput: Bool?
  public var beforeOptions: Bool?
  public var range: SourceRange
}

public struct WhenCondition: Sendable {
  public var name: String
  public var nameRange: SourceRange
  public var arguments: Arguments
  /// Children of `allOf`/`anyOf`/`not`.
  public var children: [WhenCondition]
  /// `expression { … }`.
  public var script: ScriptBlock?
  public var hasBlock: Bool
  public var range: SourceRange
}

public struct Input: Sendable {
  public var message: Value?
  public var id: Value?
  public var ok: Value?
  public var submitter: Value?
  public var submitterParameter: Value?
  public var parameters: MethodCallSection?
  public var range: SourceRange
}

public struct Post: Sendable {
  public struct Condition: Sendable {
    public var name: String
    public var nameRange: SourceRange
    public var branch: Branch
  }
  public var conditions: [Condition]
  public var range: SourceRange

  /// Jenkins runs post conditions in this order whatever the order in the file.
  public static let conditionOrder = [
    "always", "changed", "fixed", "regression", "aborted", "success", "unsuccessful", "unstable",
    "failure", "notBuilt", "cleanup",
  ]
}

public struct Matrix: Sendable {
  public var axes: [Axis]?
  public var axesRange: SourceRange?
  public var excludes: [Exclude]?
  public var excludesRange: SourceRange?
  public var agent: Agent?
  public var environment: Environment?
  public var options: Options?
  public var tools: Tools?
  public var when: When?
  public var input: Input?
  public var post: Post?
  public var stages: Stages?
  public var range: SourceRange
  public var writtenSections: NameSet = []

  public init(range: SourceRange) { self.range = range }
}

public struct Axis: Sendable {
  public var name: Value?
  public var values: [Value]
  public var notValues: [Value]
  /// Whether `values` / `notValues` were written (possibly empty).
  public var hasValues: Bool
  public var hasNotValues: Bool
  public var range: SourceRange
}

public struct Exclude: Sendable {
  public var axes: [Axis]
  public var range: SourceRange
}
