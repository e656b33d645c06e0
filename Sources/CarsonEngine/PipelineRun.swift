import CarsonExec
import CarsonGit
import CarsonGroovy
import CarsonModel
import CarsonSyntax
import Foundation

/// One run of a declarative pipeline with Jenkins' semantics, on this machine.
///
/// Threads: `run()` runs on the calling thread; each parallel branch gets its own thread. All
/// Groovy evaluation happens under the interpreter lock (one thread at a time, as in Jenkins'
/// CPS engine); steps release it while they block (processes, sleeps, waiting for branches).
public final class PipelineRun: @unchecked Sendable {
  public let lint: LintResult
  public let pipeline: Pipeline
  public let options: RunOptions
  /// What `--stage`, `--skip-stage` and `--from-stage` leave out.
  let selection: StageSelection
  let hub: EventHub
  let build = BuildState()
  let root = CancellationScope()
  /// Cancelled only by a second interrupt: `post` blocks of cancelled branches run under it.
  let hardStop = CancellationScope()
  let catalogue = Catalogue.standard
  let stateStore: JobStateStore
  let previous: JobState
  public let buildNumber: Int
  /// Scratch space of this run (stashes, `sh` scripts), removed at the end.
  let runDirectory: String
  private(set) var interpreter: Interpreter!
  private(set) var steps: [String: StepImplementation] = [:]
  /// Commit statuses and merge-request comments (PipelineRun+GitLab.swift).
  private(set) var gitlab: GitLabRunStatus!
  /// Shared libraries: configured, loaded, and their global variables.
  private(set) var libraries: SharedLibraries!
  var buildVariables: [String: String] = [:]
  let parameters = GMap()
  let startTime = Date()
  var skipStagesAfterUnstable = false
  var parallelsAlwaysFailFast = false
  var skipDefaultCheckout = false
  var checkoutSubdirectory: String?
  var newContainerPerStage = false
  let locks = LocalLocks()
  let workspaces = WorkspaceLeases()
  let dockerState = DockerState()
  /// Identifies this run's containers (label `carson.run`), for `carson cleanup`.
  public let runID = UUID().uuidString.lowercased()

  public var masker: SecretMasker { hub.masker }

  /// Sets up the run; throws `RunSetupError` for what must be fixed before running (unknown
  /// `-a` names, values of the wrong type).
  public init(lint: LintResult, options: RunOptions, sinks: [EventSink]) throws {
    guard let pipeline = lint.pipeline else { throw RunSetupError("\(lint.source.path) has no pipeline block to run") }
    self.lint = lint
    self.pipeline = pipeline
    self.options = options
    self.selection = try StageSelection(pipeline, options: options)
    self.hub = EventHub(sinks: sinks, masker: SecretMasker(), dryRun: options.dryRun)
    self.stateStore = JobStateStore(directory: options.stateDirectory, environment: options.processEnvironment)
    self.previous = stateStore.load(options.jobName)
    self.buildNumber = options.buildNumber ?? previous.lastBuildNumber + 1
    self.runDirectory = NSTemporaryDirectory() + "carson-run-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: runDirectory, withIntermediateDirectories: true)
    for secret in options.credentials.secrets { masker.add(secret) }
    self.interpreter = Interpreter(tree: lint.tree, host: ScriptHostAdapter(run: self))
    self.steps = StepLibrary.all()
    let fetcher = try options.libraryFetcher ?? GitLibraryFetcher(credentials: GitCredentialSource(options: options, scratch: runDirectory), scratch: runDirectory)
    self.libraries = SharedLibraries(definitions: options.libraries, fetcher: fetcher, stateDirectory: stateStore.directory)
    buildVariables = makeBuildVariables()
    self.gitlab = GitLabRunStatus(options: options, hub: hub, targetURL: buildVariables["BUILD_URL"])
    try checkParameterNames()
  }

  func makeBuildVariables() -> [String: String] {
    var vars: [String: String] = [
      "BUILD_NUMBER": String(buildNumber), "BUILD_ID": String(buildNumber), "BUILD_DISPLAY_NAME": "#\(buildNumber)",
      "JOB_NAME": options.jobName, "JOB_BASE_NAME": String(options.jobName.split(separator: "/").last ?? ""),
      "BUILD_TAG": "jenkins-\(options.jobName.replacingOccurrences(of: "/", with: "-"))-\(buildNumber)",
      "EXECUTOR_NUMBER": "0", "WORKSPACE": options.workspace,
      "JENKINS_HOME": stateStore.directory, "CI": "true",
    ]
    if let branch = options.branch { vars["BRANCH_NAME"] = branch }
    if let tag = options.tag {
      vars["TAG_NAME"] = tag
      vars["BRANCH_NAME"] = vars["BRANCH_NAME"] ?? tag
    }
    if let change = options.changeID {
      vars["CHANGE_ID"] = change
      vars["BRANCH_NAME"] = vars["BRANCH_NAME"] ?? "PR-\(change)"
    }
    if let target = options.changeTarget { vars["CHANGE_TARGET"] = target }
    if let source = options.changeBranch { vars["CHANGE_BRANCH"] = source }
    vars.merge(options.environment) { _, new in new }
    return vars
  }

  // MARK: Running

  /// Runs the pipeline to the end and returns its result. Never throws: every failure becomes
  /// part of the result and the event stream.
  public func run() -> BuildResult {
    hub.emit(.runStarted(job: options.jobName, build: buildNumber, jenkinsfile: lint.source.path, workspace: options.workspace, cause: options.causes.first?.shortDescription ?? "Started"))
    gitlabRunQueued()
    let context = BranchContext(run: self, node: nil, cancellation: root)
    var pipelineError: Error?
    var jobLock: Int32?
    interpreter.lock.locked {
      do {
        if pipeline.options?.options.contains(where: { $0.name == "disableConcurrentBuilds" }) == true {
          jobLock = try stateStore.lockJob(options.jobName)
        }
        if usesDockerAgents && !options.dryRun {
          // Fail before any stage runs, not halfway through the pipeline.
          do {
            try dockerClient().checkEngine()
          } catch {
            throw RunSetupError("this pipeline has Docker agents, but \(error)")
          }
        }
        interpreter.lock.unlocked { gitlabRunStarted() }
        try loadAnnotatedLibraries(context)
        try interpreter.runScript(context) { [pipeline] statement in statement.range.union(pipeline.range) == statement.range }
        try loadDirectiveLibraries(context)
        warnAboutUnsupportedSteps()
        try declareParameters(context)
        try runPipelineBody(context)
      } catch {
        pipelineError = error
      }
    }
    if let error = pipelineError { report(error, context) }
    // Containers `docker.image(…).run()` started and nobody stopped.
    removeLeftoverContainers()
    let result = build.result.combined(pipelineError.map(result(of:)) ?? .success)
    gitlabRunFinished(result)
    hub.emit(.runFinished(result: result, durationMs: milliseconds(since: startTime)))
    hub.finish()
    if let fd = jobLock { close(fd) }
    if !options.dryRun {
      let commit = options.sourceCheckout?.commit.sha ?? GitRepository.open(sourceDirectory)?.headCommit()?.sha ?? previous.lastCommit
      try? stateStore.save(options.jobName, JobState(lastBuildNumber: buildNumber, previousResult: result, lastCommit: commit))
    }
    try? FileManager.default.removeItem(atPath: runDirectory)
    return result
  }

  /// Stops the run as Jenkins' abort does: running processes are killed, `post` runs with
  /// ABORTED, the run ends with ABORTED.
  public func abort(_ message: String = "Aborted by user") {
    root.cancel(CancellationReason(.aborted, message))
  }

  /// A second interrupt: also stops `post` blocks and everything they started.
  public func stopNow() {
    abort()
    hardStop.cancel(CancellationReason(.aborted, "Stopped at once by a second interrupt"))
  }

  /// Before leaving without unwinding (a third interrupt): removes the containers still running.
  public func removeContainersNow() {
    removeLeftoverContainers()
  }

  /// Agent and its checkout, environment, options, tools, stages, then the pipeline `post` inside that
  /// context, in Jenkins' order. A failure before the stages could start still runs `post`, outside it.
  func runPipelineBody(_ context: BranchContext) throws {
    applyDeclarativeOptions()
    var contextReady = false
    do {
      checkoutSubdirectory = try stringOption("checkoutToSubdirectory", in: pipeline.options, context)
      try withAgent(pipeline.agent, context, checkout: { try self.automaticCheckout($0) }) { context in
      try self.withEnvironment(self.pipeline.environment, context) { context in
        try self.withOptions(self.pipeline.options, context) { context in
          try self.withTools(self.pipeline.tools?.tools ?? [], context, synthetic: true) { context in
            contextReady = true
            var stagesError: Error?
            do {
              try self.runStages(self.pipeline.stages?.stages ?? [], context)
            } catch {
              stagesError = error
            }
            let postError = self.runPost(self.pipeline.post, context, error: stagesError, stage: nil)
            if let error = stagesError ?? postError { throw error }
          }
        }
      }
      }
    } catch {
      if !contextReady, let postError = runPost(pipeline.post, context, error: error, stage: nil) {
        throw postError
      }
      throw error
    }
  }

  /// Prints an error that ended the run, as Jenkins does at the end of the log.
  func report(_ error: Error, _ context: BranchContext) {
    let lines: [String]
    switch error {
    case let failure as StepFailure: lines = ["ERROR: \(failure.message)"]
    case let interrupted as FlowInterrupted: lines = [interrupted.reason.message]
    case let groovy as GroovyError:
      var text = [groovy.description]
      if let range = groovy.range {
        if let library = groovy.source {
          // A library file: Jenkins names the script class after the file (`acmeVar.groovy`).
          let file = (library.path as NSString).lastPathComponent
          text.append("\tat \((file as NSString).deletingPathExtension)(\(library.path):\(library.location(of: range.start).line))")
        } else {
          text.append("\tat WorkflowScript.run(WorkflowScript:\(lint.source.location(of: range.start).line))")
        }
      }
      lines = text
    case let unsupported as UnsupportedConstruct:
      let source = unsupported.source ?? lint.source
      let at = source.location(of: unsupported.range.start)
      lines = ["ERROR: \(source.path):\(at.line):\(at.column): Carson does not support this: \(unsupported.message)"]
    case let setup as RunSetupError: lines = ["ERROR: \(setup.message)"]
    default: lines = ["ERROR: \(error)"]
    }
    for line in lines { hub.emit(.log(path: context.path, stream: .carson, text: line)) }
  }

  func applyDeclarativeOptions() {
    for option in pipeline.options?.options ?? [] {
      switch option.name {
      case "skipStagesAfterUnstable": skipStagesAfterUnstable = true
      case "parallelsAlwaysFailFast": parallelsAlwaysFailFast = true
      case "newContainerPerStage": newContainerPerStage = true
      case "skipDefaultCheckout": skipDefaultCheckout = Self.option("skipDefaultCheckout", in: pipeline.options)
      case "checkoutToSubdirectory", "disableConcurrentBuilds": break
      default:
        // Job properties (quietPeriod, buildDiscarder, durabilityHint, …) configure a Jenkins
        // job, not a build; a local run says it ignores them rather than pretend.
        if case .wrapper? = catalogue.options[option.name]?.kind { break }
        hub.emit(.log(path: [], stream: .carson, text: "\(option.name): has no effect in a local run"))
      }
    }
    let triggers = pipeline.triggers?.calls.map(\.name) ?? []
    if !triggers.isEmpty {
      hub.emit(.log(path: [], stream: .carson, text: "triggers { \(triggers.joined(separator: ", ")) }: no effect in a local run (Carson runs when it is started)"))
    }
  }

  /// The automatic `checkout scm` of the pipeline agent, in Jenkins' synthetic stage.
  func automaticCheckout(_ context: BranchContext) throws {
    guard options.fromSCM, !skipDefaultCheckout, context.node != nil else { return }
    try syntheticStage("Declarative: Checkout SCM", context) { inner in
      context.overlays.append(try self.checkoutSCM(inner, subdirectory: self.checkoutSubdirectory))
    }
  }

  /// Where the Jenkinsfile's repository is: the `--repo` clone, or the user's directory.
  var sourceDirectory: String { options.sourceDirectory ?? options.workspace }

  /// `checkout scm`. With `--repo`, a checkout of the run's commit (nothing to do where the
  /// clone already is). Otherwise, on the host: when the workspace is the Jenkinsfile's own
  /// directory it is used as it is; else that directory is copied in (into `subdirectory` if
  /// given). Returns the variables Jenkins' git checkout sets (GIT_COMMIT, GIT_BRANCH, …).
  func checkoutSCM(_ context: BranchContext, subdirectory: String?) throws -> [String: String] {
    let source = sourceDirectory
    let workspace = context.node?.workspace ?? options.workspace
    let target = subdirectory.map { workspace + "/" + $0 } ?? workspace
    if let checkout = options.sourceCheckout {
      return try checkoutRunCommit(checkout, into: target, context)
    }
    if URL(fileURLWithPath: source).standardized.path == URL(fileURLWithPath: target).standardized.path {
      context.log("The workspace is the Jenkinsfile's directory (\(source)); it is used as it is.")
    } else if !options.dryRun {
      context.log("Copying \(source) into \(target)")
      try FileGlob.mirror(from: source, to: target)
    }
    if let reason = GitRepository.unreadableReason(source) {
      context.log("WARNING: GIT_COMMIT, GIT_BRANCH and the changelog are not set: \(reason)")
    }
    return SourceRepository.localVariables(source, previousCommit: previous.lastCommit)
  }

  /// A stage Jenkins adds by itself (`Declarative: Checkout SCM`, `Declarative: Post Actions`).
  func syntheticStage(_ name: String, _ context: BranchContext, _ body: (BranchContext) throws -> Void) throws {
    let inner = context.derived()
    inner.path = context.path + [name]
    let started = Date()
    hub.emit(.stageStarted(stage: name, path: inner.path, branch: false))
    do {
      try body(inner)
      hub.emit(.stageFinished(stage: name, path: inner.path, status: .success, skipReason: nil, durationMs: milliseconds(since: started)))
    } catch {
      hub.emit(.stageFinished(stage: name, path: inner.path, status: StageStatus(result(of: error)), skipReason: nil, durationMs: milliseconds(since: started)))
      throw error
    }
  }

  // MARK: Evaluation helpers

  /// Scope for Groovy written in the pipeline (closures see the script's top-level variables).
  func pipelineScope() -> Scope { Scope(parent: interpreter.scriptScope) }

  func evaluate(_ value: Value, _ context: BranchContext) throws -> GValue {
    try interpreter.evaluate(value.expr, in: pipelineScope(), context)
  }

  /// Groovy arguments of a declarative option/parameter call.
  func evaluate(_ arguments: Arguments, _ context: BranchContext) throws -> CallArguments {
    func value(_ argument: ArgumentValue) throws -> GValue {
      switch argument {
      case .value(let v): return try evaluate(v, context)
      case .call(let call):
        let map = GMap()
        let inner = try evaluate(call.arguments, context)
        for (k, v) in inner.named { map[string: k] = v }
        map[string: "$symbol"] = .string(call.name)
        return .map(map)
      }
    }
    switch arguments {
    case .none: return CallArguments()
    case .single(let a): return CallArguments(positional: [try value(a)])
    case .positional(let list): return CallArguments(positional: try list.map(value))
    case .named(let list): return CallArguments(named: try list.map { ($0.name, try value($0.value)) })
    }
  }

  func milliseconds(since start: Date) -> Int { Int(Date().timeIntervalSince(start) * 1000) }
}

