import CarsonGroovy
import CarsonModel
import CarsonSyntax
import Foundation

/// The shared libraries of one run: which are configured (`RunOptions.libraries`), which are
/// loaded, and the global variables and classes they bring.
///
/// Loading follows Jenkins' pipeline-groovy-lib: a name without a version takes the configured
/// default, a version other than the default needs `allowVersionOverride`, a library with
/// neither `src/` nor `vars/` is an error, and each load logs `Loading library name@version`.
final class SharedLibraries {
  let definitions: [LibraryDefinition]
  let fetcher: LibraryFetcher
  let cache: LibraryCache
  private(set) var loaded: [LoadedLibrary] = []
  private(set) var variables: [String: ScriptInstance] = [:]

  init(definitions: [LibraryDefinition], fetcher: LibraryFetcher, stateDirectory: String) {
    self.definitions = definitions
    self.fetcher = fetcher
    self.cache = LibraryCache(stateDirectory: stateDirectory)
  }

  /// A location is a git URL when it has a scheme (`https://`, `file://`, `ssh://`) or is
  /// scp-like (`git@host:path`); anything else is a directory.
  static func isGitURL(_ location: String) -> Bool {
    location.contains("://") || (location.range(of: #"^[\w.-]+@[\w.-]+:"#, options: .regularExpression) != nil)
  }

  /// The definition and version a reference resolves to.
  func resolve(_ reference: LibraryReference) throws -> (LibraryDefinition, String?) {
    guard let definition = definitions.first(where: { $0.name == reference.name }) else {
      let known = definitions.map(\.name).sorted()
      throw StepFailure(
        "No library named \(reference.name) found (configured: \(known.isEmpty ? "none" : known.joined(separator: ", ")); "
          + "configure it with --library \(reference.name)=PATH_OR_URL or --libraries FILE)")
    }
    guard let version = reference.version, !version.isEmpty else { return (definition, definition.defaultVersion) }
    if !definition.allowVersionOverride && version != definition.defaultVersion {
      throw StepFailure("Version override not permitted for library \(definition.name)")
    }
    return (definition, version)
  }

  /// Loads the library a reference names (nothing when it is already loaded at that version).
  func load(_ reference: LibraryReference, run: PipelineRun, _ context: BranchContext) throws {
    let (definition, version) = try resolve(reference)
    if let existing = loaded.first(where: { $0.name == definition.name }) {
      if existing.version == version { return }
      throw StepFailure("Library \(definition.name) is already loaded at version \(existing.version ?? "(default)"); it cannot be loaded again at \(version ?? "its default version")")
    }
    context.log("Loading library \(definition.name)\(version.map { "@" + $0 } ?? "")")
    let directory: String
    if Self.isGitURL(definition.location) {
      guard let version else { throw StepFailure("No version specified for library \(definition.name)") }
      let commit = try fetcher.resolve(url: definition.location, version: version, credentialsID: definition.credentialsID)
      directory = try cache.checkout(url: definition.location, commit: commit, credentialsID: definition.credentialsID, fetcher: fetcher)
      context.log("Library \(definition.name)@\(version) is commit \(commit)")
    } else {
      directory = definition.location
      if let version { context.log("Library \(definition.name) is the directory \(directory), used as it is (version \(version) is not checked out)") }
    }
    let library = try LoadedLibrary.read(
      name: definition.name, version: version, directory: directory, host: run.interpreter.host, lock: run.interpreter.lock, context: context)
    loaded.append(library)
    // Every interpreter of the run sees every library class; a later library's var hides an
    // earlier one of the same name, as in Jenkins where the last classpath entry wins.
    let interpreters = [run.interpreter!] + loaded.flatMap(\.interpreters)
    for cls in loaded.flatMap(\.classes) {
      for interpreter in interpreters {
        interpreter.classes[cls.qualifiedName] = cls
        interpreter.classes[cls.simpleName] = cls
      }
    }
    variables.merge(library.variables) { _, new in new }
    try library.initializeFields(context)
  }

  /// The bytes of `resources/<path>` in the loaded libraries (Jenkins' `libraryResource`).
  func resource(_ path: String) throws -> Data {
    var found: [(String, Data)] = []
    for library in loaded {
      if let text = try library.resource(path) { found.append((library.name, text)) }
    }
    guard let first = found.first else { throw StepFailure("No such library resource \(path) could be found.") }
    if found.count > 1 {
      throw StepFailure("Library resource \(path) ambiguous among libraries \(found.map(\.0).sorted())")
    }
    return first.1
  }
}
