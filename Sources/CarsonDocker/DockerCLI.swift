import CarsonExec
import Foundation

/// A problem with Docker: no `docker` program, no engine, a missing image, a failed build.
public struct DockerError: Error, CustomStringConvertible, Sendable {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// What a `docker` command printed, for commands whose output Carson reads.
public struct DockerOutput: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String
  public var succeeded: Bool { status == 0 }
  /// The first line of stderr, for error messages.
  public var reason: String {
    let text = stderr.trimmingCharacters(in: .whitespacesAndNewlines)
    return text.isEmpty ? "exit status \(status)" : text
  }
}

/// Carson talks to the engine through the `docker` command-line client, started by the one
/// process runner (docs/architecture.md says why and what it costs). Arguments are argv arrays;
/// nothing secret is ever an argument (passwords go through stdin, step environments through
/// the shell server or a private env file).
public struct DockerCLI: Sendable {
  public let executable: String
  /// The client's environment: the machine's (DOCKER_HOST, …), plus DOCKER_CONFIG while a
  /// registry login is active.
  public var environment: [String: String]

  public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
    guard let path = ProcessRunner.resolve("docker", path: environment["PATH"]) else {
      throw DockerError("the docker command is not installed (it is needed for agent { docker … }; on Debian: apt-get install docker.io)")
    }
    self.executable = path
    self.environment = environment
  }

  func spec(_ arguments: [String]) -> ProcessSpec {
    ProcessSpec(arguments: [executable] + arguments, environment: environment, workingDirectory: "/")
  }

  /// Runs a docker command and collects what it prints.
  public func capture(_ arguments: [String], cancellation: CancellationScope? = nil) throws -> DockerOutput {
    let result = try ProcessRunner.capture([executable] + arguments, environment: environment, cancellation: cancellation)
    return DockerOutput(status: result.exit.status, stdout: result.stdout, stderr: result.stderr)
  }

  /// Runs a docker command whose output goes to the build log (pull, build).
  public func stream(
    _ arguments: [String], cancellation: CancellationScope?, output: (CarsonExec.OutputStream, UnsafeRawBufferPointer) -> Void
  ) throws -> ProcessExit {
    try ProcessRunner.run(spec(arguments), cancellation: cancellation, output: output)
  }

  /// A command line for the log, with arguments that hold spaces or quotes quoted.
  public static func display(_ arguments: [String]) -> String {
    arguments.map { word in
      word.isEmpty || word.contains(where: { " \t\"'$\\".contains($0) }) ? "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" : word
    }.joined(separator: " ")
  }

  /// Fails with a clear message when no engine answers (checked before any stage runs).
  public func checkEngine() throws {
    let result = try capture(["version", "--format", "{{.Server.Version}}"])
    guard result.succeeded, !result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
      let host = environment["DOCKER_HOST"].map { " at \($0)" } ?? ""
      throw DockerError("the Docker engine\(host) is not answering: \(result.reason)")
    }
  }
}
