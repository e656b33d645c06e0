import CarsonDocker
import CarsonExec
import CarsonGroovy
import CarsonModel
import Foundation

/// Where a piece of the pipeline runs: its stage path, environment overlays, working
/// directory, node (agent) and cancellation scope. Every step receives the context of the
/// branch that called it; block steps (`dir`, `withEnv`, `timeout`, …) run their body with a
/// derived context. A context is used by one thread at a time.
final class BranchContext: EvaluationContext, @unchecked Sendable {
  unowned let run: PipelineRun
  var path: [String]
  /// `environment {}` and `withEnv` layers, outermost first.
  var overlays: [[String: String]]
  var directory: String
  /// nil under `agent none` (steps that need a node then fail as in Jenkins).
  var node: NodeContext?
  var cancellation: CancellationScope
  /// The stage whose result warnings (`unstable`, `catchError(stageResult:)`) go to.
  var stage: StageRecord?
  /// In `environment {}` values unknown names are null, not an error (Jenkins' behaviour).
  var undefinedAsNull = false
  /// While a `post` condition runs: the result `currentBuild.result` reports.
  var postResult: BuildResult?
  /// While an `environment {}` block is evaluated: its entries, resolved on first use.
  var pendingEnvironment: LazyEnvironment?
  /// `newContainerPerStage()`: the pipeline's Docker agent, started afresh for each stage.
  var perStageContainer: DockerAgentSettings?

  init(run: PipelineRun, node: NodeContext?, cancellation: CancellationScope) {
    self.run = run
    self.path = []
    self.overlays = []
    self.directory = run.options.workspace
    self.node = node
    self.cancellation = cancellation
  }

  func derived() -> BranchContext {
    let copy = BranchContext(run: run, node: node, cancellation: cancellation)
    copy.path = path
    copy.overlays = overlays
    copy.directory = directory
    copy.stage = stage
    copy.postResult = postResult
    copy.pendingEnvironment = pendingEnvironment
    copy.perStageContainer = perStageContainer
    return copy
  }

  func checkInterrupted() throws {
    if let reason = cancellation.cancellationReason { throw FlowInterrupted(reason) }
  }

  /// The environment a process started here gets: the machine's, the agent's, the build's
  /// variables, `env.X = …` assignments, then the overlays (innermost wins).
  var environment: [String: String] {
    var env = node?.container == nil ? run.options.processEnvironment : [:]
    env.merge(buildEnvironment) { _, new in new }
    return env
  }

  /// The build's own variables, without this machine's environment: what a command in an
  /// agent container gets on top of the image's environment (PATH, HOME, … stay the image's).
  var buildEnvironment: [String: String] {
    var env: [String: String] = [:]
    if let node { env.merge(node.environment) { _, new in new } }
    env.merge(run.buildVariables) { _, new in new }
    if let node {
      env["NODE_NAME"] = node.name
      env["NODE_LABELS"] = nodeLabels(node)
    }
    env.merge(run.build.globalEnvironment) { _, new in new }
    env["WORKSPACE"] = node?.workspace ?? run.options.workspace
    for layer in overlays { env.merge(layer) { _, new in new } }
    return env
  }

  /// One variable as `env.NAME` sees it (nil when unset).
  func variable(_ name: String) -> String? {
    if let pending = pendingEnvironment, let v = try? pending.value(name) { return v }
    for layer in overlays.reversed() { if let v = layer[name] { return v } }
    if let v = run.build.globalEnvironment[name] { return v }
    if name == "WORKSPACE" { return node?.workspace ?? run.options.workspace }
    if name == "NODE_NAME", let node { return node.name }
    if name == "NODE_LABELS", let node { return nodeLabels(node) }
    if let v = run.buildVariables[name] { return v }
    if let v = node?.environment[name] { return v }
    return run.options.processEnvironment[name]
  }

  func nodeLabels(_ node: NodeContext) -> String { ([node.name] + node.labels.sorted()).joined(separator: " ") }

  func log(_ text: String) {
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      run.hub.emit(.log(path: path, stream: .carson, text: String(line)))
    }
  }

  /// Resolves a path relative to the current directory.
  func resolve(_ path: String) -> String {
    path.hasPrefix("/") ? path : directory + "/" + path
  }
}

/// The agent a branch runs on. On the host: the emulated agent's name and environment.
struct NodeContext {
  var name: String
  var workspace: String
  var environment: [String: String]
  var labels: Set<String>
  /// Where commands run: this machine, or the agent container.
  var runner: CommandRunner = HostCommandRunner()
  var container: AgentContainer?
}

/// A stage being run: its own result (warnings) and timing.
final class StageRecord: @unchecked Sendable {
  let name: String
  let path: [String]
  private let lock = NSLock()
  private var warning: BuildResult = .success

  init(name: String, path: [String]) {
    self.name = name
    self.path = path
  }

  var result: BuildResult {
    lock.lock()
    defer { lock.unlock() }
    return warning
  }

  func setResult(_ result: BuildResult) {
    lock.lock()
    warning = warning.combined(result)
    lock.unlock()
  }
}

/// Build-wide state shared by all branches.
final class BuildState: @unchecked Sendable {
  private let lock = NSLock()
  private var resultValue: BuildResult = .success
  /// Set by `currentBuild.result = …` or a step; nil while nobody has set it (as Jenkins).
  private var explicitResult: BuildResult?
  private var env: [String: String] = [:]
  var displayName: String?
  var description: String?

  /// The result so far (`currentBuild.currentResult`).
  var result: BuildResult {
    lock.lock()
    defer { lock.unlock() }
    return resultValue
  }

  /// `currentBuild.result`: null until something set it.
  var explicit: BuildResult? {
    lock.lock()
    defer { lock.unlock() }
    return explicitResult
  }

  /// Results only get worse (Jenkins ignores `currentBuild.result = 'SUCCESS'` after a failure).
  func setResult(_ result: BuildResult) {
    lock.lock()
    resultValue = resultValue.combined(result)
    explicitResult = resultValue
    lock.unlock()
  }

  var globalEnvironment: [String: String] {
    lock.lock()
    defer { lock.unlock() }
    return env
  }

  func setEnvironment(_ name: String, _ value: String?) {
    lock.lock()
    env[name] = value
    lock.unlock()
  }
}

// MARK: - Errors

/// `error 'x'`, a failed `sh`: Jenkins' `hudson.AbortException` (logged as `ERROR: x`).
public struct StepFailure: GroovyThrowable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var groovyClassName: String { "hudson.AbortException" }
  public var groovyMessage: String? { message }
  public var description: String { message }
}

/// An interruption (abort, timeout, failFast): Jenkins' `FlowInterruptedException`.
public struct FlowInterrupted: GroovyThrowable, CustomStringConvertible {
  public var reason: CancellationReason
  public init(_ reason: CancellationReason) { self.reason = reason }
  public var groovyClassName: String { "org.jenkinsci.plugins.workflow.steps.FlowInterruptedException" }
  public var groovyMessage: String? { nil }
  public var description: String { reason.message }
}

/// The build result an error stands for.
func result(of error: Error) -> BuildResult {
  if let interrupted = error as? FlowInterrupted { return BuildResult(interrupted.reason.result) }
  return .failure
}

/// An `environment {}` block being evaluated. Jenkins resolves its entries on demand, so a
/// value may use a variable declared further down (`IMAGE = "${env.NAME}:${env.TAG}"`); an
/// entry that refers to its own name sees the outer value.
final class LazyEnvironment {
  let entries: [EnvironmentEntry]
  let evaluate: (EnvironmentEntry) throws -> [(String, String)]
  private(set) var values: [String: String] = [:]
  private var done: Set<String> = []
  private var evaluating: Set<String> = []

  init(_ entries: [EnvironmentEntry], evaluate: @escaping (EnvironmentEntry) throws -> [(String, String)]) {
    self.entries = entries
    self.evaluate = evaluate
  }

  /// The value of `name` if this block declares it (evaluating it now if needed); nil otherwise.
  func value(_ name: String) throws -> String? {
    if let v = values[name] { return v }
    guard let entry = entries.first(where: { $0.name == name || name.hasPrefix($0.name + "_") && $0.credentialsID != nil }),
      !evaluating.contains(entry.name), !done.contains(entry.name)
    else { return nil }
    try force(entry)
    return values[name]
  }

  func force(_ entry: EnvironmentEntry) throws {
    guard !done.contains(entry.name), !evaluating.contains(entry.name) else { return }
    evaluating.insert(entry.name)
    defer { evaluating.remove(entry.name) }
    for (k, v) in try evaluate(entry) { values[k] = v }
    done.insert(entry.name)
  }
}
