import CarsonFormat
import CarsonSyntax

/// `textDocument/formatting` through `carson fmt`'s formatter: one edit replacing the whole text
/// when the layout changes, none when it is already canonical.
enum Formatting {
  /// `carson fmt`'s formatter (module CarsonFormat): the canonical text, nil when the file has
  /// syntax errors. Optional so that a server built without it says so instead of advertising it.
  static let formatter: (@Sendable (SourceFile) -> String?)? = { JenkinsfileFormatter.format($0) }

  static func edits(_ source: SourceFile, formatted: String) -> JSONValue {
    guard formatted.utf8.count != source.bytes.count || !formatted.utf8.elementsEqual(source.bytes) else { return .array([]) }
    let whole = SourceRange(start: 0, end: UInt32(source.bytes.count))
    return .array([.object([("range", source.lspRange(whole)), ("newText", .string(formatted))])])
  }
}
