import CarsonModel
import CarsonSyntax

/// `textDocument/codeAction`: a quick fix for every fix-it of a diagnostic in the requested range.
enum CodeActions {
  static func response(_ diagnostics: [Diagnostic], in source: SourceFile, uri: String, range: SourceRange) -> JSONValue {
    var actions: [JSONValue] = []
    for diagnostic in diagnostics where overlaps(diagnostic.range, range) {
      for fixIt in diagnostic.fixIts {
        let edit: JSONValue = .object([("range", source.lspRange(fixIt.range)), ("newText", .string(fixIt.replacement))])
        actions.append(
          .object([
            ("title", .string(fixIt.title)),
            ("kind", .string("quickfix")),
            ("diagnostics", .array([DiagnosticConversion.lsp(diagnostic, in: source, uri: uri)])),
            ("isPreferred", .bool(diagnostic.fixIts.count == 1)),
            ("edit", .object([("changes", .object([(uri, .array([edit]))]))])),
          ]))
      }
    }
    return .array(actions)
  }

  /// Touching counts: a cursor at either end of a diagnostic asks for its fixes.
  static func overlaps(_ a: SourceRange, _ b: SourceRange) -> Bool {
    a.start <= b.end && b.start <= a.end
  }
}
