import CarsonExec
import Foundation

/// How to start an agent container, as docker-workflow starts one: detached, with a TTY and
/// `cat` as the keep-alive command, the workspace mounted at the same path, the invoking user.
public struct ContainerSpec: Sendable {
  public var image: String
  public var workspace: String
  /// `args` of the agent, already split into words.
  public var userArguments: [String] = []
  public var labels: [String: String] = [:]
  /// `uid:gid` the steps run as.
  public var user: String
  /// The shell server on this machine, mounted read-only into the container; nil: `docker exec` per step.
  public var shim: String?

  public init(image: String, workspace: String, user: String = "\(getuid()):\(getgid())") {
    self.image = image
    self.workspace = workspace
    self.user = user
  }

  /// Where the shell server appears inside the container.
  public static let shimMountPoint = "/.carson-shim"

  /// The `docker run` arguments (without the program name).
  public var runArguments: [String] {
    var arguments = ["run", "-t", "-d", "-u", user]
    arguments += userArguments
    arguments += ["-w", workspace, "-v", "\(workspace):\(workspace):rw", "-v", "\(workspace)@tmp:\(workspace)@tmp:rw"]
    if let shim { arguments += ["-v", "\(shim):\(Self.shimMountPoint):ro"] }
    for (key, value) in labels.sorted(by: { $0.key < $1.key }) { arguments += ["--label", "\(key)=\(value)"] }
    arguments += [image, "cat"]
    return arguments
  }
}

/// A running agent container. Steps run in it through a pool of shell-server sessions (or one
/// `docker exec` each without the server); `stop()` removes it, whatever happened before.
public final class AgentContainer: CommandRunner, @unchecked Sendable {
  public let id: String
  public let spec: ContainerSpec
  let docker: DockerCLI
  private let lock = NSLock()
  private var idleSessions: [ShimSession] = []
  private var stopped = false
  /// Where `docker exec --env-file` files are written when there is no shell server.
  let scratchDirectory: String

  /// Starts the container; logs the `docker run` command line as Jenkins does.
  public static func start(_ spec: ContainerSpec, docker: DockerCLI, scratchDirectory: String, log: (String) -> Void) throws -> AgentContainer {
    try? FileManager.default.createDirectory(atPath: spec.workspace + "@tmp", withIntermediateDirectories: true)
    log("$ docker " + DockerCLI.display(spec.runArguments))
    let result = try docker.capture(spec.runArguments)
    let id = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    guard result.succeeded, !id.isEmpty else {
      throw DockerError("cannot start a container of image '\(spec.image)': \(result.reason)")
    }
    let container = AgentContainer(id: id, spec: spec, docker: docker, scratchDirectory: scratchDirectory)
    do {
      try container.waitForKeepAlive(log: log)
    } catch {
      container.stop()
      throw error
    }
    return container
  }

  /// How long a container may take to start the `cat` it was given before Carson says so.
  static let keepAliveWait: Double = 5

  /// Waits until the container runs the `cat` that keeps it alive, as Jenkins checks with
  /// `docker top`. An ENTRYPOINT that ignores its command either ends the container (an error
  /// naming the cause, the container removed) or runs something else (a warning, as in Jenkins).
  /// Polled, not checked once: right after `docker run -d` an entrypoint may still be starting,
  /// or may not yet have ended.
  func waitForKeepAlive(log: (String) -> Void) throws {
    let deadline = Date().addingTimeInterval(Self.keepAliveWait)
    while true {
      // `docker top` needs the pid column; the command is the last one.
      let top = try docker.capture(["top", id, "-eo", "pid,comm"])
      if top.succeeded, top.stdout.split(separator: "\n").dropFirst().contains(where: { $0.split(separator: " ").last == "cat" }) {
        return
      }
      let state = try docker.capture(["inspect", "-f", "{{.State.Running}} {{.State.ExitCode}}", id])
      if state.succeeded, state.stdout.hasPrefix("false") {
        let logs = (try? docker.capture(["logs", "--tail", "20", id])).map { ($0.stdout + $0.stderr).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        stop()
        throw DockerError(
          "the container of image '\(spec.image)' stopped right after it started (exit code \(state.stdout.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? "?")): its ENTRYPOINT does not run the command it is given, as Jenkins requires. Add args '--entrypoint=' to the agent to disable it\(logs.isEmpty ? "" : ". Container output: \(logs)")")
      }
      if Date() >= deadline {
        log(
          "WARNING: the container of image '\(spec.image)' started but did not run the command it was given ('cat'): check that its ENTRYPOINT runs the command passed to 'docker run', or add args '--entrypoint=' to the agent.")
        return
      }
      usleep(50_000)
    }
  }

  init(id: String, spec: ContainerSpec, docker: DockerCLI, scratchDirectory: String) {
    self.id = id
    self.spec = spec
    self.docker = docker
    self.scratchDirectory = scratchDirectory
  }

  public func run(
    _ command: ProcessSpec, cancellation: CancellationScope?, output: (CarsonExec.OutputStream, UnsafeRawBufferPointer) -> Void
  ) throws -> ProcessExit {
    guard spec.shim != nil else { return try runWithExec(command, cancellation: cancellation, output: output) }
    let session = try takeSession()
    defer { giveBack(session) }
    return try session.run(command, cancellation: cancellation, output: output)
  }

  private func takeSession() throws -> ShimSession {
    lock.lock()
    if stopped {
      lock.unlock()
      throw DockerError("the container \(id.prefix(12)) has been stopped")
    }
    if let session = idleSessions.popLast() {
      lock.unlock()
      return session
    }
    lock.unlock()
    return try ShimSession(docker: docker, container: id, shimPath: ContainerSpec.shimMountPoint)
  }

  private func giveBack(_ session: ShimSession) {
    lock.lock()
    if session.healthy && !stopped {
      idleSessions.append(session)
      lock.unlock()
    } else {
      lock.unlock()
      session.close()
    }
  }

  /// Without the shell server: one `docker exec` per command, the environment in a private
  /// env file (never on the command line, where `ps` would show it).
  private func runWithExec(
    _ command: ProcessSpec, cancellation: CancellationScope?, output: (CarsonExec.OutputStream, UnsafeRawBufferPointer) -> Void
  ) throws -> ProcessExit {
    let envFile = scratchDirectory + "/env-\(UUID().uuidString)"
    let lines = command.environment.filter { !$0.value.contains("\n") }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
    guard FileManager.default.createFile(atPath: envFile, contents: Data(lines.utf8), attributes: [.posixPermissions: 0o600]) else {
      throw DockerError("cannot write \(envFile)")
    }
    defer { try? FileManager.default.removeItem(atPath: envFile) }
    // `docker exec` has no way to merge the streams; a shell in between does it.
    let program = command.mergeStandardError ? ["/bin/sh", "-c", "exec \"$@\" 2>&1", "sh"] + command.arguments : command.arguments
    let arguments = ["exec", "--env-file", envFile, "-w", command.workingDirectory, id] + program
    return try docker.stream(arguments, cancellation: cancellation, output: output)
  }

  /// Leaves the container running for someone to look into (`--keep-failed-containers`):
  /// closes the shell-server sessions and lets go of it; `carson cleanup` removes it later.
  public func keep() {
    for session in detach() { session.close() }
  }

  /// Stops and removes the container (and closes the shell-server sessions).
  public func stop() {
    let sessions = detach()
    _ = try? docker.capture(["rm", "-f", id])
    for session in sessions { session.close() }
  }

  /// Marks the container out of use and hands over its idle sessions.
  private func detach() -> [ShimSession] {
    lock.lock()
    defer { lock.unlock() }
    stopped = true
    let sessions = idleSessions
    idleSessions = []
    return sessions
  }
}
