import CarsonModel
import CarsonSyntax

/// The output formats of `carson lint`, all rendering the same `Diagnostic` values.
enum DiagnosticRendering {
  // MARK: text

  /// `path:line:col: severity: message [id]`, the source line and a caret underline.
  static func text(_ results: [LintResult]) -> String {
    var out = ""
    var errors = 0
    var warnings = 0
    for result in results {
      for diagnostic in result.diagnostics {
        if diagnostic.severity == .error { errors += 1 }
        if diagnostic.severity == .warning { warnings += 1 }
        let start = result.source.location(of: diagnostic.range.start)
        out += "\(result.source.path):\(start.line):\(start.column): \(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.id.rawValue)]\n"
        out += excerpt(result.source, diagnostic.range)
        for note in diagnostic.notes {
          if let range = note.range {
            let at = result.source.location(of: range.start)
            out += "\(result.source.path):\(at.line):\(at.column): note: \(note.message)\n"
          } else {
            out += "  note: \(note.message)\n"
          }
        }
        for fix in diagnostic.fixIts {
          out += "  fix: \(fix.title)\n"
        }
      }
    }
    let files = results.count == 1 ? "1 file" : "\(results.count) files"
    out += "\(files) checked: \(plural(errors, "error")), \(plural(warnings, "warning")).\n"
    return out
  }

  static func plural(_ n: Int, _ word: String) -> String { n == 1 ? "1 \(word)" : "\(n) \(word)s" }

  /// The source line of `range` and a `^~~~` marker under it (tabs kept so columns line up).
  static func excerpt(_ source: SourceFile, _ range: SourceRange) -> String {
    let lineIndex = source.lines.lineIndex(of: min(range.start, UInt32(source.bytes.count)))
    let lineStart = Int(source.lines.starts[lineIndex])
    var lineEnd = lineStart
    while lineEnd < source.bytes.count, source.bytes[lineEnd] != 0x0A, source.bytes[lineEnd] != 0x0D { lineEnd += 1 }
    let line = String(decoding: source.bytes[lineStart..<lineEnd], as: UTF8.self)
    if line.allSatisfy({ $0 == " " || $0 == "\t" }) && range.isEmpty { return "" }
    let startOffset = Int(range.start) - lineStart
    let endOffset = min(Int(range.end), lineEnd) - lineStart
    var marker = ""
    var offset = 0
    for character in line {
      let width = String(character).utf8.count
      if offset >= startOffset { break }
      marker += character == "\t" ? "\t" : " "
      offset += width
    }
    marker += "^"
    offset = startOffset
    var first = true
    for character in line[line.utf8.index(line.startIndex, offsetBy: min(startOffset, line.utf8.count))...] {
      if offset >= endOffset { break }
      if !first { marker += "~" }
      first = false
      offset += String(character).utf8.count
    }
    return "  \(line)\n  \(marker)\n"
  }

  // MARK: gcc

  static func gcc(_ results: [LintResult]) -> String {
    var out = ""
    for result in results {
      for d in result.diagnostics {
        let at = result.source.location(of: d.range.start)
        out += "\(result.source.path):\(at.line):\(at.column): \(d.severity.rawValue): \(d.message)\n"
      }
    }
    return out
  }

  // MARK: jenkins

  /// What Jenkins' own linter (`declarative-linter`, the validate endpoint) prints.
  static func jenkins(_ results: [LintResult], strict: Bool) -> String {
    var out = ""
    for result in results {
      let reported = result.diagnostics.filter { $0.severity == .error || (strict && $0.severity == .warning) }
      if reported.isEmpty {
        out += result.kind == .declarative
          ? "Jenkinsfile successfully validated.\n"
          : "Jenkinsfile content did not contain the 'pipeline' step\n"
        continue
      }
      out += "Errors encountered validating \(result.source.path):\n"
      out += jenkinsErrors(result.source, reported)
    }
    return out
  }

  /// `WorkflowScript: L: message @ line L, column C.` with the source line and a caret, and the
  /// error count, as Groovy's MultipleCompilationErrorsException prints them.
  static func jenkinsErrors(_ source: SourceFile, _ diagnostics: [Diagnostic]) -> String {
    var out = ""
    for d in diagnostics {
      let at = source.location(of: d.range.start)
      out += "WorkflowScript: \(at.line): \(d.message) @ line \(at.line), column \(at.column).\n"
      let lineStart = Int(source.lines.starts[at.line - 1])
      var lineEnd = lineStart
      while lineEnd < source.bytes.count, source.bytes[lineEnd] != 0x0A, source.bytes[lineEnd] != 0x0D { lineEnd += 1 }
      let line = String(decoding: source.bytes[lineStart..<lineEnd], as: UTF8.self)
      out += "   \(line)\n"
      out += "   " + String(repeating: " ", count: max(0, at.column - 1)) + "^\n\n"
    }
    out += diagnostics.count == 1 ? "1 error\n" : "\(diagnostics.count) errors\n"
    return out
  }

  // MARK: json

  static func position(_ source: SourceFile, _ offset: UInt32) -> JSONValue {
    let at = source.location(of: offset)
    return .object([("line", .integer(Int64(at.line))), ("column", .integer(Int64(at.column)))])
  }

  static func json(_ results: [LintResult]) -> String {
    let files: [JSONValue] = results.map { result in
      .object([
        ("path", .string(result.source.path)),
        ("kind", .string(result.kind.rawValue)),
        (
          "diagnostics",
          .array(
            result.diagnostics.map { d in
              .object([
                ("id", .string(d.id.rawValue)),
                ("severity", .string(d.severity.rawValue)),
                ("message", .string(d.message)),
                ("range", .object([("start", position(result.source, d.range.start)), ("end", position(result.source, d.range.end))])),
              ])
            })
        ),
      ])
    }
    return JSONValue.object([("version", .integer(1)), ("files", .array(files))]).compact + "\n"
  }

  // MARK: sarif

  static func sarifRegion(_ source: SourceFile, _ range: SourceRange) -> JSONValue {
    let start = source.location(of: range.start)
    let end = source.location(of: range.end)
    return .object([
      ("startLine", .integer(Int64(start.line))), ("startColumn", .integer(Int64(start.column))),
      ("endLine", .integer(Int64(end.line))), ("endColumn", .integer(Int64(end.column))),
    ])
  }

  static func sarifFix(_ fix: Diagnostic.FixIt, _ source: SourceFile) -> JSONValue {
    .object([
      ("description", .object([("text", .string(fix.title))])),
      (
        "artifactChanges",
        .array([
          .object([
            ("artifactLocation", .object([("uri", .string(source.path))])),
            (
              "replacements",
              .array([
                .object([
                  ("deletedRegion", sarifRegion(source, fix.range)),
                  ("insertedContent", .object([("text", .string(fix.replacement))])),
                ])
              ])
            ),
          ])
        ])
      ),
    ])
  }

  /// SARIF 2.1.0, for code-scanning dashboards (GitLab, GitHub).
  static func sarif(_ results: [LintResult]) -> String {
    var ruleIDs: [DiagnosticID] = []
    for result in results {
      for d in result.diagnostics where !ruleIDs.contains(d.id) { ruleIDs.append(d.id) }
    }
    let rules: [JSONValue] = ruleIDs.map { id in
      .object([
        ("id", .string(id.rawValue)),
        ("shortDescription", .object([("text", .string(id.summary))])),
        ("defaultConfiguration", .object([("level", .string(id.defaultSeverity.rawValue))])),
      ])
    }
    var entries: [JSONValue] = []
    for result in results {
      for d in result.diagnostics {
        let start = result.source.location(of: d.range.start)
        let end = result.source.location(of: d.range.end)
        var fixes: [(String, JSONValue)] = []
        if !d.fixIts.isEmpty {
          fixes = [("fixes", .array(d.fixIts.map { sarifFix($0, result.source) }))]
        }
        entries.append(
          .object([
            ("ruleId", .string(d.id.rawValue)),
            ("level", .string(d.severity.rawValue)),
            ("message", .object([("text", .string(d.message))])),
            (
              "locations",
              .array([
                .object([
                  (
                    "physicalLocation",
                    .object([
                      ("artifactLocation", .object([("uri", .string(result.source.path))])),
                      (
                        "region",
                        .object([
                          ("startLine", .integer(Int64(start.line))), ("startColumn", .integer(Int64(start.column))),
                          ("endLine", .integer(Int64(end.line))), ("endColumn", .integer(Int64(end.column))),
                        ])
                      ),
                    ])
                  )
                ])
              ])
            ),
          ] + fixes))
      }
    }
    let run: JSONValue = .object([
      (
        "tool",
        .object([
          (
            "driver",
            .object([
              ("name", .string("carson")),
              ("version", .string(CarsonCommand.version)),
              ("rules", .array(rules)),
            ])
          )
        ])
      ),
      ("results", .array(entries)),
    ])
    return JSONValue.object([
      ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
      ("version", .string("2.1.0")),
      ("runs", .array([run])),
    ]).pretty + "\n"
  }
}
