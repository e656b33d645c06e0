import CarsonEngine
import CarsonModel
import CarsonReport
import CarsonSyntax
import Foundation

/// `carson run`: runs a declarative Jenkinsfile on this machine.
enum RunCommand {
  static let spec = CommandSpec(
    name: "run",
    summary: "Run a declarative Jenkinsfile on this machine, with Jenkins' semantics.",
    usage: "[options] [JENKINSFILE]",
    options: [
      OptionSpec(["--arg", "-a"], value: "NAME=VALUE", repeatable: true, help: "A build parameter (typed by the parameters block; defaults apply)."),
      OptionSpec(["--env"], value: "NAME=VALUE", repeatable: true, help: "An environment variable of the build."),
      OptionSpec(["--env-file"], value: "FILE", repeatable: true, help: "Environment variables from a file of NAME=VALUE lines."),
      OptionSpec(["--workspace", "-w"], value: "DIR", help: "Where to run (default: the Jenkinsfile's directory)."),
      OptionSpec(["--branch"], value: "NAME", help: "BRANCH_NAME (drives when { branch })."),
      OptionSpec(["--tag"], value: "NAME", help: "TAG_NAME (drives when { tag } and buildingTag())."),
      OptionSpec(["--change-id"], value: "N", help: "CHANGE_ID of a change request."),
      OptionSpec(["--change-target"], value: "BRANCH", help: "CHANGE_TARGET of a change request."),
      OptionSpec(["--build-number"], value: "N", help: "BUILD_NUMBER (default: one more than the job's previous run)."),
      OptionSpec(["--job-name"], value: "NAME", help: "JOB_NAME, and the job whose previous result changed/fixed/regression compare with (default: the workspace's name)."),
      OptionSpec(["--credentials"], value: "FILE", help: "Credentials by id, a JSON file (docs/credentials.md)."),
      OptionSpec(["--stage"], value: "NAME", repeatable: true, help: "Run only this stage (and what contains it); others are reported as skipped."),
      OptionSpec(["--skip-stage"], value: "NAME", repeatable: true, help: "Skip this stage (and what it contains)."),
      OptionSpec(["--from-stage"], value: "NAME", help: "Skip the stages written before this one (not those containing it)."),
      OptionSpec(["--input"], value: "approve|abort|FILE", help: "Answers for input steps (default: ask on a terminal, abort otherwise)."),
      OptionSpec(["--log-format"], value: "FORMAT", allowed: LogFormat.allCases.map(\.rawValue), help: "console (default on a terminal), plain, jenkins or json."),
      OptionSpec(["--events"], value: "FILE", help: "Also write the event stream as JSON lines to FILE."),
      OptionSpec(["--dry-run"], help: "Execute nothing: show what would run or be skipped, and why."),
      OptionSpec(["--mock"], value: "PATTERN=OUTPUT", repeatable: true, help: "In a dry run, sh scripts matching PATTERN return OUTPUT."),
      OptionSpec(["--agents"], value: "FILE", help: "Labelled agents to emulate, a JSON file (docs/cli.md)."),
      OptionSpec(["--tools"], value: "FILE", help: "Tool installations (maven, jdk, …) by name, a JSON file (docs/cli.md)."),
      OptionSpec(["--library"], value: "NAME[@VERSION]=PATH_OR_URL", repeatable: true, help: "A shared library: a directory or a git URL (docs/libraries.md)."),
      OptionSpec(["--libraries"], value: "FILE", help: "Shared libraries, a JSON file (docs/libraries.md)."),
      OptionSpec(["--artifacts"], value: "DIR", help: "Where archiveArtifacts copies to (default: .carson/artifacts/JOB/BUILD)."),
      OptionSpec(["--state-dir"], value: "DIR", help: "Where previous results and build numbers are kept (default: $XDG_STATE_HOME/carson or ~/.local/state/carson)."),
      OptionSpec(["--no-shim"], help: "Run each step in a Docker agent with its own docker exec, without Carson's shell server."),
      OptionSpec(["--keep-failed-containers"], help: "Leave the Docker container of failed steps running to look into ('carson cleanup' removes it)."),
      OptionSpec(["--cause"], value: "CAUSE", help: "Why the build started, for when { triggeredBy }: user[:NAME] (default), timer or scm."),
      OptionSpec(["--repo"], value: "URL", help: "Clone this git repository into the workspace and run its Jenkinsfile (docs/git.md)."),
      OptionSpec(["--ref"], value: "REF", help: "With --repo: the branch, tag or commit to build (default: the remote's default branch)."),
      OptionSpec(["--merge-request"], value: "IID", help: "With --repo: build GitLab merge request IID (refs/merge-requests/IID/head)."),
      OptionSpec(["--depth"], value: "N", help: "With --repo: fetch only the one ref (libgit2 1.5 cannot make shallow clones)."),
      OptionSpec(["--jenkinsfile"], value: "PATH", help: "With --repo: the Jenkinsfile's path in the repository (default: Jenkinsfile)."),
      OptionSpec(["--git-credentials"], value: "ID", help: "With --repo: the credentials (from --credentials) to clone with (default: GITLAB_TOKEN for HTTPS)."),
      OptionSpec(["--git-known-hosts"], value: "FILE", repeatable: true, help: "known_hosts files for SSH remotes (default: ~/.ssh/known_hosts, /etc/ssh/ssh_known_hosts)."),
      OptionSpec(["--git-insecure-host-keys"], help: "Accept any SSH host key (throw-away test servers only)."),
    ] + gitlabOptions,
    positionals: [("JENKINSFILE", "The Jenkinsfile to run (default: ./Jenkinsfile).")],
    maxPositionals: 1,
    discussion: """
      Exit status: 0 SUCCESS, 1 UNSTABLE, 2 FAILURE (also: the Jenkinsfile is invalid), 3 NOT_BUILT,
      4 ABORTED, 64 usage error, 66 a file could not be read.
      """)

  static func run(_ arguments: ParsedArguments, _ io: CommandIO) -> ExitCode {
    do {
      return try execute(arguments, io)
    } catch let error as UsageError {
      _ = CarsonCommand.usageError(error, io: io)
      return .usage
    } catch let error as RunSetupError {
      io.stderr.write("carson: error: \(error.message)\n")
      return .failure
    } catch let error as FileError {
      io.stderr.write("carson: error: \(error.message)\n")
      return .noInput
    } catch {
      io.stderr.write("carson: error: \(error)\n")
      return .failure
    }
  }

  struct FileError: Error {
    var message: String
  }

  static func readFile(_ path: String, _ io: CommandIO) throws -> [UInt8] {
    let absolute = path.hasPrefix("/") ? path : io.currentDirectory + "/" + path
    guard let data = FileManager.default.contents(atPath: absolute) else { throw FileError(message: "\(path): cannot be read") }
    return Array(data)
  }

  static func readJSON(_ path: String, _ io: CommandIO) throws -> JSONValue {
    do {
      return try JSONValue.parse(try readFile(path, io))
    } catch let error as JSONParseError {
      throw RunSetupError("\(path): not valid JSON: \(error)")
    }
  }

  static func pairs(_ values: [String], option: String) throws -> [(String, String)] {
    try values.map { value in
      guard let eq = value.firstIndex(of: "="), eq != value.startIndex else {
        throw UsageError.invalid("\(option) expects NAME=VALUE, got '\(value)'", command: "run")
      }
      return (String(value[..<eq]), String(value[value.index(after: eq)...]))
    }
  }

  static func execute(_ arguments: ParsedArguments, _ io: CommandIO) throws -> ExitCode {
    if arguments.value("--repo") != nil, let given = arguments.positionals.first {
      throw UsageError.invalid("with --repo the Jenkinsfile comes from the repository; give its path there with --jenkinsfile, not '\(given)'", command: "run")
    }
    var options = try runOptions(arguments, jenkinsfile: clonesRepository(arguments) ? nil : arguments.positionals.first ?? "Jenkinsfile", io)
    var path = arguments.positionals.first ?? "Jenkinsfile"
    if options.repository != nil {
      path = try SourceRepository.prepare(&options) { io.stderr.write("carson: \($0)\n") }
    }
    let bytes = try readFile(path, io)
    let lint = Linter.check(SourceFile(path: path, bytes: bytes))
    guard lint.kind == .declarative, !lint.hasErrors else {
      io.stderr.write(DiagnosticRendering.text([lint]))
      if lint.kind != .declarative { io.stderr.write("carson: error: \(path) is not a Declarative Pipeline; carson run executes declarative pipelines\n") }
      return .failure
    }
    let terminal = isatty(STDOUT_FILENO) != 0
    let format = arguments.value("--log-format").flatMap(LogFormat.init(rawValue:)) ?? (terminal ? .console : .plain)
    let stdout = StandardOutput(io.stdout)
    var sinks: [EventSink] = []
    switch format {
    case .console: sinks.append(ConsoleRenderer(stdout, color: terminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil))
    case .plain: sinks.append(PlainRenderer(stdout, live: terminal))
    case .jenkins: sinks.append(JenkinsLogRenderer(stdout, live: terminal))
    case .json: sinks.append(JSONLinesRenderer(stdout, live: terminal))
    }
    if let eventsPath = arguments.value("--events") {
      let absolute = eventsPath.hasPrefix("/") ? eventsPath : io.currentDirectory + "/" + eventsPath
      guard FileManager.default.createFile(atPath: absolute, contents: nil), let handle = FileHandle(forWritingAtPath: absolute) else {
        throw FileError(message: "\(eventsPath): cannot be written")
      }
      sinks.append(JSONLinesRenderer(FileDescriptorOutput(handle)))
    }
    let run = try PipelineRun(lint: lint, options: options, sinks: sinks)
    // First interrupt: abort (post runs). Second: stop post too. Third: leave at once.
    let signals = SignalHandler { count in
      switch count {
      case 1: run.abort()
      case 2: run.stopNow()
      default:
        run.removeContainersNow()
        exit(BuildResult.aborted.exitCode)
      }
    }
    defer { signals.cancel() }
    let result = run.run()
    return ExitCode(rawValue: result.exitCode) ?? .failure
  }

  /// `{"maven": {"apache-maven-3.9": "/opt/maven"}, "jdk": {…}}`.
  static func loadTools(_ json: JSONValue) throws -> [String: [String: String]] {
    guard let types = json.objectValue else { throw RunSetupError("a tools file must hold a JSON object: {\"maven\": {\"name\": \"/home/dir\"}}") }
    var tools: [String: [String: String]] = [:]
    for (type, installations) in types {
      for (name, home) in installations.objectValue ?? [] { tools[type, default: [:]][name] = home.stringValue ?? "" }
    }
    return tools
  }
}

/// Adapts the command's output to the renderers'.
final class StandardOutput: ReportOutput {
  let output: TextOutput
  init(_ output: TextOutput) { self.output = output }
  func write(_ text: String) { output.write(text) }
}

