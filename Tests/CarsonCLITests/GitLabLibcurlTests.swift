import CarsonTestSupport
import Foundation
import Testing

/// The real binary calls GitLab through libcurl, loaded only then (dlopen): with a libcurl it
/// cannot load, each GitLab call is a warning naming the library, and the build's result stands.
@Suite struct GitLabLibcurlTests {
  static let token = "glpat-CLI-libcurl-token-654"
  static let sha = "0123456789abcdef0123456789abcdef01234567"

  /// `carson run` of a one-echo pipeline reporting to `server`, with `libraryPath` as
  /// LD_LIBRARY_PATH when given.
  func runCarson(_ server: FakeGitLabServer, libraryPath: String?) throws -> DebugCarson.Outcome? {
    guard DebugCarson.isBuilt else {
      Issue.record(Comment(rawValue: DebugCarson.missingMessage))
      return nil
    }
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("carson-libcurl-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let jenkinsfile = scratch.appendingPathComponent("Jenkinsfile").path
    try "pipeline {\n  agent any\n  stages {\n    stage('build') {\n      steps {\n        echo 'hi'\n      }\n    }\n  }\n}\n"
      .write(toFile: jenkinsfile, atomically: true, encoding: .utf8)
    return try DebugCarson.run(
      [
        "run", jenkinsfile, "--log-format", "plain", "--state-dir", scratch.appendingPathComponent("state").path,
        "--gitlab-url", server.baseURL, "--gitlab-project", "42", "--env", "GIT_COMMIT=\(Self.sha)",
      ], environment: ["GITLAB_TOKEN": Self.token, "LD_LIBRARY_PATH": libraryPath])
  }

  @Test func withLibcurlTheStatusesReachGitLab() throws {
    let server = try FakeGitLabServer(token: Self.token)
    guard let outcome = try runCarson(server, libraryPath: nil) else { return }
    #expect(outcome.status == 0, "\(outcome.output)")
    #expect(server.statuses.map(\.state) == ["pending", "running", "success"], "\(outcome.output)")
    #expect(!outcome.output.contains("WARNING"), "\(outcome.output)")
  }

  @Test func aLibcurlThatCannotBeLoadedIsAWarningAndTheBuildSucceeds() throws {
    // Files by libcurl's names that are not libraries: dlopen finds them first and fails.
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("carson-no-libcurl-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    for name in ["libcurl.so.4", "libcurl-gnutls.so.4"] {
      try "not a library".write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let server = try FakeGitLabServer(token: Self.token)
    guard let outcome = try runCarson(server, libraryPath: directory.path) else { return }
    #expect(outcome.status == 0, "\(outcome.output)")
    #expect(server.calls.isEmpty)
    let warning = "WARNING: Failed to update GitLab commit status 'jenkins' to running for project '42': "
      + "POST /api/v4/projects/42/statuses/\(Self.sha): not sent: libcurl could not be loaded"
    #expect(outcome.output.contains(warning), "\(outcome.output)")
    #expect(outcome.output.contains("\(directory.path)/libcurl.so.4: "), "\(outcome.output)")
    #expect(!outcome.output.contains("after 2 attempts"), "\(outcome.output)")
    #expect(!outcome.output.contains(Self.token))
  }
}
