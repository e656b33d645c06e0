import CarsonExec
import CarsonGroovy
import CarsonModel
import CarsonSyntax
import Foundation

/// The interpreter's view of the run: steps, `env`, `params`, `currentBuild`, `scm`.
final class ScriptHostAdapter: ScriptHost {
  unowned let run: PipelineRun

  init(run: PipelineRun) { self.run = run }

  func callStep(_ name: String, _ arguments: CallArguments, _ context: EvaluationContext, at range: SourceRange) throws -> GValue? {
    guard let branch = context as? BranchContext else { return nil }
    // A library's global variable comes before a step of the same name, as in Jenkins
    // (libraries may wrap steps).
    if let variable = run.libraries.variables[name] {
      guard variable.isCallable else { throw GroovyError.missingMethod("call", name, arguments.groovyArguments.count) }
      return try variable.invokeMethod("call", arguments, branch)
    }
    return try run.callStep(name, arguments, branch, at: range)
  }

  func globalVariable(_ name: String, _ context: EvaluationContext) throws -> GValue? {
    guard let branch = context as? BranchContext else { return nil }
    switch name {
    case "env": return .object(EnvObject(branch))
    case "params": return .map(run.parameters)
    case "currentBuild": return .object(CurrentBuildObject(branch))
    case "scm": return .object(SCMObject())
    case "steps": return .object(StepsObject(run: run, context: branch))
    case "docker": return .object(DockerGlobalObject(run))
    default:
      if let variable = run.libraries.variables[name] { return .object(variable) }
      if let value = branch.variable(name) { return .string(value) }
      if let value = run.parameters[string: name] { return value }
      if PackageObject.roots.contains(name) { return .object(PackageObject(name)) }
      // Lenient environment values read unknown variables as null, but class names stay classes.
      return branch.undefinedAsNull && StaticClasses.lookup(name) == nil ? .null : nil
    }
  }

  func noSuchMethod(_ name: String) -> GroovyError {
    let known = Set(run.steps.keys).union(run.catalogue.steps.keys).sorted()
    return GroovyError("java.lang.NoSuchMethodError", "No such DSL method '\(name)' found among steps [\(known.joined(separator: ", "))]")
  }
}

extension PipelineRun {
  static let constructors: Set<String> = CredentialSteps.bindingKinds.union(["booleanParam", "choice", "text", "password", "run"])

  /// Runs a step with its events; nil when there is no step by that name.
  func callStep(_ name: String, _ arguments: CallArguments, _ context: BranchContext, at range: SourceRange) throws -> GValue? {
    // Describable constructors inside step arguments (`string(credentialsId: …)`,
    // `booleanParam(name: …)`) build a description, not run anything.
    if Self.constructors.contains(name), arguments.closure == nil, arguments.positional.isEmpty {
      return CredentialSteps.binding(name, arguments)
    }
    guard let implementation = steps[name] else {
      if options.dryRun {
        context.log("[dry run] unknown step '\(name)' would fail in a real run (no such step in Carson)")
        return .null
      }
      return nil
    }
    try context.checkInterrupted()
    if catalogue.steps[name]?.requiresNode == true, context.node == nil {
      throw StepFailure(
        "Attempted to execute a step that requires a node context while ‘agent none’ was specified. Be sure to specify your own ‘node { ... }’ blocks when using ‘agent none’.")
    }
    let block = arguments.closure != nil
    hub.emit(.stepStarted(step: name, path: context.path, arguments: StepInvocation.summary(arguments), block: block))
    let started = Date()
    do {
      let invocation = StepInvocation(name: name, arguments: arguments, context: context, range: range)
      let value = try implementation(invocation)
      hub.emit(.stepFinished(step: name, path: context.path, status: StageStatus(invocation.warning.result), durationMs: milliseconds(since: started), block: block))
      return value
    } catch {
      hub.emit(.stepFinished(step: name, path: context.path, status: StageStatus(result(of: error)), durationMs: milliseconds(since: started), block: block))
      throw error
    }
  }
}

typealias StepImplementation = @Sendable (StepInvocation) throws -> GValue

/// One call of a step: its arguments (named, positional, body) and the calling branch.
struct StepInvocation: @unchecked Sendable {
  let name: String
  let arguments: CallArguments
  let context: BranchContext
  let range: SourceRange
  /// The step's own result when it ends normally (Jenkins' WarningAction on the step's node).
  let warning = StepWarning()

  /// `unstable`, `warnError`, `catchError(stageResult:)`, `junit` with failures: the stage and
  /// this step get `result` (the stage keeps the worst it was given).
  func markStage(_ result: BuildResult) {
    context.stage?.setResult(result)
    warning.result = warning.result.combined(result)
  }

  var run: PipelineRun { context.run }

  /// A parameter given by name, or as the single unnamed argument when it is the step's only
  /// required parameter (`echo 'x'` is `echo(message: 'x')`).
  func value(_ parameter: String) -> GValue? {
    if let named = arguments.named(parameter) { return named }
    if arguments.positional.count == 1, arguments.named.isEmpty,
      run.catalogue.steps[name]?.soleRequiredParameter?.name == parameter || (run.catalogue.steps[name]?.parameters.count == 1 && run.catalogue.steps[name]?.parameters.first?.name == parameter)
    {
      return arguments.positional[0]
    }
    return nil
  }

  func string(_ parameter: String) -> String? { value(parameter).flatMap { $0.isNull ? nil : Groovy.string($0) } }

  func bool(_ parameter: String, default fallback: Bool = false) -> Bool {
    value(parameter).map(Groovy.truthy) ?? fallback
  }

  func int(_ parameter: String) -> Int? {
    guard let value = value(parameter) else { return nil }
    if let number = Groovy.number(value) { return Int(truncating: NSDecimalNumber(decimal: number)) }
    return Int(Groovy.string(value))
  }

  func required(_ parameter: String) throws -> String {
    guard let value = string(parameter) else {
      throw StepFailure("\(name): missing required parameter '\(parameter)'")
    }
    return value
  }

  /// Runs the step's body closure in `context` (a derived context of a block step).
  @discardableResult
  func body(_ context: BranchContext) throws -> GValue {
    guard let closure = arguments.closure else { return .null }
    return try run.interpreter.call(closure, [], context)
  }

  /// A short rendering of the arguments for `step.started` events (masked by the hub).
  static func summary(_ arguments: CallArguments) -> String? {
    var parts = arguments.positional.map(render)
    parts += arguments.named.map { "\($0.0): \(render($0.1))" }
    guard !parts.isEmpty else { return nil }
    let text = parts.joined(separator: ", ")
    return text.count > 300 ? String(text.prefix(300)) + "…" : text
  }

  static func render(_ value: GValue) -> String {
    switch value {
    case .string(let s): return "'\(s)'"
    case .closure: return "{ … }"
    default: return Groovy.string(value)
    }
  }
}

/// The result a step marks on itself while it runs (see `StepInvocation.markStage`).
final class StepWarning: @unchecked Sendable {
  var result: BuildResult = .success
}
