import CarsonModel
import CarsonSyntax

/// `carson parse`: prints a Jenkinsfile's pipeline in Jenkins' JSON form.
enum ParseCommand {
  static let spec = CommandSpec(
    name: "parse",
    summary: "Print a Jenkinsfile's pipeline in Jenkins' JSON form.",
    usage: "--format jenkins-json [FILE]",
    options: [
      OptionSpec(["--format", "-f"], value: "FORMAT", allowed: ["jenkins-json"], help: "Output format: jenkins-json (the pipeline-model-converter form)."),
    ],
    positionals: [("FILE", "The Jenkinsfile (default: ./Jenkinsfile; '-' reads standard input).")],
    maxPositionals: 1,
    discussion: """
      Exit status: 0 printed, 1 the file has errors (they are printed instead, as by 'lint'),
      64 usage error, 66 the file could not be read.
      """)

  static func run(_ arguments: ParsedArguments, _ io: CommandIO) -> ExitCode {
    let (inputs, failures) = InputFiles.collect(arguments.positionals, io: io)
    for failure in failures {
      io.stderr.write("carson: error: \(failure.path): \(failure.reason)\n")
    }
    guard failures.isEmpty, let input = inputs.first else { return .noInput }
    let result = Linter.check(SourceFile(path: input.displayPath, bytes: input.bytes))
    guard !result.hasErrors, let pipeline = result.pipeline else {
      io.stderr.write(DiagnosticRendering.text([result]))
      return .problemsFound
    }
    io.stdout.write(JenkinsJSON.document(for: pipeline).pretty + "\n")
    return .success
  }
}
