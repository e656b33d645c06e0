import CarsonTestSupport
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

  /// Runs git (through the test support's one process helper) with a fixed identity;
  /// returns its trimmed standard output.
  @discardableResult
  func git(_ arguments: [String], in directory: URL? = nil) throws -> String {
    let identity = [
      "GIT_AUTHOR_NAME": "Ada Author", "GIT_AUTHOR_EMAIL": "ada@example.com",
      "GIT_COMMITTER_NAME": "Carl Committer", "GIT_COMMITTER_EMAIL": "carl@example.com",
    ]
    return try TestGit.run(arguments, in: directory ?? root, environment: identity).output.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// A bare repository `name.git` (TestRepository, as the git server tests use) with history on
  /// `main`: three commits, a `feature` branch, an annotated tag `v1`, a lightweight tag `light`
  /// and merge request 7's head ref.
  func makeRemote(_ name: String = "project") throws -> URL {
    let author = TestAuthor(name: "Ada Author", email: "ada@example.com")
    let bare = root.appendingPathComponent("\(name).git")
    try TestRepository.create(at: bare, commits: [
      TestCommit("first", files: ["README.md": "one\n", "Jenkinsfile": "pipeline { agent any; stages { stage('a') { steps { echo 'hi' } } } }\n"], author: author),
      TestCommit("second: app", files: ["src/app.c": "int main;\n"], author: author, annotatedTags: ["v1"]),
      TestCommit("third: docs", files: ["docs/guide.md": "guide\n"], author: author, tags: ["light"]),
      TestCommit("feature work", files: ["feature.txt": "f\n"], branch: "feature", author: author, mergeRequest: 7),
    ])
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
