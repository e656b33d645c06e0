/// `carson completion SHELL`: prints a completion script for bash, zsh or fish, generated from
/// the same `CommandSpec`s the parser checks argv against, so a new command or option completes
/// without anyone keeping a second list.
enum CompletionCommand {
  static let spec = CommandSpec(
    name: "completion",
    summary: "Print a shell completion script (bash, zsh or fish).",
    usage: "SHELL",
    options: [],
    positionals: [("SHELL", "bash, zsh or fish.")],
    maxPositionals: 1,
    positionalValues: CompletionScript.Shell.allCases.map(\.rawValue),
    discussion: """
      The script completes command names, options, the values of options that take one of a
      fixed list, and file names. Install it where the shell looks for completions, e.g.
        carson completion bash > /etc/bash_completion.d/carson
        carson completion zsh > ~/.zfunc/_carson     (with fpath+=(~/.zfunc) before compinit)
        carson completion fish > ~/.config/fish/completions/carson.fish
      See docs/cli.md. Exit status: 0 printed, 64 usage error.
      """)

  static func run(_ arguments: ParsedArguments, _ io: CommandIO) -> ExitCode {
    let choices = CompletionScript.Shell.allCases.map(\.rawValue).joined(separator: ", ")
    guard let name = arguments.positionals.first else {
      return usage("missing argument SHELL; expected one of: \(choices)", io)
    }
    guard let shell = CompletionScript.Shell(rawValue: name) else {
      return usage("unknown shell '\(name)'; expected one of: \(choices)", io)
    }
    io.stdout.write(CompletionScript.script(for: shell, commands: CarsonCommand.commands.map(\.spec)))
    return .success
  }

  private static func usage(_ message: String, _ io: CommandIO) -> ExitCode {
    _ = CarsonCommand.usageError(.invalid(message, command: spec.name), io: io)
    return .usage
  }
}

/// The completion scripts, one generator per shell (`CompletionScript+Bash.swift`, …), all
/// reading the `Entry` list built here from the command specs.
enum CompletionScript {
  enum Shell: String, CaseIterable, Sendable {
    case bash, zsh, fish
  }

  static func script(for shell: Shell, commands: [CommandSpec]) -> String {
    let entries = self.entries(commands)
    switch shell {
    case .bash: return bash(entries)
    case .zsh: return zsh(entries)
    case .fish: return fish(entries)
    }
  }

  /// What a shell offers in one place: fixed words, file names, or both (`--input`
  /// takes `approve|abort|FILE`).
  struct Values: Equatable {
    enum Files { case any, directories }
    var words: [String] = []
    var files: Files?

    /// From an option's `allowed:` list, else from its placeholder: FILE and PATH mean file
    /// names, DIR directories, lower-case alternatives (`approve|abort|FILE`) literal words;
    /// anything else (`NAME=VALUE`) is free text with nothing to offer.
    init(option: OptionSpec) {
      if let allowed = option.allowedValues {
        words = allowed
        return
      }
      for part in (option.valueName ?? "").split(separator: "|").map(String.init) {
        switch part {
        case "FILE", "PATH": files = .any
        case "DIR": files = files ?? .directories
        default: if part == part.lowercased() && !part.isEmpty { words.append(part) }
        }
      }
    }

    init(words: [String] = [], files: Files? = nil) {
      self.words = words
      self.files = files
    }
  }

  /// One command as the scripts see it: its options (with `--help`) and what its positional
  /// arguments complete to.
  struct Entry {
    var name: String
    var summary: String
    var options: [OptionSpec]
    /// The placeholder (`PATH`), and what it completes to; nil when the command takes none.
    var positionalName = ""
    var positionals: Values?
  }

  static let helpOption = OptionSpec(["--help", "-h"], help: "Show help information.")
  static let topLevelOptions = [OptionSpec(["--version"], help: "Show the version."), helpOption]

  /// The specs' commands plus `help COMMAND`, in the order the overview lists them.
  static func entries(_ commands: [CommandSpec]) -> [Entry] {
    var entries = commands.map { spec in
      let positionals = spec.positionalValues.map { Values(words: $0) } ?? Values(files: .any)
      return Entry(
        name: spec.name, summary: spec.summary, options: spec.options + [helpOption],
        positionalName: spec.positionals.first?.name ?? "ARGUMENT",
        positionals: spec.maxPositionals == 0 ? nil : positionals)
    }
    entries.append(
      Entry(
        name: "help", summary: "Show help for a command.", options: [], positionalName: "COMMAND",
        positionals: Values(words: commands.map(\.name))))
    return entries
  }

  // MARK: - Quoting

  /// `word` as one POSIX shell word (bash and zsh): bare when it is plainly safe, else in
  /// single quotes.
  static func shellQuote(_ word: String) -> String {
    if !word.isEmpty && word.allSatisfy(isSafe) { return word }
    return "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
  }

  /// `word` as one fish word: inside fish's single quotes only `\` and `'` are special.
  static func fishQuote(_ word: String) -> String {
    if !word.isEmpty && word.allSatisfy(isSafe) { return word }
    return "'" + word.replacingOccurrences(of: #"\"#, with: #"\\"#).replacingOccurrences(of: "'", with: #"\'"#) + "'"
  }

  static func isSafe(_ c: Character) -> Bool {
    c.isASCII && (c.isLetter || c.isNumber || "-_./@+,".contains(c))
  }
}
