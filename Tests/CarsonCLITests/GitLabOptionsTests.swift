import CarsonEngine
import CarsonTestSupport
import Foundation
import Testing

@testable import CarsonCLI

/// `--gitlab-event`, `--gitlab-url`, `--gitlab-project` turned into RunOptions (nothing runs).
/// Serialized: two tests set and unset GITLAB_TOKEN in the process environment.
@Suite(.serialized) struct GitLabOptionsTests {
  let io = CommandIO(stdout: CapturedOutput(), stderr: CapturedOutput(), readStdin: { [] }, currentDirectory: SharedCorpus.repositoryRoot.path)

  func options(_ argv: [String]) throws -> RunOptions {
    let parsed = try ArgumentParser.parse(argv, for: RunCommand.spec)
    return try RunCommand.runOptions(parsed, jenkinsfile: RunCommand.clonesRepository(parsed) ? nil : "fixtures/demo/Jenkinsfile", io)
  }

  @Test func aMergeRequestEventClonesTheMergeRequestAndSetsTheChangeAndCause() throws {
    let o = try options(["--gitlab-event", "fixtures/gitlab/merge_request.json"])
    #expect(o.repository == RepositorySource(url: "http://example.com/awesome_space/awesome_project.git", ref: nil, mergeRequest: 1))
    #expect(o.branch == "MR-1")
    #expect(o.changeID == "1")
    #expect(o.changeTarget == "master")
    #expect(o.tag == nil)
    #expect(o.environment["gitlabSourceBranch"] == "ms-viewport")
    #expect(o.environment["gitlabActionType"] == "MERGE")
    #expect(o.environment["CHANGE_BRANCH"] == "ms-viewport")
    #expect(o.causes == [BuildCause(className: "com.dabsquared.gitlabjenkins.cause.GitLabWebHookCause", shortDescription: "Triggered by GitLab Merge Request #1: Awesome Space/ms-viewport => master")])
    #expect(o.causes.first?.matches("GitLabWebHookCause", detail: nil) == true)
    #expect(o.gitlab == nil)
  }

  @Test func withAJenkinsfileArgumentNothingIsClonedButTheVariablesApply() throws {
    let o = try options(["--gitlab-event", "fixtures/gitlab/tag_push.json", "fixtures/demo/Jenkinsfile"])
    #expect(o.repository == nil)
    #expect(o.tag == "v1.0.0")
    #expect(o.branch == "v1.0.0")
    #expect(o.environment["gitlabActionType"] == "TAG_PUSH")
  }

  @Test func explicitOptionsWinOverTheEvent() throws {
    let o = try options([
      "--gitlab-event", "fixtures/gitlab/push.json", "--branch", "mine", "--env", "gitlabUserName=Me", "--cause", "timer", "--ref", "v2",
    ])
    #expect(o.branch == "mine")
    #expect(o.environment["gitlabUserName"] == "Me")
    #expect(o.environment["gitlabUserEmail"] == "john@example.com")
    #expect(o.causes == [.timer])
    #expect(o.repository?.ref == "v2")
    #expect(o.repository?.url == "http://example.com/mike/diaspora.git")
  }

  @Test func theConnectionTakesTheTokenFromTheEnvironmentAndTheProjectFromTheEvent() throws {
    setenv("GITLAB_TOKEN", "glpat-from-env", 1)
    defer { unsetenv("GITLAB_TOKEN") }
    let o = try options(["--gitlab-event", "fixtures/gitlab/push.json", "--gitlab-url", "https://gitlab.example.com", "fixtures/demo/Jenkinsfile"])
    #expect(o.gitlab?.baseURL == "https://gitlab.example.com")
    #expect(o.gitlab?.project == "15")
    #expect(o.gitlab?.token == "glpat-from-env")
  }

  @Test func theCredentialsFileTokenIsUsedAndTheProjectCanBeAPath() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("carson-gitlab-creds-\(UUID().uuidString).json").path
    try #"{"gitlab-token": {"kind": "secret-text", "secret": "glpat-from-file"}}"#.write(toFile: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: file) }
    let o = try options(["--credentials", file, "--gitlab-url", "http://127.0.0.1:9", "--gitlab-project", "group/project"])
    #expect(o.gitlab?.token == "glpat-from-file")
    #expect(o.gitlab?.project == "group/project")
  }

  @Test func misuseIsAClearError() throws {
    unsetenv("GITLAB_TOKEN")
    #expect(throws: UsageError.invalid("--gitlab-project needs --gitlab-url", command: "run")) { try options(["--gitlab-project", "42"]) }
    #expect(throws: UsageError.self) { try options(["--gitlab-url", "gitlab.example.com", "--gitlab-project", "42"]) }
    #expect(throws: UsageError.self) { try options(["--gitlab-url", "https://gitlab.example.com"]) }
    #expect { try options(["--gitlab-url", "https://gitlab.example.com", "--gitlab-project", "42"]) } throws: { error in
      (error as? RunSetupError)?.message.contains("set GITLAB_TOKEN, or give a secret-text credential 'gitlab-token'") == true
    }
  }

  @Test func aBadEventStopsTheRunNamingTheFile() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("carson-gitlab-cli-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try "{\"event_name\": \"push\"}".write(toFile: directory + "/event.json", atomically: true, encoding: .utf8)
    try "pipeline { agent any; stages { stage('a') { steps { echo 'x' } } } }".write(toFile: directory + "/Jenkinsfile", atomically: true, encoding: .utf8)
    let run = carson(["run", "--gitlab-event", "event.json", "Jenkinsfile"], in: directory)
    #expect(run.code == ExitCode.failure.rawValue)
    #expect(run.stderr == "carson: error: event.json: not a GitLab webhook payload: no \"object_kind\"\n")
    let missing = carson(["run", "--gitlab-event", "nope.json", "Jenkinsfile"], in: directory)
    #expect(missing.code == ExitCode.noInput.rawValue)
  }
}
