import CarsonSyntax

/// `textDocument/formatting` through `carson fmt`'s formatter: one edit replacing the whole text
/// when the layout changes, none when it is already canonical.
enum Formatting {
  /// `carson fmt`'s formatter (module CarsonFormat): the canonical text, nil when the file has
  /// syntax errors. Nil here until `JenkinsfileFormatter` lands on main; the server then does not
  /// advertise formatting and answers a formatting request with an error that says so.
  static let formatter: (@Sendable (SourceFile) -> String?)? = nil

  static func edits(_ source: SourceFile, formatted: String) -> JSONValue {
    guard formatted.utf8.count != source.bytes.count || !formatted.utf8.elementsEqual(source.bytes) else { return .array([]) }
    let whole = SourceRange(start: 0, end: UInt32(source.bytes.count))
    return .array([.object([("range", source.lspRange(whole)), ("newText", .string(formatted))])])
  }
}
