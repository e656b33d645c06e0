import CarsonGroovy
import Foundation

/// The steps `carson run` implements (documented in docs/steps.md). Steps the catalogue knows
/// but Carson does not implement fail with Jenkins' "No such DSL method" message.
enum StepLibrary {
  static func all() -> [String: StepImplementation] {
    var steps: [String: StepImplementation] = [:]
    for group in [
      BasicSteps.steps, ShellSteps.steps, FlowSteps.steps, FileSteps.steps, ArtifactSteps.steps, CredentialSteps.steps, InputSteps.steps,
      SCMSteps.steps, GitLabSteps.steps, LibrarySteps.steps,
    ] {
      steps.merge(group) { first, _ in first }
    }
    return steps
  }
}

/// Steps without side effects on files or processes.
enum BasicSteps {
  static let steps: [String: StepImplementation] = [
    "echo": { step in
      step.context.log(step.string("message") ?? "")
      return .null
    },
    "error": { step in
      throw StepFailure(step.string("message") ?? "")
    },
    "unstable": { step in
      let message = step.string("message") ?? ""
      step.context.log("WARNING: \(message)")
      step.run.build.setResult(.unstable)
      step.markStage(.unstable)
      return .null
    },
    "isUnix": { _ in .bool(true) },
    "script": { step in
      // `script { … }`: its body is plain Groovy; `return` ends the block.
      guard let closure = step.arguments.closure else { return .null }
      // A `script {}` written in a library var runs in the var's interpreter.
      if let owner = closure.owner, owner !== step.run.interpreter {
        return try owner.attributingErrors { try owner.runBody(closure.body, in: Scope(parent: closure.scope), step.context) }
      }
      return try step.run.interpreter.runBody(closure.body, in: Scope(parent: closure.scope), step.context)
    },
    "milestone": { step in
      step.context.log("Trying to pass milestone \(step.string("ordinal") ?? "0")")
      return .null
    },
    "timestamps": { step in try step.body(step.context) },
    "getContext": { step in
      // `getContext(hudson.FilePath)`: the workspace when there is a node, else null.
      let type = Groovy.string(step.arguments.positional.first ?? .null)
      guard step.context.node != nil else { return .null }
      if type.hasSuffix("FilePath") { return .string(step.context.directory) }
      if type.hasSuffix("EnvVars") { return .map(GMap(step.context.environment.map { (.string($0.key), .string($0.value)) })) }
      return .null
    },
    "ansiColor": { step in try step.body(step.context) },
    "wrap": { step in try step.body(step.context) },
    "withEnv": { step in
      let inner = step.context.derived()
      var overlay: [String: String] = [:]
      for entry in try step.run.interpreter.iterate(step.value("overrides") ?? .null, at: step.range) {
        let text = Groovy.string(entry)
        guard let eq = text.firstIndex(of: "=") else { continue }
        overlay[String(text[..<eq])] = String(text[text.index(after: eq)...])
      }
      inner.overlays.append(overlay)
      return try step.body(inner)
    },
    "tool": { step in
      let name = try step.required("name")
      if let type = step.string("type") { return .string(try step.run.toolHome(type: type, name: name)) }
      for (type, installations) in step.run.options.tools where installations[name] != nil {
        return .string(try step.run.toolHome(type: type, name: name))
      }
      throw StepFailure("No tool named '\(name)' is configured (give installations with --tools FILE)")
    },
    "node": { step in
      let inner = step.context.derived()
      inner.node = try step.run.node(forLabel: step.string("label") ?? "", step.context)
      inner.log("Running on \(inner.node?.name ?? "built-in") in \(inner.directory)")
      return try step.body(inner)
    },
    "stage": { step in
      // The scripted `stage('name') { … }` (inside `script {}` or a scripted pipeline).
      let name = try step.required("name")
      let inner = step.context.derived()
      inner.path.append(name)
      let started = Date()
      step.run.hub.emit(.stageStarted(stage: name, path: inner.path, branch: false))
      do {
        let value = try step.body(inner)
        step.run.hub.emit(.stageFinished(stage: name, path: inner.path, status: .success, skipReason: nil, durationMs: step.run.milliseconds(since: started)))
        return value
      } catch {
        step.run.hub.emit(.stageFinished(stage: name, path: inner.path, status: StageStatus(result(of: error)), skipReason: nil, durationMs: step.run.milliseconds(since: started)))
        throw error
      }
    },
  ]
}
