import CarsonLSP

/// `carson lsp`: the language server on standard input and output (docs/editors.md).
enum LSPCommand {
  static let spec = CommandSpec(
    name: "lsp",
    summary: "Run the language server (Language Server Protocol over standard input and output).",
    usage: "",
    options: [],
    positionals: [],
    maxPositionals: 0,
    discussion: """
      Editors start this command and talk to it over stdin/stdout; it is not meant to be run by
      hand. Diagnostics are those of 'carson lint' (same ids and messages); hover and completion
      come from the catalogue in docs/steps.md. See docs/editors.md for editor set-up.
      Exit status: 0 after the client's shutdown and exit, 1 when input ends without them.
      """)

  static func run(_ arguments: ParsedArguments, _ io: CommandIO) -> ExitCode {
    var configuration = LanguageServer.Configuration()
    configuration.serverVersion = CarsonCommand.version
    return StdioTransport.run(configuration: configuration) == 0 ? .success : .problemsFound
  }
}
