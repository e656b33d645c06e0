import CarsonEngine
import Foundation

extension RunCommand {
  /// `--library NAME[@VERSION]=PATH_OR_URL` (repeatable) and `--libraries FILE`; a name given
  /// both ways takes the `--library` one (the first definition of a name wins).
  static func libraryDefinitions(_ arguments: ParsedArguments, _ io: CommandIO) throws -> [LibraryDefinition] {
    var definitions = try arguments.all("--library").map { try LibraryDefinition.parse($0, relativeTo: io.currentDirectory) }
    if let file = arguments.value("--libraries") {
      let path = file.hasPrefix("/") ? file : io.currentDirectory + "/" + file
      definitions += try LibraryDefinition.loadAll(try readJSON(file, io), relativeTo: (path as NSString).deletingLastPathComponent)
    }
    return definitions
  }
}
