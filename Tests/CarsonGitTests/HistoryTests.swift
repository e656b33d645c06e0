import Foundation
import Testing

@testable import CarsonGit

@Suite struct HistoryTests {
  @Test func listsTheCommitsSinceThePreviousBuildWithTheirPaths() throws {
    let fixture = try GitFixture()
    defer { fixture.remove() }
    let remote = try fixture.makeRemote()
    let workspace = fixture.root.appendingPathComponent("ws").path
    _ = try GitRepository.checkout(CheckoutRequest(url: remote.path), into: workspace)
    let repository = try #require(GitRepository.open(workspace))
    let first = try fixture.git(["rev-list", "--max-parents=0", "main"], in: remote)
    let changes = try repository.commits(since: first)
    #expect(changes.map(\.commit.message) == ["third: docs\n", "second: app\n"])
    #expect(changes.map(\.paths) == [["docs/guide.md"], ["src/app.c"]])
    // The git CLI agrees on which commits those are.
    #expect(changes.map(\.commit.sha) == (try fixture.git(["rev-list", "\(first)..main"], in: remote)).split(separator: "\n").map(String.init))
    #expect(try repository.commits(since: nil).isEmpty)
    #expect(try repository.commits(since: "0123456789012345678901234567890123456789").isEmpty)
    #expect(try repository.commits(since: repository.headCommit()!.sha).isEmpty)
  }

  @Test func reportsDeletionsAndRenamesUnderBothNames() throws {
    let fixture = try GitFixture()
    defer { fixture.remove() }
    let work = fixture.root.appendingPathComponent("w")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    try fixture.git(["init", "-q", "-b", "main"], in: work)
    try fixture.commit(in: work, files: ["a.txt": "a\n", "b.txt": "b\n"], message: "base")
    let base = try fixture.git(["rev-parse", "HEAD"], in: work)
    try fixture.git(["rm", "-q", "b.txt"], in: work)
    try fixture.git(["mv", "a.txt", "moved.txt"], in: work)
    try fixture.git(["commit", "-q", "-m", "remove and move"], in: work)
    let repository = try #require(GitRepository.open(work.path))
    let paths = try repository.commits(since: base).first?.paths ?? []
    #expect(Set(paths) == ["a.txt", "b.txt", "moved.txt"])
  }
}
