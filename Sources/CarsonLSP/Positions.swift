import CarsonSyntax

/// LSP positions are 0-based lines and UTF-16 code-unit columns; Carson's ranges are UTF-8 byte
/// offsets. Every conversion goes through here.
extension SourceFile {
  func lspPosition(_ offset: UInt32) -> JSONValue {
    let location = location(of: offset)
    return .object([("line", .integer(Int64(location.line - 1))), ("character", .integer(Int64(location.utf16Column)))])
  }

  func lspRange(_ range: SourceRange) -> JSONValue {
    .object([("start", lspPosition(range.start)), ("end", lspPosition(range.end))])
  }

  /// The byte offset of an LSP `Position` (clamped to the document), nil when it is not one.
  func offset(ofPosition position: JSONValue?) -> UInt32? {
    guard let line = position?["line"]?.intValue, let character = position?["character"]?.intValue, line >= 0, character >= 0 else {
      return nil
    }
    return lines.offset(line: line, utf16Column: character, in: bytes)
  }

  /// The byte range of an LSP `Range`, nil when it is not one.
  func byteRange(ofRange range: JSONValue?) -> SourceRange? {
    guard let start = offset(ofPosition: range?["start"]), let end = offset(ofPosition: range?["end"]) else { return nil }
    return SourceRange(start: min(start, end), end: max(start, end))
  }
}
