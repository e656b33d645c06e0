import CarsonModel
import CarsonSyntax

/// What Jenkins' `ModelConverterAction` (pipeline-model-definition, the
/// `/pipeline-model-converter/*` endpoints) answers for a Jenkinsfile, built from Carson's
/// diagnostics. Byte-for-byte where editor plugins parse it: they look for the success line and
/// read `WorkflowScript: L: MESSAGE @ line L, column C.` lines.
enum ConverterAnswers {
  /// The problems Jenkins would report: errors only (Jenkins has no warnings), without Carson's
  /// "no pipeline" diagnostic, which Jenkins words differently (`noPipelineMessage`).
  static func errors(_ result: LintResult) -> [Diagnostic] {
    result.diagnostics.filter { $0.severity == .error && $0.id != .notDeclarative }
  }

  static func noPipelineMessage(_ content: String) -> String {
    "Jenkinsfile content '\(content)' did not contain the 'pipeline' step"
  }

  // MARK: /validate (text)

  /// `doValidate`: the lines Jenkins joins with "\n" (so no newline after the last one).
  static func validateText(_ result: LintResult, content: String) -> String {
    let errors = errors(result)
    if errors.isEmpty {
      return result.kind == .declarative ? "Jenkinsfile successfully validated." : noPipelineMessage(content)
    }
    return (["Errors encountered validating Jenkinsfile:"] + errors.map { syntaxErrorMessage($0, in: result.source) })
      .joined(separator: "\n")
  }

  /// Groovy's `SyntaxErrorMessage.write`: `WorkflowScript: L: MESSAGE @ line L, column C.`, then
  /// the source line and a caret under the column, each indented by three spaces, then a newline.
  static func syntaxErrorMessage(_ diagnostic: Diagnostic, in source: SourceFile) -> String {
    let at = source.location(of: diagnostic.range.start)
    var text = "WorkflowScript: \(at.line): \(exceptionMessage(diagnostic, in: source))"
    if let sample = sample(source, line: at.line, column: at.column) {
      text += "\n" + sample + "\n"
    }
    return text
  }

  /// Groovy's `SyntaxException.getMessage()`: the message with its position appended.
  static func exceptionMessage(_ diagnostic: Diagnostic, in source: SourceFile) -> String {
    let at = source.location(of: diagnostic.range.start)
    return "\(diagnostic.message) @ line \(at.line), column \(at.column)."
  }

  /// Groovy's `SourceUnit.getSample`: past column 40 only the 30 characters before the column and
  /// the 9 after it are shown, with the caret moved to match. Nil where Groovy gives no sample
  /// (a column beyond the end of a long line).
  static func sample(_ source: SourceFile, line: Int, column: Int) -> String? {
    guard line >= 1, line <= source.lines.starts.count else { return nil }
    let lineStart = Int(source.lines.starts[line - 1])
    var lineEnd = lineStart
    while lineEnd < source.bytes.count, source.bytes[lineEnd] != 0x0A, source.bytes[lineEnd] != 0x0D { lineEnd += 1 }
    let text = Array(String(decoding: source.bytes[lineStart..<lineEnd], as: UTF8.self).unicodeScalars)
    let marker = String(repeating: " ", count: max(0, column - 1)) + "^"
    guard column > 40 else { return "   " + String(String.UnicodeScalarView(text)) + "\n   " + marker }
    let start = column - 31
    let end = min(text.count, column + 9)
    guard start < text.count, start <= end else { return nil }
    return "   " + String(String.UnicodeScalarView(text[start..<end])) + "\n   " + String(marker.dropFirst(start))
  }

  // MARK: JSON endpoints

  /// `HttpResponses.okJSON`: every answer is `{"status":"ok","data":…}`, failures included.
  static func okJSON(_ data: [(String, JSONValue)]) -> String {
    JSONValue.object([("status", .string("ok")), ("data", .object(data))]).compact
  }

  /// `reportFailure` with one message.
  static func failure(_ message: String) -> String {
    okJSON([("result", .string("failure")), ("errors", .array([.object([("error", .string(message))])]))])
  }

  /// `reportFailure` for a compilation failure: one object whose `error` is the message, or the
  /// array of messages when there are several (json-lib's `accumulate`).
  static func failure(_ errors: [Diagnostic], in source: SourceFile) -> String {
    let messages = errors.map { JSONValue.string(exceptionMessage($0, in: source)) }
    let error = messages.count == 1 ? messages[0] : .array(messages)
    return okJSON([("result", .string("failure")), ("errors", .array([.object([("error", error)])]))])
  }

  /// `doValidateJenkinsfile` (`includeJSON` false) and `doToJson` (true).
  static func jenkinsfileJSON(_ result: LintResult, content: String, includeJSON: Bool) -> String {
    let errors = errors(result)
    guard errors.isEmpty else { return failure(errors, in: result.source) }
    guard let pipeline = result.pipeline, result.kind == .declarative else { return failure(noPipelineMessage(content)) }
    var data: [(String, JSONValue)] = [("result", .string("success"))]
    if includeJSON { data.append(("json", JenkinsJSON.document(for: pipeline))) }
    return okJSON(data)
  }
}
