import CarsonGroovy
import CarsonModel
import CarsonSyntax
import Foundation

// When libraries load: as Jenkins compiles the Jenkinsfile (implicit libraries and `@Library`
// annotations, before any of it runs), when the pipeline starts (`libraries {}`) and when a
// `library` step runs.

extension PipelineRun {
  /// The implicit libraries and those of `@Library` annotations, in configuration order (as
  /// Jenkins walks its configured libraries). A name asked for twice takes the last version.
  func loadAnnotatedLibraries(_ context: BranchContext) throws {
    let (references, problems) = LibraryReference.annotations(in: lint.tree)
    if let problem = problems.first {
      let at = lint.source.location(of: problem.range.start)
      throw StepFailure("\(lint.source.path):\(at.line):\(at.column): \(problem.message)")
    }
    var requested: [String: LibraryReference] = [:]
    for reference in references { requested[reference.name] = reference }
    if let unknown = references.first(where: { reference in !options.libraries.contains { $0.name == reference.name } }) {
      _ = try libraries.resolve(unknown)  // throws Jenkins' "No library named …"
    }
    for definition in options.libraries where definition.implicit || requested[definition.name] != nil {
      let reference = requested[definition.name] ?? LibraryReference(definition.name, range: SourceRange.point(0))
      try libraries.load(reference, run: self, context)
    }
  }

  /// `libraries { lib('name@version') }`: loaded when the pipeline starts, so the identifiers
  /// may use the script's variables and methods (`lib("${name}@master")`).
  func loadDirectiveLibraries(_ context: BranchContext) throws {
    for library in pipeline.libraries?.libraries ?? [] {
      let identifier = Groovy.string(try evaluate(library.identifier, context))
      try libraries.load(LibraryReference(identifier, range: library.range), run: self, context)
    }
  }
}

/// What the `library` step returns. Jenkins' object reaches `src/` classes by name
/// (`library('x').org.foo.Zot.new(…)`); Carson loads the library's vars and classes for the
/// script (use `new Zot(…)` after `library 'x'`) and reports that form as unsupported.
final class LibraryStepResult: GObject {
  let name: String
  let range: SourceRange
  init(name: String, range: SourceRange) {
    self.name = name
    self.range = range
  }
  var groovyClassName: String { "org.jenkinsci.plugins.workflow.libs.LibraryStep$LoadedClasses" }
  func getProperty(_ property: String, _ context: EvaluationContext) throws -> GValue {
    throw UnsupportedConstruct(
      "library('\(name)').\(property): reaching library classes through the library step's result; after `library '\(name)'` its classes can be made with `new ClassName(…)`",
      at: range)
  }
}

/// `library 'name@version'` and `libraryResource 'path'`.
enum LibrarySteps {
  static let steps: [String: StepImplementation] = [
    "library": { step in
      guard let identifier = step.string("identifier") else { throw StepFailure("library: missing required parameter 'identifier'") }
      if step.value("retriever") != nil {
        throw StepFailure("library: a retriever is not supported; configure library \(identifier) with --library or --libraries")
      }
      let reference = LibraryReference(identifier, range: step.range)
      try step.run.libraries.load(reference, run: step.run, step.context)
      return .object(LibraryStepResult(name: reference.name, range: step.range))
    },
    "libraryResource": { step in
      let path = try step.required("resource")
      let data = try step.run.libraries.resource(path)
      if step.string("encoding") == "Base64" { return .string(data.base64EncodedString()) }
      return .string(String(decoding: data, as: UTF8.self))
    },
  ]
}
