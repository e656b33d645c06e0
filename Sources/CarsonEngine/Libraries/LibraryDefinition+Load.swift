import CarsonSyntax
import Foundation

extension LibraryDefinition {
  /// `--library NAME=PATH_OR_URL` or `NAME@VERSION=PATH_OR_URL` (the version becomes the default).
  /// A relative directory is taken from `directory`.
  public static func parse(_ text: String, relativeTo directory: String) throws -> LibraryDefinition {
    guard let eq = text.firstIndex(of: "="), eq != text.startIndex, text.index(after: eq) != text.endIndex else {
      throw RunSetupError("--library expects NAME=PATH_OR_URL or NAME@VERSION=PATH_OR_URL, got '\(text)'")
    }
    let reference = String(text[..<eq])
    let location = String(text[text.index(after: eq)...])
    let name = reference.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? reference
    let version = reference.contains("@") ? String(reference.drop { $0 != "@" }.dropFirst()) : nil
    guard !name.isEmpty, version?.isEmpty != true else { throw RunSetupError("--library expects NAME[@VERSION]=PATH_OR_URL, got '\(text)'") }
    return LibraryDefinition(name: name, location: absolute(location, relativeTo: directory), defaultVersion: version)
  }

  /// Reads `[{"name": …, "url" or "path": …, "defaultVersion": …, "implicit": …,
  /// "allowVersionOverride": …, "credentialsId": …}]`; relative paths are taken from `directory`
  /// (the file's).
  public static func loadAll(_ json: JSONValue, relativeTo directory: String) throws -> [LibraryDefinition] {
    guard let items = json.arrayValue else { throw RunSetupError("a libraries file must hold a JSON array of libraries") }
    let known: Set<String> = ["name", "url", "path", "defaultVersion", "implicit", "allowVersionOverride", "credentialsId"]
    return try items.enumerated().map { i, item in
      guard let fields = item.objectValue else { throw RunSetupError("library \(i + 1) is not a JSON object") }
      if let unknown = fields.first(where: { !known.contains($0.0) }) {
        throw RunSetupError("library \(i + 1) has an unknown field \"\(unknown.0)\" (known: \(known.sorted().joined(separator: ", ")))")
      }
      guard let name = item["name"]?.stringValue, !name.isEmpty else { throw RunSetupError("library \(i + 1) has no \"name\" string") }
      func string(_ key: String) throws -> String? {
        guard let value = item[key], value != .null else { return nil }
        guard let text = value.stringValue else { throw RunSetupError("library \"\(name)\": \"\(key)\" must be a string") }
        return text
      }
      func bool(_ key: String, _ fallback: Bool) throws -> Bool {
        guard let value = item[key], value != .null else { return fallback }
        guard let flag = value.boolValue else { throw RunSetupError("library \"\(name)\": \"\(key)\" must be true or false") }
        return flag
      }
      let url = try string("url"), path = try string("path")
      guard (url == nil) != (path == nil) else { throw RunSetupError("library \"\(name)\" needs exactly one of \"url\" and \"path\"") }
      return LibraryDefinition(
        name: name, location: url ?? absolute(path!, relativeTo: directory), defaultVersion: try string("defaultVersion"),
        implicit: try bool("implicit", false), allowVersionOverride: try bool("allowVersionOverride", true), credentialsID: try string("credentialsId"))
    }
  }

  static func absolute(_ location: String, relativeTo directory: String) -> String {
    if SharedLibraries.isGitURL(location) || location.hasPrefix("/") { return location }
    return URL(fileURLWithPath: directory + "/" + location).standardized.path
  }
}
