import CarsonSyntax

/// Where the declarative layout forces line breaks, read off the syntax tree.
///
/// Only the declarative structure is re-broken: the `pipeline { }` closure and, inside it, the
/// closures of call statements (`stages { }`, `stage('x') { }`, `steps { }`, `dir('x') { }`, …).
/// Their braces are "blocks": the `{` ends its line, the `}` starts its own line and each
/// statement of the body starts a line. `script { }` is a block too, but its body is Groovy and
/// keeps its own line structure, as do `when { expression { … } }` (a Groovy condition, often a
/// one-liner), closures inside expressions (`list.each { … }`) and everything outside
/// `pipeline { }`.
struct LayoutPlan {
  /// Byte offsets of `{` tokens that open a block.
  var blockOpenings: Set<UInt32> = []
  /// Byte offsets of `}` tokens that close a block.
  var blockClosings: Set<UInt32> = []
  /// Byte offsets of the first token of statements that must start a line.
  var statementStarts: Set<UInt32> = []

  init(_ tree: SyntaxTree) {
    for statement in tree.statements {
      guard case .expression(let expr) = statement.kind, case .call(let call) = expr.kind,
        call.isUnqualified, call.name == "pipeline"
      else { continue }
      for closure in call.trailingClosures { addBlock(closure, breaksStatements: true) }
    }
  }

  private mutating func addBlock(_ closure: Closure, breaksStatements: Bool) {
    // `{ x -> … }` is a Groovy closure, not a declarative block; and `{}` stays as written.
    guard !closure.hasArrow, closure.parameters.isEmpty, !closure.body.isEmpty, closure.range.length >= 2 else { return }
    blockOpenings.insert(closure.range.start)
    blockClosings.insert(closure.range.end - 1)
    guard breaksStatements else { return }
    for statement in closure.body {
      statementStarts.insert(statement.range.start)
      guard case .expression(let expr) = statement.kind, case .call(let call) = expr.kind, call.isUnqualified else { continue }
      if call.name == "expression" { continue }
      let isScript = call.name == "script"
      for inner in call.trailingClosures { addBlock(inner, breaksStatements: !isScript) }
    }
  }
}
