import CarsonHTTP
import CarsonTestSupport
import Foundation
import Testing

/// The git CLI against `GitHTTPServer`: real smart HTTP, real basic auth, real repositories.
@Suite struct GitHTTPServerTests {
  let root: URL
  let repository: TestRepository
  let server: GitHTTPServer

  init() throws {
    root = try TestGit.makeTemporaryDirectory("carson-git-http")
    repository = try TestRepository.create(
      at: root.appendingPathComponent("group/project.git"),
      commits: [
        TestCommit("Initial commit", files: ["README.md": "hello\n", "Jenkinsfile": "pipeline {}\n"], tags: ["v1.0"]),
        TestCommit("Add sources", files: ["src/a.txt": "a\n"], author: .grace, annotatedTags: ["v1.1"]),
        TestCommit("Feature work", files: ["feature.txt": "f\n"], branch: "feature/x"),
        TestCommit("Fork change", files: ["mr.txt": "mr\n"], deletions: ["README.md"], branch: "fork", mergeRequest: 1),
      ],
      unpublishedBranches: ["fork"])
    server = try GitHTTPServer(root: root, username: "carson", password: "s3cr3t pass")
  }

  func cleanUp() {
    server.stop()
    try? FileManager.default.removeItem(at: root)
  }

  func head(_ clone: URL) throws -> String {
    try TestGit.run(["rev-parse", "HEAD"], in: clone).output.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  @Test func cloneWithTheRightPasswordGetsTheHistory() throws {
    defer { cleanUp() }
    let clone = root.appendingPathComponent("clone")
    try TestGit.run(["clone", "-q", server.urlWithCredentials("group/project.git"), clone.path])
    #expect(try head(clone) == repository.commits[1])
    #expect(try String(contentsOf: clone.appendingPathComponent("src/a.txt"), encoding: .utf8) == "a\n")
    let log = try TestGit.run(["log", "--format=%an <%ae>|%s"], in: clone).output
    #expect(log == "Grace Hopper <grace@example.com>|Add sources\nAda Lovelace <ada@example.com>|Initial commit\n")
    let requests = server.requests
    // git asks without credentials first, then answers the 401 with them.
    #expect(requests.first?.authenticated == false)
    #expect(requests.first?.status == 401)
    #expect(
      requests.contains { $0.method == "POST" && $0.path == "/group/project.git/git-upload-pack" && $0.status == 200 })
    #expect(requests.filter(\.authenticated).allSatisfy { $0.user == "carson" })
    #expect(!"\(requests)".contains("s3cr3t"))
  }

  @Test func aWrongPasswordOrNoneIsRefused() throws {
    defer { cleanUp() }
    let url = server.url("group/project.git").replacingOccurrences(of: "http://", with: "http://carson:wrong@")
    let wrong = try TestGit.runAllowingFailure(["clone", "-q", url, root.appendingPathComponent("wrong").path])
    #expect(wrong.status != 0)
    #expect(wrong.errorOutput.contains("Authentication failed"))
    let anonymous = try TestGit.runAllowingFailure([
      "clone", "-q", server.url("group/project.git"), root.appendingPathComponent("none").path,
    ])
    #expect(anonymous.status != 0)
    #expect(server.requests.allSatisfy { !$0.authenticated && $0.status == 401 })
    #expect(server.requests.contains { $0.user == "carson" })
    #expect(server.requests.contains { $0.user == nil })
  }

  @Test func cloneOfABranchAndOfATag() throws {
    defer { cleanUp() }
    let branch = root.appendingPathComponent("branch")
    try TestGit.run([
      "clone", "-q", "--branch", "feature/x", server.urlWithCredentials("group/project.git"), branch.path,
    ])
    #expect(try head(branch) == repository.commits[2])
    #expect(FileManager.default.fileExists(atPath: branch.appendingPathComponent("feature.txt").path))
    let tag = root.appendingPathComponent("tag")
    try TestGit.run(["clone", "-q", "--branch", "v1.0", server.urlWithCredentials("group/project.git"), tag.path])
    #expect(try head(tag) == repository.commits[0])
    let annotated = root.appendingPathComponent("annotated")
    try TestGit.run(["clone", "-q", "--branch", "v1.1", server.urlWithCredentials("group/project.git"), annotated.path])
    #expect(try head(annotated) == repository.commits[1])
  }

  @Test func mergeRequestHeadIsFetchableButItsBranchIsNotPublished() throws {
    defer { cleanUp() }
    let clone = root.appendingPathComponent("clone")
    try TestGit.run(["clone", "-q", server.urlWithCredentials("group/project.git"), clone.path])
    try TestGit.run(["fetch", "-q", "origin", "refs/merge-requests/1/head"], in: clone)
    let fetched = try TestGit.run(["rev-parse", "FETCH_HEAD"], in: clone).output.trimmingCharacters(
      in: .whitespacesAndNewlines)
    #expect(fetched == repository.commits[3])
    let heads = try TestGit.run(["ls-remote", "--heads", "origin"], in: clone).output
    #expect(heads.contains("refs/heads/main") && heads.contains("refs/heads/feature/x"))
    #expect(!heads.contains("refs/heads/fork"))
    #expect(try repository.sha("refs/merge-requests/1/head") == repository.commits[3])
  }

  @Test func pushAndAMissingRepository() throws {
    defer { cleanUp() }
    let clone = root.appendingPathComponent("clone")
    try TestGit.run(["clone", "-q", server.urlWithCredentials("group/project.git"), clone.path])
    try TestGit.run(["commit", "-q", "--allow-empty", "-m", "pushed"], in: clone)
    try TestGit.run(["push", "-q", "origin", "HEAD:refs/heads/pushed"], in: clone)
    #expect(try repository.sha("pushed") == head(clone))
    let missing = try TestGit.runAllowingFailure(
      ["clone", "-q", server.urlWithCredentials("group/missing.git"), root.appendingPathComponent("missing").path])
    #expect(missing.status != 0)
    #expect(server.requests.last?.status == 404)
  }

  @Test func theSameHistoryGetsTheSameCommitIDs() throws {
    defer { cleanUp() }
    let again = try TestRepository.create(
      at: root.appendingPathComponent("again.git"),
      commits: [
        TestCommit("Initial commit", files: ["README.md": "hello\n", "Jenkinsfile": "pipeline {}\n"], tags: ["v1.0"]),
        TestCommit("Add sources", files: ["src/a.txt": "a\n"], author: .grace, annotatedTags: ["v1.1"]),
      ])
    #expect(again.commits == Array(repository.commits.prefix(2)))
  }

  @Test func cgiOutputBecomesTheResponse() throws {
    defer { cleanUp() }
    // Smart HTTP's first request, over the server's own HTTP, without git in between.
    let client = try RawHTTPClient(port: server.port)
    let credentials = Data("carson:s3cr3t pass".utf8).base64EncodedString()
    client.send(
      "GET /group/project.git/info/refs?service=git-upload-pack HTTP/1.1\r\nHost: x\r\nAuthorization: Basic \(credentials)\r\n\r\n"
    )
    let response = try #require(try client.readResponse())
    #expect(response.status == 200)
    #expect(response.header("Content-Type") == "application/x-git-upload-pack-advertisement")
    #expect(response.text.hasPrefix("001e# service=git-upload-pack\n"))
    #expect(response.text.contains(repository.commits[1] + " refs/heads/main"))
    client.send("GET /group/project.git/info/refs HTTP/1.1\r\nHost: x\r\n\r\n")
    let unauthorized = try #require(try client.readResponse())
    #expect(unauthorized.status == 401)
    #expect(unauthorized.header("WWW-Authenticate") == "Basic realm=\"GitLab\"")
  }
}
