import CarsonEngine
import CarsonTestSupport
import Foundation
import Testing

/// `carson run --repo` against a real git server: `git http-backend` over smart HTTP with basic
/// auth on loopback, as GitLab serves repositories.
@Suite struct GitRepositoryRunTests {
  static let token = "glpat-s3cr3t-T0KEN"
  static let jenkinsfile = """
    pipeline {
      agent any
      stages {
        stage('show') {
          steps {
            sh 'echo "BRANCH_NAME=$BRANCH_NAME TAG_NAME=$TAG_NAME CHANGE_ID=$CHANGE_ID GIT_BRANCH=$GIT_BRANCH"'
            sh 'echo "GIT_COMMIT=$GIT_COMMIT GIT_PREVIOUS_COMMIT=$GIT_PREVIOUS_COMMIT"'
            sh 'echo "GIT_URL=$GIT_URL GIT_AUTHOR_NAME=$GIT_AUTHOR_NAME GIT_COMMITTER_EMAIL=$GIT_COMMITTER_EMAIL"'
            sh 'cat version.txt'
          }
        }
        stage('src changed') {
          when { changeset 'src/**' }
          steps { echo 'SRC CHANGED' }
        }
        stage('fix in log') {
          when { changelog '.*fix.*' }
          steps { echo 'A FIX' }
        }
      }
    }
    """

  /// A served repository: main (two commits), a tag, a feature branch and merge request 5.
  final class Server {
    let root: URL
    let git: GitHTTPServer
    let repository: TestRepository
    init() throws {
      root = try TestGit.makeTemporaryDirectory("carson-git-served")
      try FileManager.default.createDirectory(at: root.appendingPathComponent("group"), withIntermediateDirectories: true)
      repository = try TestRepository.create(at: root.appendingPathComponent("group/project.git"), commits: [
        TestCommit("first", files: ["Jenkinsfile": GitRepositoryRunTests.jenkinsfile, "version.txt": "one\n"], annotatedTags: ["v1.0"]),
        TestCommit("second: a fix in src", files: ["src/main.c": "int main;\n", "version.txt": "two\n"]),
        TestCommit("feature work", files: ["version.txt": "feature\n"], branch: "feature", mergeRequest: 5),
      ])
      git = try GitHTTPServer(root: root, username: "oauth2", password: GitRepositoryRunTests.token)
    }
    var url: String { git.url("group/project.git") }
    deinit {
      git.stop()
      try? FileManager.default.removeItem(at: root)
    }
  }

  /// `SourceRepository.prepare` as `carson run --repo` calls it, then the run.
  func runRepository(_ server: Server, scratch: Scratch, configure: (inout RunOptions) -> Void) throws -> (EngineRun, String) {
    var options = RunOptions(workspace: scratch.workspace, jobName: "project")
    options.stateDirectory = scratch.path + "/state"
    options.repository = RepositorySource(url: server.url)
    options.credentials = CredentialStore(["gitlab": .secretText(Self.token)])
    options.repository?.credentialsID = "gitlab"
    configure(&options)
    var log: [String] = []
    let path = try SourceRepository.prepare(&options) { log.append($0) }
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let prepared = options
    let run = try runPipeline(text, scratch: scratch) { $0 = prepared }
    return (run, log.joined(separator: "\n"))
  }

  @Test func buildsTheDefaultBranchWithJenkinsVariables() throws {
    let server = try Server()
    let scratch = Scratch()
    let (run, log) = try runRepository(server, scratch: scratch) { _ in }
    #expect(run.result == .success, "\(run.plain)")
    let head = server.repository.commits[1]
    #expect(log.contains("Obtained Jenkinsfile from \(head)"))
    #expect(run.plain.contains("BRANCH_NAME=main TAG_NAME= CHANGE_ID= GIT_BRANCH=main"))
    #expect(run.plain.contains("GIT_COMMIT=\(head) GIT_PREVIOUS_COMMIT="))
    #expect(run.plain.contains("GIT_URL=\(server.url) GIT_AUTHOR_NAME=Ada Lovelace GIT_COMMITTER_EMAIL=test@carson.invalid"))
    #expect(run.plain.contains("two"))
    #expect(run.plain.contains("Checking out Revision \(head) (origin/main)"))
    // A first build has no changelog: neither condition holds.
    #expect(!run.plain.contains("SRC CHANGED") && !run.plain.contains("A FIX"))
    #expect(!run.everything.contains(Self.token))
    // The server saw authenticated requests only (after the first 401 challenge).
    #expect(server.git.requests.contains { $0.authenticated })
  }

  @Test func buildsATagACommitAndAMergeRequest() throws {
    let server = try Server()
    let (tagRun, _) = try runRepository(server, scratch: Scratch()) { $0.repository?.ref = "v1.0" }
    #expect(tagRun.plain.contains("BRANCH_NAME=v1.0 TAG_NAME=v1.0 CHANGE_ID= GIT_BRANCH=v1.0"))
    #expect(tagRun.plain.contains("GIT_COMMIT=\(server.repository.commits[0])"))
    #expect(tagRun.plain.contains("one"))

    let first = server.repository.commits[0]
    let (shaRun, _) = try runRepository(server, scratch: Scratch()) { $0.repository?.ref = String(first.prefix(12)) }
    #expect(shaRun.result == .success, "\(shaRun.plain)")
    #expect(shaRun.plain.contains("GIT_COMMIT=\(first)"))

    let (mrRun, _) = try runRepository(server, scratch: Scratch()) { $0.repository?.mergeRequest = 5 }
    #expect(mrRun.plain.contains("BRANCH_NAME=MR-5 TAG_NAME= CHANGE_ID=5 GIT_BRANCH=MR-5"))
    #expect(mrRun.plain.contains("feature"))
  }

  @Test func aSecondRunSeesTheChangesSinceTheFirst() throws {
    let server = try Server()
    let scratch = Scratch()
    _ = try runRepository(server, scratch: scratch) { $0.repository?.ref = "v1.0" }
    let (second, _) = try runRepository(server, scratch: scratch) { $0.repository?.ref = "main" }
    #expect(second.plain.contains("GIT_PREVIOUS_COMMIT=\(server.repository.commits[0])"))
    #expect(second.plain.contains("SRC CHANGED"))
    #expect(second.plain.contains("A FIX"))
  }

  @Test func aWrongTokenIsAClearErrorThatNeverShowsTheToken() throws {
    let server = try Server()
    let wrong = "glpat-WRONG-value-123"
    let error = #expect(throws: RunSetupError.self) {
      try runRepository(server, scratch: Scratch()) { $0.credentials = CredentialStore(["gitlab": .secretText(wrong)]) }
    }
    #expect(error?.message.contains("authentication") == true, "\(error?.message ?? "")")
    #expect(error?.message.contains(server.url) == true)
    #expect(error?.message.contains(wrong) == false)
    // No credentials at all: the message says how to give some.
    let none = #expect(throws: RunSetupError.self) {
      try runRepository(server, scratch: Scratch()) {
        $0.repository?.credentialsID = nil
        $0.processEnvironment["GITLAB_TOKEN"] = nil
      }
    }
    #expect(none?.message.contains("GITLAB_TOKEN") == true, "\(none?.message ?? "")")
  }

  @Test func theGitlabTokenVariableAuthenticates() throws {
    let server = try Server()
    let (run, _) = try runRepository(server, scratch: Scratch()) {
      $0.repository?.credentialsID = nil
      $0.processEnvironment["GITLAB_TOKEN"] = Self.token
    }
    #expect(run.result == .success)
  }

  @Test func gitAndCheckoutStepsCloneWithCredentialsIntoSubdirectories() throws {
    let server = try Server()
    let jenkinsfile = """
      pipeline {
        agent any
        stages {
          stage('git') {
            steps {
              dir('a') { git url: '\(server.url)', branch: 'feature', credentialsId: 'gitlab' }
              sh 'cat a/version.txt'
              script {
                def vars = checkout([$class: 'GitSCM', branches: [[name: '*/main']],
                  userRemoteConfigs: [[url: '\(server.url)', credentialsId: 'gitlab']],
                  extensions: [[$class: 'RelativeTargetDirectory', relativeTargetDir: 'b'], [$class: 'CleanBeforeCheckout'],
                               [$class: 'CloneOption', shallow: true, depth: 1]]])
                echo "checked out ${vars.GIT_COMMIT} on ${vars.GIT_BRANCH}"
              }
              sh 'cat b/version.txt'
              checkout scmGit(branches: [[name: 'v1.0']], userRemoteConfigs: [[url: '\(server.url)', credentialsId: 'gitlab']],
                              extensions: [relativeTargetDirectory('c')])
              sh 'cat c/version.txt'
            }
          }
        }
      }
      """
    let run = try runPipeline(jenkinsfile) { $0.credentials = CredentialStore(["gitlab": .usernamePassword(username: "oauth2", password: Self.token)]) }
    #expect(run.result == .success, "\(run.plain)")
    #expect(run.plain.contains("feature\n"))
    #expect(run.plain.contains("checked out \(server.repository.commits[1]) on origin/main"))
    #expect(run.plain.contains("two\n"))
    #expect(run.plain.contains("one\n"))
    #expect(!run.everything.contains(Self.token))
  }

  @Test func aFailedStepCheckoutFailsItsStageWithTheReason() throws {
    let server = try Server()
    let jenkinsfile = """
      pipeline {
        agent any
        stages { stage('git') { steps { git url: '\(server.url)', branch: 'no-such-branch', credentialsId: 'gitlab' } } }
        post { always { echo 'POST RAN' } }
      }
      """
    let run = try runPipeline(jenkinsfile) { $0.credentials = CredentialStore(["gitlab": .secretText(Self.token)]) }
    #expect(run.result == .failure)
    #expect(run.plain.contains("no branch, tag or commit named 'no-such-branch'"))
    #expect(run.plain.contains("POST RAN"))
  }

  @Test func checkoutScmAndTheGitStepWorkInADockerAgent() throws {
    if let reason = DockerTestEngine.unavailable {
      Issue.record("SKIPPED git in a Docker agent: \(reason)")
      return
    }
    let server = try Server()
    let jenkinsfile = """
      pipeline {
        agent { docker { image '\(DockerTestEngine.image)' } }
        stages {
          stage('in container') {
            steps {
              sh 'cat version.txt; test -f /.dockerenv && echo IN-CONTAINER'
              dir('lib') { git url: '\(server.url)', branch: 'feature', credentialsId: 'gitlab' }
              sh 'cat lib/version.txt'
            }
          }
        }
      }
      """
    let scratch = Scratch()
    var options = RunOptions(workspace: scratch.workspace, jobName: "project")
    options.stateDirectory = scratch.path + "/state"
    options.repository = RepositorySource(url: server.url)
    options.repository?.credentialsID = "gitlab"
    options.credentials = CredentialStore(["gitlab": .secretText(Self.token)])
    _ = try SourceRepository.prepare(&options) { _ in }
    try jenkinsfile.write(toFile: scratch.workspace + "/Jenkinsfile", atomically: true, encoding: .utf8)
    let prepared = options
    let run = try runPipeline(jenkinsfile, scratch: scratch) { $0 = prepared }
    #expect(run.result == .success, "\(run.plain)")
    #expect(run.plain.contains("two\n"))
    #expect(run.plain.contains("IN-CONTAINER"))
    #expect(run.plain.contains("feature\n"))
    #expect(!run.everything.contains(Self.token))
  }
}

/// The `git` step over SSH with a key from the credentials file (text, no `.pub` beside it).
@Suite struct GitSSHStepTests {
  @Test func cloneWithAnSSHKeyCredential() throws {
    if let reason = SSHTestServer.unavailable {
      Issue.record("SKIPPED git over SSH: \(reason)")
      return
    }
    let root = try TestGit.makeTemporaryDirectory("carson-git-ssh")
    defer { try? FileManager.default.removeItem(at: root) }
    let repository = try TestRepository.create(at: root.appendingPathComponent("project.git"), commits: [TestCommit("only", files: ["hello.txt": "over ssh\n"])])
    let server = try SSHTestServer()
    defer { server.stop() }
    let jenkinsfile = """
      pipeline {
        agent any
        stages { stage('ssh') { steps { git url: '\(server.url(repository.path.path))', branch: 'main', credentialsId: 'deploy-key'; sh 'cat hello.txt' } } }
      }
      """
    let run = try runPipeline(jenkinsfile) {
      $0.credentials = CredentialStore(["deploy-key": .sshKey(username: server.user, privateKey: server.clientKey, passphrase: nil)])
      $0.gitHostKeys = .knownHosts([server.knownHostsPath])
    }
    #expect(run.result == .success, "\(run.plain)")
    #expect(run.plain.contains("over ssh"))
    #expect(!run.everything.contains("PRIVATE KEY"))
  }
}
