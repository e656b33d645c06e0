import CarsonEngine
import CarsonTestSupport
import Foundation
import Testing

/// Commit statuses and merge-request comments of whole runs, against a loopback GitLab.
@Suite struct GitLabStatusTests {
  static let token = "glpat-RUN-token-must-not-leak-789"
  static let sha = "0123456789abcdef0123456789abcdef01234567"
  let server: FakeGitLabServer

  init() throws {
    server = try FakeGitLabServer(token: Self.token)
  }

  func run(_ jenkinsfile: String, connected: Bool = true, commit: String? = sha, configure: (inout RunOptions) -> Void = { _ in },
    started: ((PipelineRun) -> Void)? = nil) throws -> EngineRun
  {
    try runPipeline(jenkinsfile, configure: { options in
      if connected { options.gitlab = GitLabConnection(baseURL: server.baseURL, project: "42", token: Self.token) }
      if let commit { options.environment["GIT_COMMIT"] = commit }
      configure(&options)
    }, started: started)
  }

  func states(_ name: String) -> [String] { server.statuses.filter { $0.name == name }.map(\.state) }

  static func pipeline(_ steps: String) -> String {
    "pipeline {\n  agent any\n  stages {\n    stage('build') {\n      steps {\n        \(steps)\n      }\n    }\n  }\n}\n"
  }

  @Test func aSuccessfulRunIsPendingRunningSuccess() throws {
    let run = try run(Self.pipeline("echo 'hi'"), configure: { $0.branch = "main" })
    #expect(run.result == .success)
    #expect(states("jenkins") == ["pending", "running", "success"])
    #expect(server.statuses.allSatisfy { $0.sha == Self.sha && $0.ref == "main" && $0.description == $0.state })
    #expect(server.calls.allSatisfy { $0.authenticated })
  }

  @Test func aFailedStepEndsFailedAndUnstableMapsToFailed() throws {
    let failed = try run(Self.pipeline("error 'boom'"))
    #expect(failed.result == .failure)
    #expect(states("jenkins") == ["pending", "running", "failed"])
    let unstable = try FakeGitLabServer(token: Self.token)
    _ = try runPipeline(Self.pipeline("unstable 'flaky'"), configure: {
      $0.gitlab = GitLabConnection(baseURL: unstable.baseURL, project: "42", token: Self.token)
      $0.environment["GIT_COMMIT"] = Self.sha
    })
    #expect(unstable.statuses.map(\.state) == ["pending", "running", "failed"])
  }

  @Test func anAbortedRunEndsCanceled() throws {
    let run = try run(Self.pipeline("sh 'sleep 30'"), started: { run in
      DispatchQueue.global().asyncAfter(deadline: .now() + 1) { run.abort() }
    })
    #expect(run.result == .aborted)
    #expect(states("jenkins") == ["pending", "running", "canceled"])
  }

  @Test func aGitLabThatIsDownIsAWarningAndTheBuildSucceeds() throws {
    server.down = true
    let run = try run(Self.pipeline("echo 'still built'"))
    #expect(run.result == .success)
    #expect(run.plain.contains("still built"))
    #expect(run.plain.contains("WARNING: Failed to update GitLab commit status 'jenkins' to pending for project '42'"))
    #expect(run.plain.contains("WARNING: Failed to update GitLab commit status 'jenkins' to success for project '42'"))
    #expect(run.json.contains("\"type\":\"log\"") && run.json.contains("Failed to update GitLab commit status"))
    #expect(server.statuses.isEmpty)
  }

  @Test func gitlabCommitStatusWrapsAFailingBlock() throws {
    let run = try run(Self.pipeline("gitlabCommitStatus('compile') { error 'does not compile' }"))
    #expect(run.result == .failure)
    #expect(states("compile") == ["running", "failed"])
    #expect(states("jenkins") == ["pending", "running", "failed"])
  }

  @Test func gitlabCommitStatusWithoutANameUsesJenkinsAndTheRunStillReportsItsOwnEnd() throws {
    let run = try run(Self.pipeline("script { gitlabCommitStatus { echo 'ok' } }\n        error 'later'"))
    #expect(run.result == .failure)
    // The step's success is followed by the run's own final state under the same name.
    #expect(states("jenkins") == ["pending", "running", "running", "success", "failed"])
  }

  @Test func updateGitlabCommitStatusSetsAStateAndRejectsAnUnknownOne() throws {
    let run = try run(Self.pipeline("updateGitlabCommitStatus name: 'deploy', state: 'canceled'\n        updateGitlabCommitStatus name: 'deploy', state: 'done'"))
    #expect(run.result == .failure)
    #expect(states("deploy") == ["canceled"])
    #expect(run.plain.contains("updateGitlabCommitStatus: state 'done' is not one of pending, running, success, failed, canceled, skipped"))
  }

  @Test func gitlabBuildsMarksPendingAndFailsThoseNeverStarted() throws {
    let run = try run(Self.pipeline("gitlabBuilds(builds: ['build', 'test']) {\n gitlabCommitStatus('build') { echo 'built' }\n error 'tests crashed' }"))
    #expect(run.result == .failure)
    #expect(states("build") == ["pending", "running", "success"])
    #expect(states("test") == ["pending", "failed"])
  }

  @Test func gitlabBuildsLeftPendingAfterSuccessAreFinishedWithTheRun() throws {
    let run = try run(Self.pipeline("gitlabBuilds(builds: ['a, b']) { gitlabCommitStatus('a') { echo 'x' } }"))
    #expect(run.result == .success)
    #expect(run.plain.contains("There are still pending GitLab builds. Please check your configuration"))
    #expect(states("a") == ["pending", "running", "success"])
    #expect(states("b") == ["pending", "success"])
  }

  @Test func addGitLabMRCommentNotesTheTriggeringMergeRequest() throws {
    let run = try run(Self.pipeline("addGitLabMRComment(comment: \"Build ${env.BUILD_NUMBER} passed\")"), configure: {
      $0.environment["gitlabMergeRequestIid"] = "7"
      $0.buildNumber = 12
    })
    #expect(run.result == .success)
    #expect(server.notes.map(\.body) == ["Build 12 passed"])
    #expect(server.notes.first?.mergeRequestIID == 7)
  }

  @Test func addGitLabMRCommentWithoutAMergeRequestSaysSo() throws {
    let run = try run(Self.pipeline("addGitLabMRComment(comment: 'hi')"))
    #expect(run.result == .success)
    #expect(server.notes.isEmpty)
    #expect(run.plain.contains("addGitLabMRComment: the build was not triggered by a GitLab merge request"))
  }

  @Test func withoutAConnectionStepsSaySoAndRunTheirBody() throws {
    let run = try run(Self.pipeline("gitlabCommitStatus('x') { echo 'body ran' }\n        updateGitlabCommitStatus name: 'y', state: 'running'"), connected: false)
    #expect(run.result == .success)
    #expect(run.plain.contains("body ran"))
    #expect(run.plain.contains("No GitLab connection configured: commit status 'x' is not reported to GitLab"))
    #expect(run.plain.contains("No GitLab connection configured: commit status 'y' (running) is not reported to GitLab"))
    #expect(server.calls.isEmpty)
  }

  @Test func withoutACommitOneWarningAndNoStatus() throws {
    let run = try run(Self.pipeline("updateGitlabCommitStatus name: 'a', state: 'running'"), commit: nil)
    #expect(run.result == .success)
    #expect(server.calls.isEmpty)
    #expect(run.plain.components(separatedBy: "GitLab commit statuses are not reported: no commit").count == 2)
  }

  @Test func theCommitIsHeadOfTheJenkinsfilesRepositoryWithoutGitCommit() throws {
    let scratch = Scratch()
    func git(_ arguments: [String]) throws {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["git", "-C", scratch.workspace, "-c", "user.name=t", "-c", "user.email=t@example.com"] + arguments
      try process.run()
      process.waitUntilExit()
    }
    try git(["init", "-q"])
    try "x".write(toFile: scratch.workspace + "/file", atomically: true, encoding: .utf8)
    try git(["add", "file"])
    try git(["commit", "-qm", "one"])
    let head = try String(contentsOfFile: scratch.workspace + "/.git/" + String(contentsOfFile: scratch.workspace + "/.git/HEAD", encoding: .utf8)
      .dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    _ = try runPipeline(Self.pipeline("echo 'x'"), scratch: scratch, configure: {
      $0.gitlab = GitLabConnection(baseURL: server.baseURL, project: "42", token: Self.token)
    })
    #expect(head.count == 40)
    #expect(server.statuses.map(\.sha) == [head, head, head])
  }

  @Test func theTokenNeverAppearsInAnyOutput() throws {
    let wrong = try FakeGitLabServer(token: "another-token")
    let run = try runPipeline(Self.pipeline("sh 'echo token is $GITLAB_TOKEN'\n        gitlabCommitStatus('t') { echo 'x' }"), configure: {
      $0.gitlab = GitLabConnection(baseURL: wrong.baseURL, project: "42", token: Self.token)
      $0.environment["GIT_COMMIT"] = Self.sha
      $0.processEnvironment["GITLAB_TOKEN"] = Self.token
    })
    #expect(run.result == .success)
    #expect(run.plain.contains("token is ****"))
    #expect(run.plain.contains("HTTP 401"))
    #expect(!run.everything.contains(Self.token))
  }
}
