import CarsonModel
import CarsonSyntax
import Foundation

/// Access to `../shared` (Jenkins' conformance corpus and the real-world Jenkinsfiles), found
/// relative to this source file so tests work from any working directory.
public enum SharedCorpus {
  /// The repository root (the folder holding Package.swift).
  public static let repositoryRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url
  }()

  /// `../shared`, or nil when it is absent (tests then skip loudly).
  public static let root: URL? = {
    let candidates = [
      ProcessInfo.processInfo.environment["CARSON_SHARED"].map { URL(fileURLWithPath: $0) },
      repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared"),
    ].compactMap { $0 }
    return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("conformance/manifest.jsonl").path) }
  }()

  /// Prints the loud line the brief asks for when the corpus is missing.
  public static func skipMessage(_ what: String) -> String {
    let line = "SKIPPED: \(what): ../shared (Jenkins conformance corpus) not found next to the repository; set CARSON_SHARED to its path."
    FileHandle.standardError.write(Data(("\n*** " + line + " ***\n").utf8))
    return line
  }

  public static func read(_ relative: String) -> [UInt8]? {
    guard let root else { return nil }
    return FileManager.default.contents(atPath: root.appendingPathComponent(relative).path).map { Array($0) }
  }

  /// One JSON object per line.
  public static func jsonLines(_ relative: String) -> [JSONValue] {
    guard let bytes = read(relative) else { return [] }
    return String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { try? JSONValue.parse(String($0)) }
  }

  public static var conformanceManifest: [JSONValue] { jsonLines("conformance/manifest.jsonl") }
  public static var jsonManifest: [JSONValue] { jsonLines("conformance/json-manifest.jsonl") }
  public static var realworldManifest: [JSONValue] { jsonLines("realworld/manifest.jsonl") }

  /// Every corpus file (conformance Jenkinsfiles and real-world files), relative to `../shared`.
  public static var allJenkinsfiles: [String] {
    conformanceManifest.compactMap { $0["file"]?.stringValue.map { "conformance/" + $0 } }
      + realworldManifest.compactMap { $0["file"]?.stringValue.map { "realworld/" + $0 } }
  }
}
