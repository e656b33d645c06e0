import CarsonExec
import CarsonGroovy
import CarsonModel
import CarsonSyntax
import Foundation

// Options (wrappers), environment, tools and the stage `input` directive.

extension PipelineRun {
  /// Wraps `body` in the block-step options (`timeout`, `retry`, `timestamps`,
  /// `withCredentials`, …), first declared outermost, by calling those steps with `body`.
  func withOptions(_ options: Options?, _ context: BranchContext, _ body: @escaping (BranchContext) throws -> Void) throws {
    let wrappers = (options?.options ?? []).filter { option in
      if case .wrapper? = catalogue.options[option.name]?.kind { return true }
      return false
    }
    func apply(_ index: Int, _ context: BranchContext) throws {
      guard index < wrappers.count else { return try body(context) }
      let option = wrappers[index]
      var arguments = try evaluate(option.arguments, context)
      arguments.closure = GClosure(range: option.range) { _, inner in
        try apply(index + 1, inner as? BranchContext ?? context)
        return .null
      }
      _ = try callStep(option.name, arguments, context, at: option.range)
    }
    try apply(0, context)
  }

  /// Evaluates an `environment {}` block in order (each value sees the earlier ones) and runs
  /// `body` with the result as an overlay.
  func withEnvironment(_ environment: Environment?, _ context: BranchContext, _ body: (BranchContext) throws -> Void) throws {
    guard let environment, !environment.entries.isEmpty else { return try body(context) }
    let inner = context.derived()
    let lazy = LazyEnvironment(environment.entries) { [unowned self, unowned inner] entry in
      let evaluation = self.environmentContext(inner)
      if let id = entry.credentialsID {
        return try self.bindCredential(Groovy.string(try self.evaluate(id, evaluation)), variable: entry.name, context: inner)
      }
      do {
        return [(entry.name, Groovy.string(try self.evaluate(entry.value, evaluation)))]
      } catch let error as GroovyError where error.groovyClassName == "java.lang.NullPointerException" {
        throw GroovyError("java.lang.IllegalArgumentException", "One or more variables have some issues with their values: \(entry.name)", range: entry.range)
      }
    }
    inner.pendingEnvironment = lazy
    for entry in environment.entries { try lazy.force(entry) }
    inner.pendingEnvironment = nil
    inner.overlays.append(lazy.values)
    try body(inner)
  }

  /// Environment values resolve unknown names to null (`"${UNDEFINED}"` is `"null"`), as Jenkins does.
  func environmentContext(_ context: BranchContext) -> BranchContext {
    let lenient = context.derived()
    lenient.undefinedAsNull = true
    return lenient
  }

  /// The variables a credential binds under `variable` (and `_USR`/`_PSW` for pairs); secrets
  /// are registered with the masker first.
  func bindCredential(_ id: String, variable: String, context: BranchContext) throws -> [(String, String)] {
    guard let credential = options.credentials.credentials[id] else {
      throw StepFailure("Could not find credentials entry with ID '\(id)' (give it in --credentials FILE)")
    }
    switch credential {
    case .secretText(let secret):
      masker.add(secret)
      return [(variable, secret)]
    case .usernamePassword(let user, let password, let usernameSecret):
      masker.add(password)
      masker.add("\(user):\(password)")  // the combined value is one secret, masked whole
      if usernameSecret { masker.add(user) }
      return [(variable, "\(user):\(password)"), (variable + "_USR", user), (variable + "_PSW", password)]
    case .secretFile(let path):
      return [(variable, try secretFileCopy(path))]
    case .sshKey(let user, let key, let passphrase):
      masker.add(key)
      if let passphrase { masker.add(passphrase) }
      let file = runDirectory + "/secret-\(UUID().uuidString)"
      guard FileManager.default.createFile(atPath: file, contents: Data(key.utf8), attributes: [.posixPermissions: 0o600]) else {
        throw StepFailure("cannot write the SSH key of credential '\(variable)' to \(runDirectory)")
      }
      var bound = [(variable, file), (variable + "_USR", user)]
      if let passphrase { bound.append((variable + "_PSW", passphrase)) }
      return bound
    case .certificate:
      throw StepFailure("No suitable binding handler could be found for type com.cloudbees.plugins.credentials.impl.CertificateCredentialsImpl")
    }
  }

  /// A secret file is bound as a private copy whose path is itself masked, as Jenkins does.
  func secretFileCopy(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else { throw StepFailure("secret file credential: cannot read \(path)") }
    let copy = runDirectory + "/secret-\(UUID().uuidString)"
    guard FileManager.default.createFile(atPath: copy, contents: data, attributes: [.posixPermissions: 0o600]) else {
      throw StepFailure("secret file credential: cannot write its private copy in \(runDirectory)")
    }
    masker.add(copy)
    return copy
  }

  /// `tools { maven 'x' }`: the installation's home from `--tools`, its `bin` first on PATH.
  /// As in Jenkins, tools install only where there is an agent, and pipeline-level tools in the
  /// synthetic "Declarative: Tool Install" stage.
  func withTools(_ tools: [Tools.Tool], _ context: BranchContext, synthetic: Bool = false, _ body: (BranchContext) throws -> Void) throws {
    guard !tools.isEmpty, context.node != nil else { return try body(context) }
    var overlay: [String: String] = [:]
    func install(_ context: BranchContext) throws {
      for tool in tools {
        let name = Groovy.string(try evaluate(tool.name, context))
        let home = try toolHome(type: tool.type, name: name)
        overlay.merge(toolEnvironment(type: tool.type, home: home, path: overlay["PATH"] ?? context.environment["PATH"] ?? "")) { _, new in new }
      }
    }
    if synthetic { try syntheticStage("Declarative: Tool Install", context, install) } else { try install(context) }
    let inner = context.derived()
    inner.overlays.append(overlay)
    try body(inner)
  }

  /// A stage's tools; under `agent none` the pipeline's tools apply to each stage's agent too
  /// (the stage's own entry wins for a type).
  func stageTools(_ stage: Stage) -> [Tools.Tool] {
    let own = stage.tools?.tools ?? []
    guard pipeline.agent?.type == "none" else { return own }
    let ownTypes = Set(own.map(\.type))
    return (pipeline.tools?.tools ?? []).filter { !ownTypes.contains($0.type) } + own
  }

  func toolHome(type: String, name: String) throws -> String {
    guard let home = options.tools[type]?[name] else {
      throw StepFailure("No \(type) installation named '\(name)' is configured (give installations with --tools FILE)")
    }
    return home
  }

  func toolEnvironment(type: String, home: String, path: String) -> [String: String] {
    var env = ["PATH": "\(home)/bin:\(path)"]
    switch type {
    case "maven": env["M2_HOME"] = home; env["MAVEN_HOME"] = home
    case "jdk": env["JAVA_HOME"] = home
    case "gradle": env["GRADLE_HOME"] = home
    case "ant": env["ANT_HOME"] = home
    default: break
    }
    return env
  }

  // MARK: input

  /// The stage `input {}` directive: asks (or reads the answer), then makes the parameters
  /// and the approver available as environment variables of the stage.
  func runInputDirective(_ input: Input, stage: String, _ context: BranchContext) throws {
    let message = try input.message.map { Groovy.string(try evaluate($0, context)) } ?? "Input requested"
    let id = try input.id.map { Groovy.string(try evaluate($0, context)) } ?? InputSteps.defaultID(stage)
    let parameters = try (input.parameters?.calls ?? []).map { call -> (name: String, type: String, defaultValue: GValue) in
      let arguments = try evaluate(call.arguments, context)
      return (Groovy.string(arguments.named("name") ?? .null), call.name, arguments.named("defaultValue") ?? (call.name == "booleanParam" ? .bool(false) : .string("")))
    }
    let submitterParameter = try input.submitterParameter.map { Groovy.string(try evaluate($0, context)) }
    // Jenkins runs the directive as an `input` step; it shows as one in the events too.
    hub.emit(.stepStarted(step: "input", path: context.path, arguments: "message: '\(message)', id: '\(id)'", block: false))
    let started = Date()
    let answer: InputSteps.Answer
    do {
      answer = try InputSteps.ask(message: message, id: id, parameters: parameters, context)
    } catch {
      hub.emit(.stepFinished(step: "input", path: context.path, status: StageStatus(result(of: error)), durationMs: milliseconds(since: started), block: false))
      throw error
    }
    hub.emit(.stepFinished(step: "input", path: context.path, status: .success, durationMs: milliseconds(since: started), block: false))
    var overlay: [String: String] = [:]
    for (name, value) in answer.values { overlay[name] = Groovy.string(value) }
    if let submitterParameter { overlay[submitterParameter] = answer.approver }
    if !overlay.isEmpty { context.overlays.append(overlay) }
  }
}
