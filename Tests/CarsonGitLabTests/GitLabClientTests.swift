import CarsonTestSupport
import Foundation
import Testing

@testable import CarsonGitLab

let testToken = "glpat-TOKEN-never-printed-123"
let testSHA = "da1560886d4f094c3e6c9ef40349f7d38b5d27d7"

/// The client against a loopback GitLab that speaks the documented endpoints.
@Suite struct GitLabClientTests {
  let server: FakeGitLabServer

  init() throws {
    server = try FakeGitLabServer(token: testToken, projects: [.init(id: 42, pathWithNamespace: "group/sub/project")])
  }

  func client(token: String = testToken, project: String = "42", timeout: TimeInterval = 10) -> GitLabClient {
    GitLabClient(baseURL: server.baseURL, project: project, token: token, requestTimeout: timeout)
  }

  @Test func postsACommitStatusWithEveryFieldAndTheTokenHeader() throws {
    try client().postCommitStatus(sha: testSHA, state: .running, ref: "main", name: "build", targetURL: "http://ci/job/1", description: "running")
    let status = try #require(server.statuses.first)
    #expect(server.statuses.count == 1)
    #expect(status.projectID == 42)
    #expect(status.sha == testSHA)
    #expect(status.state == "running")
    #expect(status.ref == "main")
    #expect(status.name == "build")
    #expect(status.targetURL == "http://ci/job/1")
    #expect(status.description == "running")
    let call = try #require(server.calls.first)
    #expect(call.method == "POST")
    #expect(call.path == "/api/v4/projects/42/statuses/\(testSHA)")
    #expect(call.authenticated)
  }

  @Test func aProjectPathIsURLEncoded() throws {
    try client(project: "group/sub/project").postCommitStatus(sha: testSHA, state: .success, ref: nil, name: "jenkins", targetURL: nil, description: nil)
    #expect(server.calls.first?.path == "/api/v4/projects/group%2Fsub%2Fproject/statuses/\(testSHA)")
    #expect(server.statuses.first?.projectID == 42)
    #expect(server.calls.first?.params["ref"] == nil)
  }

  @Test func addsAMergeRequestNote() throws {
    try client().addMergeRequestNote(iid: 7, body: "Build **passed** & done")
    let note = try #require(server.notes.first)
    #expect(note.mergeRequestIID == 7)
    #expect(note.body == "Build **passed** & done")
    #expect(server.calls.first?.path == "/api/v4/projects/42/merge_requests/7/notes")
  }

  @Test func aRejectedTokenIsAnErrorWithGitLabsMessageAndWithoutTheToken() {
    let wrong = "glpat-WRONG-secret-456"
    #expect {
      try client(token: wrong).postCommitStatus(sha: testSHA, state: .pending, ref: nil, name: "jenkins", targetURL: nil, description: nil)
    } throws: { error in
      guard let error = error as? GitLabAPIError else { return false }
      return error.statusCode == 401 && error.message == "401 Unauthorized" && !error.isTransient
        && !"\(error)".contains(wrong) && "\(error)".contains("HTTP 401")
    }
    #expect(server.calls.first?.authenticated == false)
  }

  @Test func anUnknownProjectIsA404() {
    #expect {
      try client(project: "nope/nothing").addMergeRequestNote(iid: 1, body: "x")
    } throws: { error in
      (error as? GitLabAPIError)?.statusCode == 404 && (error as? GitLabAPIError)?.message == "404 Project Not Found"
    }
  }

  @Test func aServerThatDropsConnectionsIsUnreachableAndTransient() {
    server.down = true
    #expect {
      try client().postCommitStatus(sha: testSHA, state: .pending, ref: nil, name: "jenkins", targetURL: nil, description: nil)
    } throws: { error in
      guard let error = error as? GitLabAPIError else { return false }
      return error.isTransient && error.statusCode == nil && !"\(error)".contains(testToken)
    }
  }

  @Test func aSlowServerTimesOut() {
    server.delay(seconds: 3)
    let started = Date()
    #expect {
      try client(timeout: 0.5).postCommitStatus(sha: testSHA, state: .pending, ref: nil, name: "jenkins", targetURL: nil, description: nil)
    } throws: { error in
      (error as? GitLabAPIError)?.kind == .timedOut
    }
    // Bounded by the request timeout (with slack for a loaded machine), not by the server.
    #expect(Date().timeIntervalSince(started) < 2.9)
  }

  @Test func projectIDsAreEncodedForAPath() {
    #expect(GitLabClient.pathComponent("42") == "42")
    #expect(GitLabClient.pathComponent("group/sub/project") == "group%2Fsub%2Fproject")
    #expect(GitLabClient.pathComponent("a b&c") == "a%20b%26c")
  }
}

/// What the libcurl transport adds: failures before any answer, mapped to GitLabAPIError.
@Suite struct GitLabClientTransportTests {
  @Test func aRefusedConnectionIsUnreachableTransientAndWithoutTheToken() throws {
    let port = try LoopbackSockets.closedPort()
    let client = GitLabClient(baseURL: "http://127.0.0.1:\(port)", project: "42", token: testToken)
    #expect {
      try client.postCommitStatus(sha: testSHA, state: .pending, ref: nil, name: "jenkins", targetURL: nil, description: nil)
    } throws: { error in
      guard let error = error as? GitLabAPIError else { return false }
      return error.kind == .unreachable && error.isTransient && !"\(error)".contains(testToken)
        && "\(error)".hasPrefix("POST /api/v4/projects/42/statuses/\(testSHA): GitLab is unreachable: ")
    }
  }

  @Test func aTokenWithALineBreakIsNotSentAndNotRetried() throws {
    let server = try FakeGitLabServer(token: testToken)
    let token = "glpat-broken\nX-Evil: 1"
    #expect {
      try GitLabClient(baseURL: server.baseURL, project: "42", token: token).addMergeRequestNote(iid: 1, body: "x")
    } throws: { error in
      guard let error = error as? GitLabAPIError else { return false }
      return error.kind == .notSent && !error.isTransient && !"\(error)".contains("glpat-broken")
        && "\(error)" == "POST /api/v4/projects/42/merge_requests/1/notes: not sent: a request header contains a line break"
    }
    #expect(server.calls.isEmpty)
  }

  @Test func aLibcurlThatCannotBeLoadedIsNotSentAndNotTransient() {
    let error = GitLabAPIError(endpoint: "POST /api/v4/x", kind: GitLabClient.kind(of: .unavailable), message: "libcurl could not be loaded")
    #expect(error.kind == .notSent)
    #expect(!error.isTransient)
    #expect(error.description == "POST /api/v4/x: not sent: libcurl could not be loaded")
  }
}
