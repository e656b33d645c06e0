import CarsonSyntax

/// `carson fmt`'s canonical layout for Jenkinsfiles (the rules are in docs/formatting.md).
///
/// The formatter never rebuilds text from the tree: it walks the tokens in order and copies
/// each one's text, changing only the trivia between them (indentation, line breaks, blank
/// lines), so expressions, quoting and comments stay exactly as written. The syntax tree only
/// says where the declarative structure needs line breaks (`LayoutPlan`).
public enum JenkinsfileFormatter {
  /// Spaces per nesting level: Jenkins' documentation and most Jenkinsfiles use 4.
  static let indentWidth = 4

  /// The formatted text, or nil when the file has syntax errors (a broken file's tokens may not
  /// mean what they look like, so re-laying them could lose or change text) or is not UTF-8.
  public static func format(_ source: SourceFile) -> String? {
    let tree = SyntaxTree.parse(source)
    guard !tree.diagnostics.hasErrors else { return nil }
    var writer = LayoutWriter(tree: tree, plan: LayoutPlan(tree))
    let bytes = writer.run()
    let text = String(decoding: bytes, as: UTF8.self)
    // Invalid UTF-8 would come back with replacement characters: refuse rather than lose bytes.
    guard text.utf8.elementsEqual(bytes) else { return nil }
    return text
  }
}
