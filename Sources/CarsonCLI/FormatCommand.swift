import CarsonFormat
import CarsonSyntax
import Foundation

/// `carson fmt`: rewrites Jenkinsfiles in the canonical layout (docs/formatting.md), or with
/// `--check` lists the files that are not in it. A file with syntax errors is never rewritten.
enum FormatCommand {
  static let spec = CommandSpec(
    name: "fmt",
    summary: "Format Jenkinsfiles in Carson's canonical layout.",
    usage: "[--check] [PATH ...]",
    options: [
      OptionSpec(["--check"], help: "Rewrite nothing; list the files whose layout would change."),
    ],
    positionals: [("PATH", "Files or directories to format (default: ./Jenkinsfile; '-' formats standard input to standard output).")],
    discussion: """
      Files are rewritten in place. A directory means every Jenkinsfile*, *.jenkinsfile and
      *.groovy file below it. A file with syntax errors is reported and left as it is.
      Exit status: 0 done (with --check: nothing would change), 1 with --check: some file would
      change, 2 a file has syntax errors, 64 usage error, 66 a path could not be read.
      """)

  static func run(_ arguments: ParsedArguments, _ io: CommandIO) -> ExitCode {
    let check = arguments.flag("--check")
    let (inputs, failures) = InputFiles.collect(arguments.positionals, io: io)
    for failure in failures {
      io.stderr.write("carson: error: \(failure.path): \(failure.reason)\n")
    }
    var wouldChange = false
    var syntaxErrors = false
    var writeFailed = false
    for input in inputs {
      let source = SourceFile(path: input.displayPath, bytes: input.bytes)
      guard let formatted = JenkinsfileFormatter.format(source) else {
        syntaxErrors = true
        io.stderr.write(refusal(source))
        continue
      }
      let isStandardInput = input.displayPath == "<stdin>"
      let changed = !formatted.utf8.elementsEqual(input.bytes)
      if check {
        if changed {
          wouldChange = true
          io.stdout.write(input.displayPath + "\n")
        }
      } else if isStandardInput {
        io.stdout.write(formatted)
      } else if changed {
        let path = input.displayPath.hasPrefix("/") ? input.displayPath : io.currentDirectory + "/" + input.displayPath
        do {
          try rewrite(path, with: formatted)
        } catch {
          writeFailed = true
          io.stderr.write("carson: error: \(input.displayPath): cannot be written: \(error.localizedDescription)\n")
        }
      }
    }
    if !failures.isEmpty || writeFailed { return .noInput }
    if syntaxErrors { return .failure }
    return wouldChange ? .problemsFound : .success
  }

  /// `path:line:column: error: message [id]` for each syntax error, then why nothing was written.
  static func refusal(_ source: SourceFile) -> String {
    var out = ""
    for diagnostic in SyntaxTree.parse(source).diagnostics where diagnostic.severity == .error {
      let at = source.location(of: diagnostic.range.start)
      out += "\(source.path):\(at.line):\(at.column): error: \(diagnostic.message) [\(diagnostic.id.rawValue)]\n"
    }
    if out.isEmpty { out = "\(source.path): error: the file is not valid UTF-8\n" }
    return out + "carson: \(source.path) was not formatted: fix the errors above first.\n"
  }

  /// Replaces the file's content, keeping its permissions.
  static func rewrite(_ path: String, with text: String) throws {
    let manager = FileManager.default
    let permissions = (try? manager.attributesOfItem(atPath: path))?[.posixPermissions]
    try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    if let permissions { try manager.setAttributes([.posixPermissions: permissions], ofItemAtPath: path) }
  }
}
