/// The `carson` command tree. `carson` itself is a few lines that call `CarsonCommand.main`.
public enum CarsonCommand {
  public static let version = "0.1.0"

  static let commands: [(spec: CommandSpec, run: @Sendable (ParsedArguments, CommandIO) -> ExitCode)] = [
    (LintCommand.spec, LintCommand.run),
    (RunCommand.spec, RunCommand.run),
    (ParseCommand.spec, ParseCommand.run),
    (FormatCommand.spec, FormatCommand.run),
    (CleanupCommand.spec, CleanupCommand.run),
    (LSPCommand.spec, LSPCommand.run),
    (ServeValidateCommand.spec, ServeValidateCommand.run),
    (CompletionCommand.spec, CompletionCommand.run),
  ]

  static var overview: String {
    var out = """
      OVERVIEW: Carson runs and checks Jenkins declarative pipelines (Jenkinsfiles) without a Jenkins server.

      USAGE: carson <command> [options]

      COMMANDS:

      """
    for (spec, _) in commands { out += ArgumentParser.formatRow(spec.name, spec.summary) }
    out += ArgumentParser.formatRow("help", "Show help for a command.")
    out += """

      OPTIONS:
        --version             Show the version.
        -h, --help            Show help information.

      See 'carson help <command>' for a command's options.

      """
    return out
  }

  /// Runs `carson` with `arguments` (without the program name) and returns the exit code.
  public static func main(_ arguments: [String], io: CommandIO) -> Int32 {
    guard let first = arguments.first else {
      io.stderr.write(overview)
      return ExitCode.usage.rawValue
    }
    switch first {
    case "--version", "version":
      io.stdout.write("carson \(version)\n")
      return 0
    case "-h", "--help":
      io.stdout.write(overview)
      return 0
    case "help":
      guard arguments.count > 1 else {
        io.stdout.write(overview)
        return 0
      }
      guard let command = commands.first(where: { $0.spec.name == arguments[1] }) else {
        return usageError(.unknownCommand(arguments[1], suggestion: suggestion(arguments[1])), io: io)
      }
      io.stdout.write(ArgumentParser.help(for: command.spec))
      return 0
    default:
      break
    }
    guard let command = commands.first(where: { $0.spec.name == first }) else {
      if first.hasPrefix("-") {
        return usageError(.unknownOption(first, command: "", suggestion: ArgumentParser.suggestion(for: first, in: ["--help", "--version"])), io: io)
      }
      return usageError(.unknownCommand(first, suggestion: suggestion(first)), io: io)
    }
    do {
      let parsed = try ArgumentParser.parse(Array(arguments.dropFirst()), for: command.spec)
      if parsed.wantsHelp {
        io.stdout.write(ArgumentParser.help(for: command.spec))
        return 0
      }
      return command.run(parsed, io).rawValue
    } catch {
      return usageError(error, io: io)
    }
  }

  static func suggestion(_ name: String) -> String? {
    ArgumentParser.suggestion(for: name, in: commands.map(\.spec.name) + ["help", "version"])
  }

  static func usageError(_ error: UsageError, io: CommandIO) -> Int32 {
    io.stderr.write("carson: error: \(error.message)\n")
    if let command = error.command, !command.isEmpty {
      io.stderr.write("See 'carson \(command) --help'.\n")
    } else {
      io.stderr.write("See 'carson --help'.\n")
    }
    return ExitCode.usage.rawValue
  }
}
