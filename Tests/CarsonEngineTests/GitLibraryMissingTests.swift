import CarsonTestSupport
import Foundation
import Testing

/// Carson loads libgit2 on first use (CLibGit2's dlopen). Without it, runs that need no
/// repository still work, and the first git operation fails with an error that says what to
/// install. The real binary runs with CARSON_LIBGIT2 naming a file that does not exist: the
/// library is loaded once per process, so this test process (which has loaded it) cannot show it.
@Suite struct GitLibraryMissingTests {
  static let missingLibrary = "/nonexistent/carson-test/libgit2.so.1.5"

  /// Runs `.build/debug/carson` with `arguments` in `directory`; `libgit2` overrides the library file.
  func carson(_ arguments: [String], in directory: String, libgit2: String? = GitLibraryMissingTests.missingLibrary) throws -> DebugCarson.Outcome? {
    guard DebugCarson.isBuilt else {
      Issue.record(Comment(rawValue: DebugCarson.missingMessage))
      return nil
    }
    return try DebugCarson.run(arguments, in: directory, environment: ["CARSON_LIBGIT2": libgit2])
  }

  @Test func cloneFailsWithAnErrorNamingTheLibraryAndItsPackage() throws {
    let scratch = Scratch()
    let remote = URL(fileURLWithPath: scratch.path + "/project.git")
    try TestRepository.create(at: remote, commits: [TestCommit("only", files: ["Jenkinsfile": "pipeline { agent any; stages { stage('s') { steps { echo 'x' } } } }\n"])])
    guard
      let run = try carson(
        ["run", "--repo", remote.path, "--workspace", scratch.workspace + "/clone", "--state-dir", scratch.path + "/state"], in: scratch.path)
    else { return }
    #expect(run.exited && run.status == 2, "\(run.output)")
    let expected =
      "carson: error: checkout of \(remote.path): libgit2 could not be loaded (\(Self.missingLibrary): cannot open shared object file: "
      + "No such file or directory). Carson needs libgit2 1.5 for git operations; install it (Debian: apt-get install libgit2-1.5)\n"
    #expect(run.output.hasSuffix(expected), "\(run.output)")
    #expect(!FileManager.default.fileExists(atPath: scratch.workspace + "/clone/.git"))
  }

  /// A run in a git work tree reads its commit with libgit2 when it can; without libgit2 it
  /// runs all the same, with no GIT_COMMIT.
  @Test func runInAWorkTreeSucceedsWithoutLibgit2() throws {
    let scratch = Scratch()
    let tree = URL(fileURLWithPath: scratch.workspace)
    try TestGit.run(["init", "-q", "-b", "main", tree.path])
    try "pipeline { agent any; stages { stage('s') { steps { echo \"commit=${env.GIT_COMMIT}\" } } } }\n"
      .write(to: tree.appendingPathComponent("Jenkinsfile"), atomically: true, encoding: .utf8)
    try TestGit.run(["add", "Jenkinsfile"], in: tree)
    try TestGit.run(["commit", "-q", "-m", "one"], in: tree)
    let sha = try TestGit.run(["rev-parse", "HEAD"], in: tree).output.trimmingCharacters(in: .whitespacesAndNewlines)
    let arguments = ["run", "--log-format", "plain", "--state-dir", scratch.path + "/state"]
    guard let withLibrary = try carson(arguments, in: scratch.workspace, libgit2: nil),
      let without = try carson(arguments, in: scratch.workspace)
    else { return }
    #expect(withLibrary.exited && withLibrary.status == 0 && withLibrary.output.contains("commit=\(sha)"), "\(withLibrary.output)")
    #expect(without.exited && without.status == 0, "\(without.output)")
    #expect(without.output.contains("commit=null"), "\(without.output)")
    #expect(without.output.contains("WARNING: GIT_COMMIT, GIT_BRANCH and the changelog are not set"), "\(without.output)")
    #expect(without.output.contains("libgit2 could not be loaded"), "\(without.output)")
    #expect(!withLibrary.output.contains("WARNING"), "\(withLibrary.output)")
  }
}
