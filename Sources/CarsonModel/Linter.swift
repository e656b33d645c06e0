import CarsonSyntax

/// What a file is, as far as Carson can tell.
public enum FileKind: String, Sendable, Codable {
  /// Has a top-level `pipeline { … }` block.
  case declarative
  /// Groovy without a `pipeline` block (`node { … }`, library entry points, plain scripts).
  case scripted
  /// Empty, or nothing but comments.
  case unknown
}

/// Everything Carson knows after reading one file: the syntax tree, the declarative model and
/// every diagnostic. `carson lint`, `carson run` and the language server all start here, so
/// they can never disagree.
public struct LintResult: Sendable {
  public let tree: SyntaxTree
  public let pipeline: Pipeline?
  public let kind: FileKind
  /// Lexer, parser, structure and validation diagnostics, in source order.
  public let diagnostics: [Diagnostic]

  public var source: SourceFile { tree.source }
  public var hasErrors: Bool { diagnostics.hasErrors }
}

public enum Linter {
  public static func check(_ source: SourceFile, options: ValidationOptions = ValidationOptions()) -> LintResult {
    let tree = SyntaxTree.parse(source)
    return check(tree, options: options)
  }

  public static func check(_ tree: SyntaxTree, options: ValidationOptions = ValidationOptions()) -> LintResult {
    var diagnostics = tree.diagnostics
    var reader = DeclarativeReader(tree: tree)
    let pipeline = reader.read()
    diagnostics += reader.diagnostics
    diagnostics += sandboxAnnotationDiagnostics(tree)
    let kind: FileKind
    if let pipeline {
      kind = .declarative
      var validator = Validator(options: options)
      validator.validate(pipeline)
      diagnostics += validator.diagnostics
    } else if let first = tree.statements.first(where: { if case .importDecl = $0.kind { return false } else { return true } }) {
      kind = .scripted
      let hasNode = tree.statements.contains { statement in
        if case .expression(let e) = statement.kind, case .call(let c) = e.kind, c.isUnqualified, c.name == "node" { return true }
        return false
      }
      let what = hasNode ? "a Scripted Pipeline (top-level 'node')" : "Groovy without a top-level 'pipeline { … }' block"
      diagnostics.append(
        Diagnostic(
          .scriptedPipeline,
          "Not a Declarative Pipeline: this is \(what). Carson checks its Groovy syntax only; 'carson run' executes Declarative Pipelines.",
          at: first.range.isEmpty ? first.range : SourceRange(start: first.range.start, end: min(first.range.end, first.range.start + 1 + UInt32(firstLineLength(tree, first.range.start))))))
    } else {
      kind = .unknown
      if !tree.diagnostics.hasErrors {
        diagnostics.append(
          Diagnostic(.notDeclarative, "Jenkinsfile content did not contain the 'pipeline' step", at: SourceRange.point(0)))
      }
    }
    return LintResult(tree: tree, pipeline: pipeline, kind: kind, diagnostics: diagnostics.sortedBySource())
  }

  /// AST transformations that Jenkins' script-security sandbox refuses at compile time
  /// (`RejectASTTransformsCustomizer`), so a Jenkinsfile using them never runs.
  static let blockedAnnotations: Set<String> = [
    "ASTTest", "Grab", "GrabConfig", "GrabExclude", "GrabResolver", "Grapes", "AnnotationCollector",
  ]

  static func sandboxAnnotationDiagnostics(_ tree: SyntaxTree) -> [Diagnostic] {
    tree.annotations.compactMap { annotation in
      let simple = annotation.name.split(separator: ".").last.map(String.init) ?? annotation.name
      guard blockedAnnotations.contains(simple) else { return nil }
      return Diagnostic(.blockedAnnotation, "Annotation \(simple) cannot be used in the sandbox.", at: annotation.range)
    }
  }

  /// Length of the rest of the line from `offset`, so a note underlines one line only.
  static func firstLineLength(_ tree: SyntaxTree, _ offset: UInt32) -> Int {
    var i = Int(offset)
    let bytes = tree.source.bytes
    while i < bytes.count, bytes[i] != 0x0A, bytes[i] != 0x0D { i += 1 }
    return max(0, i - Int(offset) - 1)
  }
}
