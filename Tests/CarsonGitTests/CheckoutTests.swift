import CarsonTestSupport
import Foundation
import Testing

@testable import CarsonGit

@Suite struct CheckoutTests {
  @Test func clonesTheDefaultBranchOverFileURLs() throws {
    let fixture = try GitFixture()
    defer { fixture.remove() }
    let remote = try fixture.makeRemote()
    let workspace = fixture.root.appendingPathComponent("ws").path
    let result = try GitRepository.checkout(CheckoutRequest(url: "file://\(remote.path)"), into: workspace)
    #expect(result.branch == "main")
    #expect(result.commit.sha == (try fixture.git(["rev-parse", "main"], in: remote)))
    #expect(result.commit.authorName == "Ada Author")
    #expect(result.commit.committerEmail == "test@carson.invalid")
    #expect(result.commit.message == "third: docs\n")
    #expect(FileManager.default.fileExists(atPath: workspace + "/docs/guide.md"))
    // The work tree is a real git repository on branch main (the git CLI agrees).
    #expect(try fixture.git(["rev-parse", "--abbrev-ref", "HEAD"], in: URL(fileURLWithPath: workspace)) == "main")
    #expect(try fixture.git(["status", "--porcelain"], in: URL(fileURLWithPath: workspace)) == "")
  }

  static let namedRefs: [(ref: String, branch: String?, tag: String?)] = [
    ("feature", "feature", nil), ("refs/heads/feature", "feature", nil), ("origin/feature", "feature", nil),
    ("v1", nil, "v1"), ("light", nil, "light"),
  ]

  @Test(arguments: namedRefs)
  func checksOutBranchesAndTags(ref: String, branch: String?, tag: String?) throws {
    let fixture = try GitFixture()
    defer { fixture.remove() }
    let remote = try fixture.makeRemote()
    let workspace = fixture.root.appendingPathComponent("ws").path
    let result = try GitRepository.checkout(CheckoutRequest(url: remote.path, ref: ref), into: workspace)
    #expect(result.branch == branch)
    #expect(result.tag == tag)
    let expected = try fixture.git(["rev-parse", "\(branch ?? tag!)^{commit}"], in: remote)
    #expect(result.commit.sha == expected)
    #expect(GitRepository.open(workspace)?.headCommit()?.sha == expected)
    #expect(GitRepository.open(workspace)?.currentBranch() == branch)
  }

  @Test func checksOutACommitByAbbreviatedSHA() throws {
    let fixture = try GitFixture()
    defer { fixture.remove() }
    let remote = try fixture.makeRemote()
    let second = try fixture.git(["rev-parse", "main~1"], in: remote)
    let result = try GitRepository.checkout(CheckoutRequest(url: remote.path, ref: String(second.prefix(10))), into: fixture.root.appendingPathComponent("ws").path)
    #expect(result.commit.sha == second)
    #expect(result.branch == nil)
    #expect(!FileManager.default.fileExists(atPath: fixture.root.appendingPathComponent("ws/docs/guide.md").path))
  }

  @Test func fetchesMergeRequestHeads() throws {
    let fixture = try GitFixture()
    defer { fixture.remove() }
    let remote = try fixture.makeRemote()
    let result = try GitRepository.checkout(CheckoutRequest(url: remote.path, mergeRequest: 7), into: fixture.root.appendingPathComponent("ws").path)
    #expect(result.commit.sha == (try fixture.git(["rev-parse", "feature"], in: remote)))
    #expect(result.mergeRequest == 7)
    #expect(FileManager.default.fileExists(atPath: fixture.root.appendingPathComponent("ws/feature.txt").path))

    let missing = #expect(throws: GitError.self) {
      try GitRepository.checkout(CheckoutRequest(url: remote.path, mergeRequest: 8), into: fixture.root.appendingPathComponent("ws2").path)
    }
    #expect(missing?.kind == .referenceNotFound)
    #expect(missing?.message.contains("refs/merge-requests/8/head") == true)
  }

  @Test func aNarrowFetchBringsOnlyTheRequestedBranch() throws {
    let fixture = try GitFixture()
    defer { fixture.remove() }
    let remote = try fixture.makeRemote()
    var request = CheckoutRequest(url: remote.path, ref: "feature")
    request.narrow = true
    let workspace = URL(fileURLWithPath: fixture.root.appendingPathComponent("ws").path)
    _ = try GitRepository.checkout(request, into: workspace.path)
    let refs = try fixture.git(["for-each-ref", "--format=%(refname)"], in: workspace).split(separator: "\n").map(String.init)
    #expect(refs.sorted() == ["refs/heads/feature", "refs/remotes/origin/feature"])
  }

  @Test func reusesAWorkspaceAndCleansWhenAsked() throws {
    let fixture = try GitFixture()
    defer { fixture.remove() }
    let remote = try fixture.makeRemote()
    let workspace = fixture.root.appendingPathComponent("ws").path
    _ = try GitRepository.checkout(CheckoutRequest(url: remote.path), into: workspace)
    try "build output".write(toFile: workspace + "/untracked.o", atomically: true, encoding: .utf8)
    try "edited".write(toFile: workspace + "/README.md", atomically: true, encoding: .utf8)
    _ = try GitRepository.checkout(CheckoutRequest(url: remote.path, ref: "feature"), into: workspace)
    #expect(FileManager.default.fileExists(atPath: workspace + "/untracked.o"))
    #expect(try String(contentsOfFile: workspace + "/README.md", encoding: .utf8) == "one\n")
    var clean = CheckoutRequest(url: remote.path, ref: "main")
    clean.clean = true
    _ = try GitRepository.checkout(clean, into: workspace)
    #expect(!FileManager.default.fileExists(atPath: workspace + "/untracked.o"))
    #expect(!FileManager.default.fileExists(atPath: workspace + "/feature.txt"))
  }

  @Test func anUnknownRefIsAClearError() throws {
    let fixture = try GitFixture()
    defer { fixture.remove() }
    let remote = try fixture.makeRemote()
    let error = #expect(throws: GitError.self) {
      try GitRepository.checkout(CheckoutRequest(url: remote.path, ref: "no-such-branch"), into: fixture.root.appendingPathComponent("ws").path)
    }
    #expect(error?.kind == .referenceNotFound)
    #expect(error?.description.contains("no branch, tag or commit named 'no-such-branch'") == true)
  }

  @Test func aRefusedConnectionIsUnreachableAndNeverShowsTheToken() throws {
    let fixture = try GitFixture()
    defer { fixture.remove() }
    var request = CheckoutRequest(url: "http://oauth2:glpat-SECRET123@127.0.0.1:1/group/project.git", ref: "main")
    request.connectTimeout = 2
    #expect(request.url == "http://127.0.0.1:1/group/project.git")
    #expect(request.credentials == .userPassword(username: "oauth2", password: "glpat-SECRET123"))
    let error = #expect(throws: GitError.self) { try GitRepository.checkout(request, into: fixture.root.appendingPathComponent("ws").path) }
    #expect(error?.kind == .unreachable)
    #expect(error?.description.contains("127.0.0.1:1") == true)
    #expect(error?.description.contains("SECRET123") == false)
  }
}

/// A server that accepts the connection and never answers: libgit2 1.5 would wait for ever;
/// Carson's sockets give up after the network timeout.
@Suite(.serialized) struct SilentServerTests {
  @Test func aServerThatNeverAnswersIsAnErrorNotAHang() throws {
    let (fd, port) = try LoopbackSockets.silentListener()
    defer { close(fd) }
    let fixture = try GitFixture()
    defer { fixture.remove() }
    let previous = GitRepository.networkTimeout
    GitRepository.networkTimeout = 1
    defer { GitRepository.networkTimeout = previous }
    for url in ["http://127.0.0.1:\(port)/group/project.git", "git://127.0.0.1:\(port)/project.git"] {
      let error = #expect(throws: GitError.self) { try GitRepository.checkout(CheckoutRequest(url: url), into: fixture.root.appendingPathComponent("ws").path) }
      #expect(error?.message.contains("did not answer in time") == true, "\(url): \(error?.description ?? "")")
    }
  }
}
