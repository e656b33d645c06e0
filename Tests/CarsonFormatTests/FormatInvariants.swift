import CarsonFormat
import CarsonSyntax

/// What "formatting keeps the file's meaning" is checked as, for every test in this target.
///
/// Strict sameness: both files parse without errors; the sequence of token kinds and token texts
/// (string contents included, whitespace and comments not being tokens) is identical, except for
/// the `;` between declarative statements that the layout replaces with a line break; the
/// syntax tree rendered by `SyntaxDump` (which shows grouping, so a line break that split or
/// joined a statement would show) is identical; and the comments, in order, have the same text
/// (a line comment's trailing blanks aside, which the formatter removes).
enum FormatInvariants {
  /// The problems found, empty when `formatted` keeps everything of `original`.
  static func problems(original: SourceFile, formatted text: String) -> [String] {
    let formatted = SourceFile(path: original.path, text: text)
    let before = SyntaxTree.parse(original)
    let after = SyntaxTree.parse(formatted)
    var problems: [String] = []
    if after.diagnostics.hasErrors {
      let first = after.diagnostics.first { $0.severity == .error }!
      let at = formatted.location(of: first.range.start)
      problems.append("formatted file has a syntax error at \(at.line):\(at.column): \(first.message)")
    }
    let tokensBefore = tokenTexts(before)
    let tokensAfter = tokenTexts(after)
    if tokensBefore != tokensAfter {
      let index = zip(tokensBefore, tokensAfter).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(tokensBefore.count, tokensAfter.count)
      problems.append("tokens differ at token \(index): \(tokensBefore.dropFirst(index).first ?? "<end>") became \(tokensAfter.dropFirst(index).first ?? "<end>")")
    }
    if SyntaxDump.dump(before.statements) != SyntaxDump.dump(after.statements) {
      problems.append("syntax trees differ")
    }
    let commentsBefore = comments(before)
    let commentsAfter = comments(after)
    if commentsBefore != commentsAfter {
      problems.append("comments differ: \(commentsBefore.count) before, \(commentsAfter.count) after; first difference: \(zip(commentsBefore, commentsAfter).first { $0 != $1 }.map { "\($0) became \($1)" } ?? "a comment is missing")")
    }
    let semicolonsBefore = before.tokens.filter { $0.kind == .semicolon }.count
    let semicolonsAfter = after.tokens.filter { $0.kind == .semicolon }.count
    if semicolonsAfter > semicolonsBefore { problems.append("formatting added semicolons") }
    return problems
  }

  static func tokenTexts(_ tree: SyntaxTree) -> [String] {
    tree.tokens.filter { $0.kind != .semicolon }.map { "\($0.kind):\(tree.text($0.range))" }
  }

  /// Every comment in the gaps between tokens, found with a scanner of its own (not the
  /// formatter's) so that a mistake in one is not repeated in the other.
  static func comments(_ tree: SyntaxTree) -> [String] {
    let bytes = tree.source.bytes
    var found: [String] = []
    var previousEnd = 0
    for token in tree.tokens {
      var i = previousEnd
      let end = Int(token.start)
      while i < end {
        if bytes[i] == UInt8(ascii: "/"), i + 1 < end, bytes[i + 1] == UInt8(ascii: "/") {
          var j = i
          while j < end, bytes[j] != 0x0A, bytes[j] != 0x0D { j += 1 }
          found.append(String(decoding: bytes[i..<j], as: UTF8.self).replacing(/[ \t]+$/, with: ""))
          i = j
        } else if bytes[i] == UInt8(ascii: "/"), i + 1 < end, bytes[i + 1] == UInt8(ascii: "*") {
          var j = i + 2
          while j + 1 < end, !(bytes[j] == UInt8(ascii: "*") && bytes[j + 1] == UInt8(ascii: "/")) { j += 1 }
          j = min(j + 2, end)
          found.append(String(decoding: bytes[i..<j], as: UTF8.self))
          i = j
        } else {
          i += 1
        }
      }
      previousEnd = Int(token.end)
    }
    return found
  }
}
