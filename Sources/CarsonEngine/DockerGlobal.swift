import CarsonDocker
import CarsonExec
import CarsonGroovy
import Foundation

// The `docker` global variable of docker-workflow, for `script {}`: docker.image(…).inside,
// pull, run, withRun, docker.build and docker.withRegistry.

/// `docker`
final class DockerGlobalObject: GObject {
  unowned let run: PipelineRun
  init(_ run: PipelineRun) { self.run = run }
  var groovyClassName: String { "org.jenkinsci.plugins.docker.workflow.Docker" }

  func invokeMethod(_ name: String, _ arguments: CallArguments, _ evaluation: EvaluationContext) throws -> GValue {
    guard let context = evaluation as? BranchContext else { throw GroovyError.missingMethod(name, groovyClassName, 0) }
    let values = arguments.positional.map(Groovy.string)
    switch name {
    case "image":
      guard let image = values.first else { throw GroovyError.illegalArgument("docker.image needs an image name") }
      return .object(DockerImageObject(run, image))
    case "build":
      guard let tag = values.first else { throw GroovyError.illegalArgument("docker.build needs a tag") }
      try run.buildImage(tag: tag, arguments: values.count > 1 ? values[1] : ".", context)
      return .object(DockerImageObject(run, tag))
    case "withRegistry":
      var result: GValue = .null
      try run.withRegistry(values.first, credentialsID: values.count > 1 ? values[1] : nil, context) { inner in
        result = try run.callBody(arguments, inner)
      }
      return result
    case "withTool":
      return try run.callBody(arguments, context)
    default:
      throw StepFailure("docker.\(name) is not supported by carson run (supported: image, build, withRegistry, withTool)")
    }
  }
}

/// `docker.image('name')`
final class DockerImageObject: GObject {
  unowned let run: PipelineRun
  let name: String
  init(_ run: PipelineRun, _ name: String) {
    self.run = run
    self.name = name
  }
  var groovyClassName: String { "org.jenkinsci.plugins.docker.workflow.Docker$Image" }

  func getProperty(_ property: String, _ context: EvaluationContext) throws -> GValue {
    if property == "id" { return .string(name) }
    throw GroovyError.missingProperty(property, groovyClassName)
  }

  func invokeMethod(_ method: String, _ arguments: CallArguments, _ evaluation: EvaluationContext) throws -> GValue {
    guard let context = evaluation as? BranchContext else { throw GroovyError.missingMethod(method, groovyClassName, 0) }
    let values = arguments.positional.map(Groovy.string)
    switch method {
    case "imageName", "getId": return .string(name)
    case "pull":
      try run.pullImage(name, context)
      return .null
    case "inside":
      guard let node = context.node else { throw StepFailure("docker.image('\(name)').inside needs a node: use it inside an agent") }
      var result: GValue = .null
      try run.withContainer(image: name, arguments: values.first ?? "", workspace: node.workspace, context) { inner in
        result = try run.callBody(arguments, inner)
      }
      return result
    case "run":
      let container = try run.startSidecar(image: name, arguments: values.first ?? "", command: values.count > 1 ? values[1] : "", context)
      return .object(DockerContainerObject(container))
    case "withRun":
      let container = try run.startSidecar(image: name, arguments: values.first ?? "", command: values.count > 1 ? values[1] : "", context)
      defer { run.stopSidecar(container) }
      guard let closure = arguments.closure else { return .null }
      return try run.interpreter.call(closure, [.object(DockerContainerObject(container))], context)
    case "tag", "push":
      throw StepFailure("docker.image('\(name)').\(method) is not supported by carson run (it would change a registry)")
    default:
      throw GroovyError.missingMethod(method, groovyClassName, arguments.positional.count)
    }
  }
}

/// What `docker.image(…).run()` / `withRun { c -> … }` return: `c.id`, `c.stop()`.
final class DockerContainerObject: GObject {
  let container: Sidecar
  init(_ container: Sidecar) { self.container = container }
  var groovyClassName: String { "org.jenkinsci.plugins.docker.workflow.Docker$Container" }

  func getProperty(_ property: String, _ context: EvaluationContext) throws -> GValue {
    if property == "id" { return .string(container.id) }
    throw GroovyError.missingProperty(property, groovyClassName)
  }

  func invokeMethod(_ method: String, _ arguments: CallArguments, _ evaluation: EvaluationContext) throws -> GValue {
    switch method {
    case "stop":
      container.stop()
      return .null
    case "getId": return .string(container.id)
    default: throw GroovyError.missingMethod(method, groovyClassName, arguments.positional.count)
    }
  }
}

/// A container started by `run`/`withRun` (a database next to the tests): detached, with the
/// image's own command, labelled like agent containers so nothing is left behind.
final class Sidecar: @unchecked Sendable {
  let id: String
  let docker: DockerCLI
  init(id: String, docker: DockerCLI) {
    self.id = id
    self.docker = docker
  }
  func stop() { _ = try? docker.capture(["rm", "-f", id]) }
}

extension PipelineRun {
  /// Calls the closure given to a `docker` method.
  func callBody(_ arguments: CallArguments, _ context: BranchContext) throws -> GValue {
    guard let closure = arguments.closure else { return .null }
    return try interpreter.call(closure, [], context)
  }

  /// `docker.build(tag, args)`: `args` ends with the build context (default `.`).
  func buildImage(tag: String, arguments: String, _ context: BranchContext) throws {
    var words = ArgumentTokenizer.split(arguments)
    if words.isEmpty { words = ["."] }
    let directory = context.resolve(words.removeLast())
    var dockerfile = directory + "/Dockerfile"
    if let f = words.firstIndex(of: "-f"), f + 1 < words.count {
      dockerfile = context.resolve(words[f + 1])
      words.removeSubrange(f...f + 1)
    }
    context.log("+ docker build -t \(tag) \(arguments)")
    if options.dryRun { return }
    let output = LogOutput(self, context)
    defer { output.flush() }
    try interpreter.lock.unlocked {
      try ImageStore(docker: try dockerClient()).build(
        tag: tag, dockerfile: dockerfile, context: directory, arguments: words, cancellation: context.cancellation, output: output.write)
    }
  }

  func startSidecar(image: String, arguments: String, command: String, _ context: BranchContext) throws -> Sidecar {
    let docker = try dockerClient()
    if !ImageStore(docker: docker).exists(image) { try pullImage(image, context) }
    let labels = ["carson.run": runID, "carson.job": options.jobName, "carson.stage": context.path.joined(separator: " » "), "carson.pid": String(getpid())]
    let runArguments = ["run", "-d"] + labels.sorted { $0.key < $1.key }.flatMap { ["--label", "\($0.key)=\($0.value)"] }
      + ArgumentTokenizer.split(arguments) + [image] + ArgumentTokenizer.split(command)
    context.log("$ docker " + DockerCLI.display(runArguments))
    let result = try interpreter.lock.unlocked { try docker.capture(runArguments) }
    let id = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    guard result.succeeded, !id.isEmpty else { throw StepFailure("cannot start a container of image '\(image)': \(result.reason)") }
    let sidecar = Sidecar(id: id, docker: docker)
    dockerState.track(sidecar: sidecar)
    return sidecar
  }

  func stopSidecar(_ sidecar: Sidecar) {
    sidecar.stop()
    dockerState.untrack(sidecar: sidecar)
  }
}
