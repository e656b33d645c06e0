import CarsonSyntax

/// A shared library a Jenkinsfile asks for: `name` or `name@version` (split at the first `@`,
/// as Jenkins does; no version means the configured default).
public struct LibraryReference: Sendable, Equatable {
  public var name: String
  public var version: String?
  /// Where it is asked for (an `@Library` annotation, a `lib(…)`, a `library` step).
  public var range: SourceRange

  public init(_ identifier: String, range: SourceRange) {
    if let at = identifier.firstIndex(of: "@") {
      name = String(identifier[..<at])
      version = String(identifier[identifier.index(after: at)...])
    } else {
      name = identifier
      version = nil
    }
    self.range = range
  }

  public var identifier: String { version.map { "\(name)@\($0)" } ?? name }
}

extension LibraryReference {
  /// The libraries of the `@Library` annotations in a file, in order: `@Library('a')`,
  /// `@Library(['a', 'b@v2'])`, `@Library(value = 'a', changelog = false)`. A value that is not
  /// a string literal (or a list of them) is a problem, as in Jenkins, which reads them at
  /// compile time.
  public static func annotations(in tree: SyntaxTree) -> (references: [LibraryReference], problems: [Diagnostic]) {
    var references: [LibraryReference] = []
    var problems: [Diagnostic] = []
    for annotation in tree.annotations where annotation.name == "Library" || annotation.name.hasSuffix(".Library") {
      let values = annotation.arguments.filter { argument in
        if case .name(let key, _)? = argument.key { return key == "value" }
        return argument.key == nil
      }
      guard !values.isEmpty else {
        problems.append(Diagnostic(.expectedLibrary, "@Library needs the library name: @Library('name') or @Library('name@version')", at: annotation.range))
        continue
      }
      for argument in values {
        var items = [argument.value]
        if case .list(let list) = argument.value.kind { items = list }
        for item in items {
          guard case .string(let literal) = item.kind, let text = literal.plainValue else {
            problems.append(Diagnostic(.expectedLibrary, "@Library takes string literals ('name@version'), not expressions", at: item.range))
            continue
          }
          references.append(LibraryReference(text, range: item.range))
        }
      }
    }
    return (references, problems)
  }
}
