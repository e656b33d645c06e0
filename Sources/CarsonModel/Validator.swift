import CarsonSyntax

/// What the validator may assume about the installation it checks against.
public struct ValidationOptions: Sendable {
  public var catalogue: Catalogue
  /// Report steps missing from the catalogue (`lint --strict`).
  public var strict: Bool
  /// Configured tool installations by tool type (`maven` → [`apache-maven-3.0.1`]); nil when
  /// unknown, which turns the "does not have an install" check off.
  public var installedTools: [String: [String]]?

  public init(catalogue: Catalogue = .standard, strict: Bool = false, installedTools: [String: [String]]? = nil) {
    self.catalogue = catalogue
    self.strict = strict
    self.installedTools = installedTools
  }
}

/// Jenkins' `ModelValidatorImpl`: checks the model and reports every problem, never stopping at
/// the first. Pure: no I/O, no throwing.
struct Validator {
  let options: ValidationOptions
  var diagnostics: [Diagnostic] = []

  init(options: ValidationOptions) {
    self.options = options
  }

  var catalogue: Catalogue { options.catalogue }

  mutating func error(_ id: DiagnosticID, _ message: String, _ range: SourceRange, fixIts: [Diagnostic.FixIt] = []) {
    diagnostics.append(Diagnostic(id, message, at: range, fixIts: fixIts))
  }

  /// `[a, b, c]`, as Java prints a list.
  static func listText(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }

  mutating func validate(_ pipeline: Pipeline) {
    for required in ["agent", "stages"] where !pipeline.writtenSections.contains(required) {
      error(.missingRequiredSection, "Missing required section \"\(required)\"", pipeline.keywordRange)
    }
    if let agent = pipeline.agent { validateAgent(agent) }
    if let stages = pipeline.stages { validateStages(stages, insideParallel: false) }
    if let environment = pipeline.environment { validateEnvironment(environment) }
    if let options = pipeline.options { validateOptions(options, stageLevel: false) }
    if let parameters = pipeline.parameters { validateParameters(parameters) }
    if let triggers = pipeline.triggers { validateTriggers(triggers) }
    if let tools = pipeline.tools { validateTools(tools) }
    if let libraries = pipeline.libraries, libraries.libraries.isEmpty {
      error(.emptySection, "libraries can not be empty", libraries.range)
    }
    if let post = pipeline.post { validatePost(post) }
  }

  // MARK: Stages

  mutating func validateStages(_ stages: Stages, insideParallel: Bool) {
    if stages.stages.isEmpty {
      error(.noStages, "No stages specified", stages.range)
    }
    validateUniqueNames(stages.stages)
    for stage in stages.stages { validateStage(stage, insideParallel: insideParallel) }
  }

  mutating func validateUniqueNames(_ stages: [Stage]) {
    diagnostics += Self.duplicateNameDiagnostics(stages.lazy.map { ($0.name, $0.headerRange) })
  }

  /// Jenkins' "Duplicate stage name" for every stage whose name an earlier sibling already has.
  /// Shared with `IncrementalLinter`, which recomputes it over the top-level stages.
  static func duplicateNameDiagnostics(_ stages: some Sequence<(name: String, headerRange: SourceRange)>) -> [Diagnostic] {
    var seen: Set<String> = []
    var found: [Diagnostic] = []
    for (name, headerRange) in stages where !name.isEmpty {
      if seen.contains(name) {
        found.append(Diagnostic(.duplicateStageName, "Duplicate stage name: \"\(name)\"", at: headerRange))
      }
      seen.insert(name)
    }
    return found
  }

  mutating func validateStage(_ stage: Stage, insideParallel: Bool) {
    let hasParallel = !(stage.parallel?.stages.isEmpty ?? true)
    // `steps { parallel() }` with no branches counts as nothing, as in Jenkins.
    let onlyEmptyParallel: Bool = {
      guard let steps = stage.steps?.steps, steps.count == 1, case .call(let call) = steps[0] else { return false }
      return call.name == "parallel" && call.arguments.isEmpty && call.body == nil
    }()
    let contents = [
      (stage.steps != nil || stage.writtenSections.contains("steps")) && !onlyEmptyParallel,
      stage.stages != nil || stage.writtenSections.contains("stages"),
      hasParallel,
      stage.matrix != nil || stage.writtenSections.contains("matrix"),
    ].filter { $0 }.count
    if contents == 0 {
      error(.nothingForStage, "Expected one of \"steps\", \"stages\", or \"parallel\" for stage \"\(stage.name)\"", stage.headerRange)
    } else if contents > 1 {
      error(.onlyOneOfStepsStagesParallel, "Only one of \"matrix\", \"parallel\", \"stages\", or \"steps\" allowed for stage \"\(stage.name)\"", stage.headerRange)
    }
    if hasParallel || stage.matrix != nil {
      if insideParallel {
        error(.nestedParallel, "\"matrix\" or \"parallel\" cannot be nested inside another \"matrix\" or \"parallel\".", stage.headerRange)
      }
      if let agent = stage.agent {
        error(.agentInParallelStage, "\"agent\" is not allowed in stage \"\(stage.name)\" as it contains parallel or matrix stages", agent.range)
      }
      if let tools = stage.tools {
        error(.toolsInParallelStage, "\"tools\" is not allowed in stage \"\(stage.name)\" as it contains parallel or matrix stages", tools.range)
      }
    }
    if let agent = stage.agent { validateAgent(agent) }
    if let environment = stage.environment { validateEnvironment(environment) }
    if let options = stage.options { validateOptions(options, stageLevel: true) }
    if let tools = stage.tools { validateTools(tools) }
    if let when = stage.when { validateWhen(when) }
    if let input = stage.input { validateInput(input) }
    if let post = stage.post { validatePost(post, insideParallel: insideParallel) }
    if let steps = stage.steps { validateBranch(steps, insideParallel: insideParallel) }
    if let stages = stage.stages { validateStages(stages, insideParallel: insideParallel) }
    if let parallel = stage.parallel, hasParallel {
      validateUniqueNames(parallel.stages)
      for branch in parallel.stages { validateStage(branch, insideParallel: true) }
    }
    if let matrix = stage.matrix { validateMatrix(matrix) }
  }

  // MARK: Steps

  mutating func validateBranch(_ branch: Branch, insideParallel: Bool) {
    if branch.steps.isEmpty && branch.writtenStatements == 0 {
      error(.noSteps, "No steps specified for branch", branch.range)
    }
    validateSteps(branch.steps, topLevel: true, insideParallel: insideParallel)
  }

  mutating func validateSteps(_ steps: [Step], topLevel: Bool, insideParallel: Bool) {
    for step in steps {
      guard case .call(let call) = step else { continue }
      switch call.name {
      case "stage":
        error(.blockedStep, "Invalid step \"stage\" used - not allowed in this context - The stage step cannot be used in Declarative Pipelines", call.nameRange)
        continue
      case "properties":
        error(.blockedStep, "Invalid step \"properties\" used - not allowed in this context - The properties step cannot be used in Declarative Pipelines", call.nameRange)
        continue
      case "parallel":
        if !(topLevel && steps.count == 1) {
          error(.blockedStep, "Invalid step \"parallel\" used - not allowed in this context - The parallel step can only be used as the only top-level step in a stages step block", call.nameRange)
        } else if insideParallel {
          error(.nestedParallel, "\"matrix\" or \"parallel\" cannot be nested inside another \"matrix\" or \"parallel\".", call.nameRange)
        }
        continue
      default: break
      }
      if let spec = catalogue.steps[call.name] {
        validateArguments(call.name, call.nameRange, call.arguments, spec, style: .step)
      } else if options.strict {
        diagnostics.append(
          Diagnostic(
            .unknownStep,
            "Unknown step \"\(call.name)\": not a built-in or common plugin step (fine if a plugin or shared library provides it)",
            at: call.nameRange))
      }
      if let body = call.body {
        validateSteps(body, topLevel: false, insideParallel: insideParallel)
      }
    }
  }

  // MARK: Environment

  static func isValidIdentifier(_ name: String) -> Bool {
    guard let first = name.utf8.first else { return false }
    let isLetter = { (b: UInt8) in (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F }
    guard isLetter(first) else { return false }
    return name.utf8.allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) }
  }

  static func invalidIdentifierMessage(_ name: String) -> String {
    "\"\(name)\" is not a valid identifier and cannot be used for an environment variable. Identifiers must start with a letter or underscore and can contain only letters, numbers or underscores."
  }

  mutating func validateEnvironment(_ environment: Environment) {
    if environment.entries.isEmpty {
      error(.noEnvironmentVariables, "No variables specified for environment", environment.range)
    }
    for entry in environment.entries where !Self.isValidIdentifier(entry.name) {
      error(.invalidIdentifier, Self.invalidIdentifierMessage(entry.name), entry.nameRange)
    }
  }

  // MARK: Post

  mutating func validatePost(_ post: Post, insideParallel: Bool = false) {
    if post.conditions.isEmpty {
      error(.emptySection, "post can not be empty", post.range)
    }
    var seen: Set<String> = []
    for condition in post.conditions {
      if !Post.conditionOrder.contains(condition.name) {
        error(
          .invalidCondition, "Invalid condition \"\(condition.name)\" - valid conditions are \(Self.listText(Post.conditionOrder))",
          condition.nameRange, fixIts: FixIts.rename(condition.name, at: condition.nameRange, candidates: Post.conditionOrder))
      }
      if seen.contains(condition.name) {
        error(.duplicateBuildCondition, "Duplicate build condition name: \"\(condition.name)\"", condition.nameRange)
      }
      seen.insert(condition.name)
      validateBranch(condition.branch, insideParallel: insideParallel)
    }
  }

  // MARK: Input

  mutating func validateInput(_ input: Input) {
    if input.message == nil {
      error(.missingInputMessage, "No message specified for input", input.range)
    }
    if let parameters = input.parameters { validateParameters(parameters) }
  }
}
