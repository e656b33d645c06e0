import CarsonModel
import CarsonSyntax
import Dispatch

/// `carson lint`: checks files and reports every problem, in the chosen format.
enum LintCommand {
  static let formats = ["text", "json", "gcc", "jenkins", "sarif", "codequality"]

  static let spec = CommandSpec(
    name: "lint",
    summary: "Check Jenkinsfiles and report problems with Jenkins' own messages.",
    usage: "[--format FORMAT] [--strict] [--tool TYPE=NAME ...] [PATH ...]",
    options: [
      OptionSpec(["--format", "-f"], value: "FORMAT", allowed: formats, help: "Output format: text (default), json, gcc, jenkins, sarif or codequality (GitLab)."),
      OptionSpec(["--strict"], help: "Also warn about unknown steps; warnings then fail the check."),
      ToolOption.spec,
    ],
    positionals: [
      ("PATH", "Files or directories to check (default: ./Jenkinsfile; '-' reads standard input)."),
    ],
    discussion: """
      A directory means every Jenkinsfile*, *.jenkinsfile and *.groovy file below it.
      Exit status: 0 no errors, 1 errors found (or warnings with --strict), 64 usage error,
      66 a path could not be read.
      """)

  static func run(_ arguments: ParsedArguments, _ io: CommandIO) -> ExitCode {
    let format = arguments.value("--format") ?? "text"
    let strict = arguments.flag("--strict")
    let installedTools: [String: [String]]?
    do throws(ToolOption.InvalidValue) {
      installedTools = try ToolOption.parse(arguments.all("--tool"))
    } catch {
      io.stderr.write(error.usageText(command: "lint"))
      return .usage
    }
    let options = ValidationOptions(strict: strict, installedTools: installedTools)
    let (inputs, failures) = InputFiles.collect(arguments.positionals, io: io)
    for failure in failures {
      io.stderr.write("carson: error: \(failure.path): \(failure.reason)\n")
    }
    let results = checkAll(inputs, options: options)
    let output: String
    switch format {
    case "json": output = DiagnosticRendering.json(results)
    case "gcc": output = DiagnosticRendering.gcc(results)
    case "jenkins": output = DiagnosticRendering.jenkins(results, strict: strict)
    case "sarif": output = DiagnosticRendering.sarif(results)
    case "codequality": output = DiagnosticRendering.codeQuality(results)
    default: output = DiagnosticRendering.text(results)
    }
    io.stdout.write(output)
    if !failures.isEmpty { return .noInput }
    let failed = results.contains { result in
      result.diagnostics.contains { $0.severity == .error || (strict && $0.severity == .warning) }
    }
    return failed ? .problemsFound : .success
  }

  /// Checks the files on every core (checking is pure), results in the order of `inputs`.
  static func checkAll(_ inputs: [InputFile], options: ValidationOptions) -> [LintResult] {
    let check: @Sendable (InputFile) -> LintResult = { input in Linter.check(SourceFile(path: input.displayPath, bytes: input.bytes), options: options) }
    guard inputs.count > 1 else { return inputs.map(check) }
    var slots = [LintResult?](repeating: nil, count: inputs.count)
    slots.withUnsafeMutableBufferPointer { buffer in
      // Each iteration writes its own slot only.
      nonisolated(unsafe) let results = buffer
      DispatchQueue.concurrentPerform(iterations: inputs.count) { index in results[index] = check(inputs[index]) }
    }
    return slots.map { $0! }
  }
}
