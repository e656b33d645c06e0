import CarsonModel
import CarsonSyntax

/// An open document: its text as the editor last sent it, and the version the editor gave it.
public struct TextDocument: Sendable {
  public let uri: String
  public private(set) var version: Int
  public private(set) var source: SourceFile
  /// The lint result of this version, computed when a request first needs it.
  private var cachedLint: LintResult?

  public init(uri: String, version: Int, text: String) {
    self.uri = uri
    self.version = version
    self.source = SourceFile(path: uri, text: text)
  }

  /// Applies `textDocument/didChange` content changes in order: a change with a `range` replaces
  /// that UTF-16 range of the text as it is after the previous changes; one without replaces
  /// everything.
  public mutating func apply(_ changes: [JSONValue], version: Int) throws(ResponseError) {
    var bytes = source.bytes
    var current = source
    for (index, change) in changes.enumerated() {
      guard let text = change["text"]?.stringValue else {
        throw ResponseError(.invalidParams, "contentChanges[\(index)] has no text")
      }
      if let rangeValue = change["range"] {
        guard let range = current.byteRange(ofRange: rangeValue) else {
          throw ResponseError(.invalidParams, "contentChanges[\(index)].range is not a range")
        }
        bytes.replaceSubrange(Int(range.start)..<Int(range.end), with: Array(text.utf8))
      } else {
        bytes = Array(text.utf8)
      }
      if index < changes.count - 1 { current = SourceFile(path: uri, bytes: bytes) }
    }
    source = SourceFile(path: uri, bytes: bytes)
    self.version = version
    cachedLint = nil
  }

  /// What `carson lint` reports for this version.
  public mutating func lint() -> LintResult {
    if let cachedLint { return cachedLint }
    let result = Linter.check(source)
    cachedLint = result
    return result
  }
}
