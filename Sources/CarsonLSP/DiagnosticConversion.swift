import CarsonSyntax

/// Carson's `Diagnostic` as an LSP `Diagnostic`: the same id (as `code`), message and severity as
/// `carson lint`; notes with a place become related information, the others join the message.
enum DiagnosticConversion {
  static func lsp(_ diagnostic: Diagnostic, in source: SourceFile, uri: String) -> JSONValue {
    var message = diagnostic.message
    var related: [JSONValue] = []
    for note in diagnostic.notes {
      if let range = note.range {
        related.append(
          .object([
            ("location", .object([("uri", .string(uri)), ("range", source.lspRange(range))])), ("message", .string(note.message)),
          ]))
      } else {
        message += "\n" + note.message
      }
    }
    var fields: [(String, JSONValue)] = [
      ("range", source.lspRange(diagnostic.range)),
      ("severity", .integer(severity(diagnostic.severity))),
      ("code", .string(diagnostic.id.rawValue)),
      ("source", .string("carson")),
      ("message", .string(message)),
    ]
    if !related.isEmpty { fields.append(("relatedInformation", .array(related))) }
    return .object(fields)
  }

  /// LSP: 1 error, 2 warning, 3 information.
  static func severity(_ severity: Diagnostic.Severity) -> Int64 {
    switch severity {
    case .error: return 1
    case .warning: return 2
    case .note: return 3
    }
  }

  static func publishParams(uri: String, version: Int?, source: SourceFile?, diagnostics: [Diagnostic]) -> JSONValue {
    var fields: [(String, JSONValue)] = [("uri", .string(uri))]
    if let version { fields.append(("version", .integer(Int64(version)))) }
    let items: [JSONValue] = source.map { source in diagnostics.map { lsp($0, in: source, uri: uri) } } ?? []
    fields.append(("diagnostics", .array(items)))
    return .object(fields)
  }
}
