import Foundation
import Testing

/// Repositories made with the real git CLI, for the libgit2 side to read.
struct GitFixture {
  let root: URL

  init() throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("carson-git-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
  }

  func remove() { try? FileManager.default.removeItem(at: root) }

  /// Runs git with a fixed identity and dates; returns its trimmed standard output.
  @discardableResult
  func git(_ arguments: [String], in directory: URL? = nil) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? root
    var environment = ProcessInfo.processInfo.environment
    for (key, value) in [
      ("GIT_AUTHOR_NAME", "Ada Author"), ("GIT_AUTHOR_EMAIL", "ada@example.com"), ("GIT_COMMITTER_NAME", "Carl Committer"),
      ("GIT_COMMITTER_EMAIL", "carl@example.com"), ("GIT_CONFIG_GLOBAL", "/dev/null"), ("GIT_CONFIG_NOSYSTEM", "1"),
    ] { environment[key] = value }
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw FixtureError("git \(arguments.joined(separator: " ")) failed") }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// A bare repository `name.git` with history on `main`: three commits, a `feature` branch,
  /// an annotated tag `v1`, a lightweight tag `light` and merge request 7's head ref.
  func makeRemote(_ name: String = "project") throws -> URL {
    let work = root.appendingPathComponent("\(name)-work")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    try git(["init", "-q", "-b", "main"], in: work)
    try commit(in: work, files: ["README.md": "one\n", "Jenkinsfile": "pipeline { agent any; stages { stage('a') { steps { echo 'hi' } } } }\n"], message: "first")
    try commit(in: work, files: ["src/app.c": "int main;\n"], message: "second: app")
    try git(["tag", "-a", "v1", "-m", "release 1"], in: work)
    try commit(in: work, files: ["docs/guide.md": "guide\n"], message: "third: docs")
    try git(["tag", "light"], in: work)
    try git(["checkout", "-q", "-b", "feature"], in: work)
    try commit(in: work, files: ["feature.txt": "f\n"], message: "feature work")
    try git(["checkout", "-q", "main"], in: work)
    let bare = root.appendingPathComponent("\(name).git")
    try git(["clone", "-q", "--bare", work.path, bare.path])
    let mrHead = try git(["rev-parse", "feature"], in: work)
    try git(["update-ref", "refs/merge-requests/7/head", mrHead], in: bare)
    return bare
  }

  func commit(in directory: URL, files: [String: String], message: String) throws {
    for (path, content) in files {
      let url = directory.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try content.write(to: url, atomically: true, encoding: .utf8)
    }
    try git(["add", "-A"], in: directory)
    try git(["commit", "-q", "-m", message], in: directory)
  }
}

struct FixtureError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
