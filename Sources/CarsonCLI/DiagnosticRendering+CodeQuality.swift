import CarsonHashing
import CarsonModel
import CarsonSyntax

/// `--format codequality`: GitLab's Code Quality report (a subset of the Code Climate issue
/// format), for `artifacts: reports: codequality:` so a merge request shows what `carson lint`
/// found in the Jenkinsfiles it changes.
extension DiagnosticRendering {
  /// Errors stop Jenkins from running the file at all; warnings (`--strict`) and notes do not.
  static func codeQualitySeverity(_ severity: Diagnostic.Severity) -> String {
    switch severity {
    case .error: "critical"
    case .warning: "minor"
    case .note: "info"
    }
  }

  static func codeQuality(_ results: [LintResult]) -> String {
    var issues: [JSONValue] = []
    for result in results {
      let path = relativeReportPath(result.source.path)
      // GitLab compares a merge request's issues with its target's by fingerprint, so it leaves
      // out line numbers (an edit above must not make an issue look new); the n-th identical
      // problem of a file gets its own.
      var occurrences: [String: Int] = [:]
      for diagnostic in result.diagnostics {
        let key = [path, diagnostic.id.rawValue, diagnostic.message].joined(separator: "\u{0}")
        let occurrence = occurrences[key, default: 0]
        occurrences[key] = occurrence + 1
        let start = result.source.location(of: diagnostic.range.start)
        let end = result.source.location(of: diagnostic.range.end)
        var lines: [(String, JSONValue)] = [("begin", .integer(Int64(start.line)))]
        if end.line > start.line { lines.append(("end", .integer(Int64(end.line)))) }
        issues.append(
          .object([
            ("description", .string(diagnostic.message)),
            ("check_name", .string(diagnostic.id.rawValue)),
            ("fingerprint", .string(SHA1.hex(Array("\(key)\u{0}\(occurrence)".utf8)))),
            ("severity", .string(codeQualitySeverity(diagnostic.severity))),
            ("location", .object([("path", .string(path)), ("lines", .object(lines))])),
          ]))
      }
    }
    return JSONValue.array(issues).compact + "\n"
  }

  /// GitLab matches report paths against the repository's files: relative, no leading `./`.
  static func relativeReportPath(_ path: String) -> String {
    var relative = path
    while relative.hasPrefix("./") { relative.removeFirst(2) }
    return relative
  }
}
