import Foundation

/// A file to check, read fully into memory.
struct InputFile {
  /// The path as shown to the user (as given, or relative to the directory given).
  var displayPath: String
  var bytes: [UInt8]
}

/// Turns `PATH ...` arguments into files: `-` is standard input, a directory means every
/// `Jenkinsfile*`, `*.jenkinsfile` and `*.groovy` below it (hidden and build folders skipped).
enum InputFiles {
  struct Failure {
    var path: String
    var reason: String
  }

  static func collect(_ paths: [String], io: CommandIO) -> (files: [InputFile], failures: [Failure]) {
    var files: [InputFile] = []
    var failures: [Failure] = []
    let manager = FileManager.default
    for path in paths.isEmpty ? ["Jenkinsfile"] : paths {
      if path == "-" {
        files.append(InputFile(displayPath: "<stdin>", bytes: io.readStdin()))
        continue
      }
      let absolute = path.hasPrefix("/") ? path : io.currentDirectory + "/" + path
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
        failures.append(Failure(path: path, reason: "no such file or directory"))
        continue
      }
      if isDirectory.boolValue {
        for relative in jenkinsfiles(under: absolute) {
          let full = absolute + "/" + relative
          let shown = (path.hasSuffix("/") ? path : path + "/") + relative
          if let data = manager.contents(atPath: full) {
            files.append(InputFile(displayPath: shown, bytes: Array(data)))
          } else {
            failures.append(Failure(path: shown, reason: "cannot be read"))
          }
        }
        continue
      }
      guard let data = manager.contents(atPath: absolute) else {
        failures.append(Failure(path: path, reason: "cannot be read (permission denied?)"))
        continue
      }
      files.append(InputFile(displayPath: path, bytes: Array(data)))
    }
    return (files, failures)
  }

  /// `Jenkinsfile*`, `*.jenkinsfile` (any case, so `deploy.Jenkinsfile` too) and `*.groovy`.
  static func isJenkinsfileName(_ name: String) -> Bool {
    let lower = name.lowercased()
    return name.hasPrefix("Jenkinsfile") || lower.hasSuffix(".jenkinsfile") || lower.hasSuffix(".groovy")
  }

  /// Relative paths of matching files below `directory`, sorted.
  static func jenkinsfiles(under directory: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
    var found: [String] = []
    while let relative = enumerator.nextObject() as? String {
      let name = (relative as NSString).lastPathComponent
      if name.hasPrefix(".") || name == "node_modules" {
        if (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { enumerator.skipDescendants() }
        continue
      }
      guard (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeRegular else { continue }
      if isJenkinsfileName(name) { found.append(relative) }
    }
    return found.sorted()
  }
}
