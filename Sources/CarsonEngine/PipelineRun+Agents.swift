import CarsonDocker
import CarsonExec
import CarsonGroovy
import CarsonModel
import Foundation

// Agents: host nodes (any, label, node) with their workspaces, and Docker agents (docker,
// dockerfile) as docker-workflow runs them: a node, then a container on it.

extension PipelineRun {
  /// Runs `body` on the node `agent` selects, then releases it (workspace lease, container).
  /// nil keeps the enclosing node. `checkout` runs on a newly allocated node (Jenkins'
  /// automatic `checkout scm`); a Docker agent with `reuseNode true` stays on the enclosing
  /// node and its workspace.
  func withAgent(
    _ agent: Agent?, _ context: BranchContext, checkout: (BranchContext) throws -> Void,
    _ body: (BranchContext) throws -> Void
  ) throws {
    guard let agent else { return try body(context) }
    let settings = try agentSettings(agent, context)
    switch agent.type {
    case "none":
      let inner = context.derived()
      inner.node = nil
      try body(inner)
    case "any", "label", "node":
      try withHostNode(label: settings.string("label") ?? "", customWorkspace: settings.string("customWorkspace"), context) { inner in
        try checkout(inner)
        try body(inner)
      }
    case "docker", "dockerfile":
      let docker = try DockerAgentSettings(type: agent.type, settings)
      if docker.reuseNode, context.node != nil {
        return try withDockerAgent(docker, context, body)
      }
      try withHostNode(label: docker.label ?? "", customWorkspace: docker.customWorkspace, context) { inner in
        try checkout(inner)
        if newContainerPerStage && context.path.isEmpty {
          // The pipeline holds the node; each stage starts its own container of this image.
          inner.perStageContainer = docker
          return try body(inner)
        }
        try withDockerAgent(docker, inner, body)
      }
    default:
      throw StepFailure("agent type '\(agent.type)' is not supported by carson run (kubernetes agents need a cluster)")
    }
  }

  /// Evaluated agent settings: `agent { label 'x' }` / `agent { docker 'image' }` give the
  /// single value under the type's main key.
  func agentSettings(_ agent: Agent, _ context: BranchContext) throws -> [String: GValue] {
    var settings: [String: GValue] = [:]
    switch agent.arguments {
    case .single(let value):
      settings[agent.type == "docker" ? "image" : agent.type == "dockerfile" ? "filename" : "label"] = try evaluate(value, context)
    case .block(let entries):
      for entry in entries {
        guard case .single(let value) = entry.value else { continue }
        settings[entry.key] = try evaluate(value, context)
      }
    case .none: break
    }
    if agent.type == "dockerfile", case .bool(true)? = settings["filename"] { settings["filename"] = nil }
    return settings
  }

  // MARK: Host nodes

  /// Leases a workspace on the node a label selects: the run's workspace when it is free,
  /// else `workspace@2`, `@3`, … as Jenkins allocates concurrent executors.
  func withHostNode(label: String, customWorkspace: String?, _ context: BranchContext, _ body: (BranchContext) throws -> Void) throws {
    var node = try node(forLabel: label, context)
    let workspace: String
    if let customWorkspace {
      // A relative custom workspace is relative to the run's workspace, `..` and `.` resolved.
      workspace = URL(fileURLWithPath: customWorkspace.hasPrefix("/") ? customWorkspace : options.workspace + "/" + customWorkspace).standardized.path
    } else {
      workspace = workspaces.lease(workspaceRoot(of: node))
    }
    defer { if customWorkspace == nil { workspaces.release(workspace) } }
    if !options.dryRun { try? FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true) }
    node.workspace = workspace
    let inner = context.derived()
    inner.node = node
    inner.directory = workspace
    if workspace != options.workspace { inner.log("Running on \(node.name) in \(workspace)") }
    try body(inner)
  }

  /// Each emulated agent is its own machine in Jenkins, so files never pass between agents
  /// without stash/unstash: the first agent (or the host) works in the run's workspace, another
  /// agent in `workspace@agent-name`.
  func workspaceRoot(of node: NodeContext) -> String {
    guard let first = options.agents.first, node.name != first.name else { return options.workspace }
    return options.workspace + "@" + node.name
  }

  func node(forLabel label: String, _ context: BranchContext) throws -> NodeContext {
    if options.agents.isEmpty {
      return NodeContext(name: "built-in", workspace: options.workspace, environment: [:], labels: [])
    }
    guard let agent = options.agents.first(where: { $0.matches(label) }) else {
      let known = options.agents.map { "\($0.name) [\($0.labels.sorted().joined(separator: " "))]" }.joined(separator: ", ")
      throw StepFailure("No agent matches the label expression '\(label)' (agents: \(known))")
    }
    return NodeContext(name: agent.name, workspace: options.workspace, environment: agent.environment, labels: agent.labels)
  }

  // MARK: Docker agents

  /// The Docker client of this run, created on first use.
  func dockerClient() throws -> DockerCLI {
    try dockerState.client { try DockerCLI(environment: options.processEnvironment) }
  }

  /// Starts the agent's container on the current node (building or pulling its image first),
  /// runs `body` in it and removes the container, whatever happened.
  func withDockerAgent(_ agent: DockerAgentSettings, _ context: BranchContext, _ body: (BranchContext) throws -> Void) throws {
    guard let node = context.node else { throw StepFailure("a docker agent needs a node") }
    try withRegistry(agent.registryURL, credentialsID: agent.registryCredentialsID, context) { context in
      let image = try self.prepareImage(agent, context)
      try self.withContainer(image: image, arguments: agent.args, workspace: node.workspace, context, body)
    }
  }

  /// The image an agent runs: pulled when missing (or always, with `alwaysPull`), or built
  /// from its Dockerfile with docker-workflow's content-derived tag. Outside a stage this
  /// happens in Jenkins' synthetic "Declarative: Agent Setup" stage.
  func prepareImage(_ agent: DockerAgentSettings, _ context: BranchContext) throws -> String {
    var image = agent.image ?? ""
    let work: (BranchContext) throws -> Void = { context in
      if agent.isDockerfile {
        image = try self.buildAgentImage(agent, context)
      } else if agent.alwaysPull {
        try self.pullImage(image, context)
      }
    }
    if (agent.isDockerfile || agent.alwaysPull) && context.path.isEmpty {
      try syntheticStage("Declarative: Agent Setup", context, work)
    } else {
      try work(context)
    }
    return image
  }

  func buildAgentImage(_ agent: DockerAgentSettings, _ context: BranchContext) throws -> String {
    let directory = URL(fileURLWithPath: context.resolve(agent.dir ?? ".")).standardized.path
    let dockerfile = URL(fileURLWithPath: directory + "/" + (agent.filename ?? "Dockerfile")).standardized.path
    guard let data = FileManager.default.contents(atPath: dockerfile) else {
      throw StepFailure("No Dockerfile found at \(dockerfile) in repository - failing.")
    }
    let tag = ImageStore.dockerfileTag(job: options.jobName, dockerfile: String(decoding: data, as: UTF8.self), additionalBuildArgs: agent.additionalBuildArgs ?? "")
    let extra = ArgumentTokenizer.split(agent.additionalBuildArgs ?? "")
    context.log("+ docker build -t \(tag)\(extra.isEmpty ? "" : " " + extra.joined(separator: " ")) -f \"\(dockerfile)\" \"\(directory)\"")
    if options.dryRun { return tag }
    let docker = try dockerClient()
    let output = LogOutput(self, context)
    defer { output.flush() }
    try interpreter.lock.unlocked {
      try ImageStore(docker: docker).build(tag: tag, dockerfile: dockerfile, context: directory, arguments: extra, cancellation: context.cancellation, output: output.write)
    }
    return tag
  }

  func pullImage(_ image: String, _ context: BranchContext) throws {
    context.log("+ docker pull \(image)")
    if options.dryRun { return }
    let output = LogOutput(self, context)
    defer { output.flush() }
    let docker = try dockerClient()
    try interpreter.lock.unlocked { try ImageStore(docker: docker).pull(image, cancellation: context.cancellation, output: output.write) }
  }

  /// `docker.image(x).inside(args) { … }` and the agents: a container of `image` with the
  /// node's workspace mounted; steps in `body` run in it.
  func withContainer(image: String, arguments: String, workspace: String, _ context: BranchContext, _ body: (BranchContext) throws -> Void) throws {
    if options.dryRun {
      context.log("[dry run] would run the steps in a container of \(image)")
      return try body(context)
    }
    let docker = try dockerClient()
    if !interpreter.lock.unlocked({ ImageStore(docker: docker).exists(image) }) { try pullImage(image, context) }
    var spec = ContainerSpec(image: image, workspace: workspace)
    // As docker-workflow: `$VAR` / `${VAR}` in the arguments are the build's variables.
    spec.userArguments = ArgumentTokenizer.split(EnvironmentExpander.expand(arguments, context.environment))
    spec.labels = ["carson.run": runID, "carson.job": options.jobName, "carson.stage": context.path.joined(separator: " » "), "carson.pid": String(getpid())]
    spec.shim = options.containerShim
    let container = try interpreter.lock.unlocked {
      try AgentContainer.start(spec, docker: docker, scratchDirectory: runDirectory) { context.log($0) }
    }
    dockerState.track(container)
    var failed = false
    defer {
      if failed && options.keepFailedContainers {
        interpreter.lock.unlocked { container.keep() }
        let short = String(container.id.prefix(12))
        context.log(
          "Keeping container \(short) (image \(image)) after the failure, as --keep-failed-containers asks: look inside with 'docker exec -it \(short) sh'; 'carson cleanup' removes it")
      } else {
        interpreter.lock.unlocked { container.stop() }
      }
      dockerState.untrack(container)
    }
    let inner = context.derived()
    inner.node?.runner = container
    inner.node?.container = container
    do {
      try body(inner)
    } catch {
      failed = result(of: error) == .failure
      throw error
    }
  }

  /// `registryUrl` / `registryCredentialsId` and `docker.withRegistry`: logs in with a private
  /// Docker configuration for the duration of `body` (the password goes through stdin).
  func withRegistry(_ url: String?, credentialsID: String?, _ context: BranchContext, _ body: (BranchContext) throws -> Void) throws {
    guard let url, !url.isEmpty else { return try body(context) }
    let inner = context.derived()
    inner.overlays.append(["DOCKER_REGISTRY_URL": url])
    guard let credentialsID, !credentialsID.isEmpty, !options.dryRun else { return try body(inner) }
    guard case .usernamePassword(let user, let password, _)? = options.credentials.credentials[credentialsID] else {
      throw StepFailure("Could not find username/password credentials with ID '\(credentialsID)' for registry \(url)")
    }
    masker.add(password)
    let docker = try dockerClient()
    let session = try interpreter.lock.unlocked {
      try RegistryLogin.login(docker: docker, registry: url, username: user, password: password, scratchDirectory: runDirectory)
    }
    defer { session.close() }
    try dockerState.withConfig(session.configDirectory) { try body(inner) }
  }

  /// Containers still running when the run is interrupted hard are removed here too.
  func removeLeftoverContainers() {
    for container in dockerState.tracked() { container.stop() }
    for sidecar in dockerState.trackedSidecars() { sidecar.stop() }
  }

  /// Whether any agent of the pipeline runs in Docker (then the engine is checked up front).
  var usesDockerAgents: Bool {
    func uses(_ agent: Agent?) -> Bool { agent.map { $0.type == "docker" || $0.type == "dockerfile" } ?? false }
    var found = uses(pipeline.agent)
    pipeline.forEachStage { stage, _ in found = found || uses(stage.agent) || uses(stage.matrix?.agent) }
    return found
  }
}

/// `agent { docker { … } }` and `agent { dockerfile { … } }`, evaluated.
struct DockerAgentSettings: Sendable {
  var isDockerfile: Bool
  var image: String?
  var args = ""
  var label: String?
  var reuseNode = false
  var alwaysPull = false
  var customWorkspace: String?
  var registryURL: String?
  var registryCredentialsID: String?
  var filename: String?
  var dir: String?
  var additionalBuildArgs: String?

  init(type: String, _ settings: [String: GValue]) throws {
    func text(_ key: String) -> String? { settings[key].flatMap { $0.isNull ? nil : Groovy.string($0) } }
    isDockerfile = type == "dockerfile"
    image = text("image")
    args = text("args") ?? ""
    label = text("label")
    reuseNode = settings["reuseNode"].map(Groovy.truthy) ?? false
    alwaysPull = settings["alwaysPull"].map(Groovy.truthy) ?? false
    customWorkspace = text("customWorkspace")
    registryURL = text("registryUrl")
    registryCredentialsID = text("registryCredentialsId")
    filename = text("filename")
    dir = text("dir")
    additionalBuildArgs = text("additionalBuildArgs")
    if !isDockerfile, (image ?? "").isEmpty { throw StepFailure("agent docker: no image given") }
  }
}

extension [String: GValue] {
  func string(_ key: String) -> String? { self[key].flatMap { $0.isNull ? nil : Groovy.string($0) } }
}

/// Docker state shared by the branches of a run: the client, the active registry
/// configuration, and the containers alive (removed on a hard stop).
final class DockerState: @unchecked Sendable {
  private let lock = NSLock()
  private var docker: DockerCLI?
  private var containers: [ObjectIdentifier: AgentContainer] = [:]
  private var sidecars: [ObjectIdentifier: Sidecar] = [:]

  func client(_ make: () throws -> DockerCLI) throws -> DockerCLI {
    lock.lock()
    defer { lock.unlock() }
    if let docker { return docker }
    let made = try make()
    docker = made
    return made
  }

  /// Runs `body` with DOCKER_CONFIG pointing at a registry login's configuration.
  func withConfig(_ directory: String, _ body: () throws -> Void) throws {
    lock.lock()
    let saved = docker
    docker?.environment["DOCKER_CONFIG"] = directory
    lock.unlock()
    defer {
      lock.lock()
      docker = saved
      lock.unlock()
    }
    try body()
  }

  func track(_ container: AgentContainer) {
    lock.lock()
    containers[ObjectIdentifier(container)] = container
    lock.unlock()
  }

  func untrack(_ container: AgentContainer) {
    lock.lock()
    containers[ObjectIdentifier(container)] = nil
    lock.unlock()
  }

  func track(sidecar: Sidecar) {
    lock.lock()
    sidecars[ObjectIdentifier(sidecar)] = sidecar
    lock.unlock()
  }

  func untrack(sidecar: Sidecar) {
    lock.lock()
    sidecars[ObjectIdentifier(sidecar)] = nil
    lock.unlock()
  }

  func trackedSidecars() -> [Sidecar] {
    lock.lock()
    defer { lock.unlock() }
    return Array(sidecars.values)
  }

  func tracked() -> [AgentContainer] {
    lock.lock()
    defer { lock.unlock() }
    return Array(containers.values)
  }
}

/// Workspaces in use by this run's nodes; a second concurrent lease of the same base gets
/// `base@2`, as Jenkins names the workspace of a second executor.
final class WorkspaceLeases: @unchecked Sendable {
  private let lock = NSLock()
  private var inUse: Set<String> = []

  func lease(_ base: String) -> String {
    lock.lock()
    defer { lock.unlock() }
    var candidate = base
    var n = 2
    while inUse.contains(candidate) {
      candidate = "\(base)@\(n)"
      n += 1
    }
    inUse.insert(candidate)
    return candidate
  }

  func release(_ workspace: String) {
    lock.lock()
    inUse.remove(workspace)
    lock.unlock()
  }
}

/// Output of docker commands (pull, build) as log lines of the stage.
final class LogOutput {
  let stdout: LineEmitter
  let stderr: LineEmitter
  init(_ run: PipelineRun, _ context: BranchContext) {
    stdout = LineEmitter(run.hub, context.path, .stdout)
    stderr = LineEmitter(run.hub, context.path, .stderr)
  }
  func write(_ stream: CarsonExec.OutputStream, _ chunk: UnsafeRawBufferPointer) {
    if stream == .stdout { stdout.write(chunk) } else { stderr.write(chunk) }
  }
  func flush() {
    stdout.flush()
    stderr.flush()
  }
}

/// Jenkins' `EnvVars.expand`: `$NAME` and `${NAME}` replaced by the variable's value; unknown
/// names are left as written.
enum EnvironmentExpander {
  static func expand(_ text: String, _ environment: [String: String]) -> String {
    var output = ""
    var characters = Substring(text)
    while let dollar = characters.firstIndex(of: "$") {
      output += characters[..<dollar]
      let rest = characters[characters.index(after: dollar)...]
      if rest.first == "{", let close = rest.firstIndex(of: "}") {
        let name = String(rest[rest.index(after: rest.startIndex)..<close])
        output += environment[name] ?? "${\(name)}"
        characters = rest[rest.index(after: close)...]
        continue
      }
      let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
      if let first = name.first, !first.isNumber, let value = environment[String(name)] {
        output += value
      } else {
        output += "$" + name
      }
      characters = rest[name.endIndex...]
    }
    return output + characters
  }
}
