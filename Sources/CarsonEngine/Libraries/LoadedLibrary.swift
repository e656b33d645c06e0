import CarsonGroovy
import CarsonSyntax
import Foundation

/// A shared library read from its directory: its global variables (`vars/*.groovy`), its
/// classes (`src/**/*.groovy`) and where its `resources/` are.
final class LoadedLibrary {
  let name: String
  let version: String?
  let directory: String
  var variables: [String: ScriptInstance] = [:]
  var classes: [ScriptClass] = []
  /// Interpreters of its files, which must see every library class.
  var interpreters: [Interpreter] = []

  init(name: String, version: String?, directory: String) {
    self.name = name
    self.version = version
    self.directory = directory
  }

  /// Reads the library as Jenkins compiles it when it loads: a syntax error in any of its
  /// Groovy files fails the load with that file and line.
  static func read(
    name: String, version: String?, directory: String, host: ScriptHost, lock: InterpreterLock, context: EvaluationContext
  ) throws -> LoadedLibrary {
    let library = LoadedLibrary(name: name, version: version, directory: directory)
    let files = FileManager.default
    var isDirectory: ObjCBool = false
    guard files.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw StepFailure("Library \(name): the directory \(directory) does not exist")
    }
    let vars = directory + "/vars", src = directory + "/src"
    let hasVars = files.fileExists(atPath: vars), hasSrc = files.fileExists(atPath: src)
    guard hasVars || hasSrc else {
      throw StepFailure("Library \(name) expected to contain at least one of src or vars directories")
    }
    if hasSrc {
      for path in groovyFiles(under: src) {
        let tree = try parse(path, library: name)
        let interpreter = Interpreter(tree: tree, host: host, lock: lock)
        library.interpreters.append(interpreter)
        let package = tree.statements.lazy.compactMap { statement -> String? in
          if case .packageDecl(let name) = statement.kind { return name }
          return nil
        }.first
        for statement in tree.statements {
          if case .typeDecl(let type) = statement.kind {
            library.classes.append(ScriptClass(type, at: statement.range, package: package, interpreter: interpreter))
          }
        }
      }
    }
    if hasVars {
      let names = ((try? files.contentsOfDirectory(atPath: vars)) ?? []).filter { $0.hasSuffix(".groovy") }.sorted()
      for file in names {
        let tree = try parse(vars + "/" + file, library: name)
        let interpreter = Interpreter(tree: tree, host: host, lock: lock)
        library.interpreters.append(interpreter)
        let variable = String(file.dropLast(".groovy".count))
        library.variables[variable] = ScriptInstance(name: variable, interpreter: interpreter)
      }
    }
    return library
  }

  /// `@Field`s of the vars, once every class of the run is visible to them.
  func initializeFields(_ context: EvaluationContext) throws {
    for variable in variables.values.sorted(by: { $0.name < $1.name }) { try variable.interpreter.initializeFields(context) }
  }

  static func parse(_ path: String, library: String) throws -> SyntaxTree {
    guard let data = FileManager.default.contents(atPath: path) else { throw StepFailure("Library \(library): cannot read \(path)") }
    let source = SourceFile(path: path, bytes: Array(data))
    let tree = SyntaxTree.parse(source)
    if let error = tree.diagnostics.first(where: { $0.severity == .error }) {
      let at = source.location(of: error.range.start)
      throw StepFailure("Library \(library): \(path):\(at.line):\(at.column): \(error.message)")
    }
    return tree
  }

  /// Every `.groovy` file under `root`, in a stable order.
  static func groovyFiles(under root: String) -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
    var found: [String] = []
    while let relative = walker.nextObject() as? String {
      if relative.hasSuffix(".groovy") { found.append(root + "/" + relative) }
    }
    return found.sorted()
  }

  /// `libraryResource 'path'`: the bytes of `resources/<path>`, nil when this library has none.
  func resource(_ path: String) throws -> Data? {
    let root = URL(fileURLWithPath: directory + "/resources").standardizedFileURL.path
    let file = URL(fileURLWithPath: root + "/" + path).standardizedFileURL.path
    guard file.hasPrefix(root + "/") else {
      throw StepFailure("\(path) references a file that is not contained within the library: \(name)")
    }
    return FileManager.default.contents(atPath: file)
  }
}
