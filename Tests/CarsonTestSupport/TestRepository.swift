import Foundation

public struct TestAuthor: Sendable, Equatable {
  public var name: String
  public var email: String

  public init(name: String, email: String) {
    self.name = name
    self.email = email
  }

  public static let ada = TestAuthor(name: "Ada Lovelace", email: "ada@example.com")
  public static let grace = TestAuthor(name: "Grace Hopper", email: "grace@example.com")
}

/// One commit of a test repository's history: the files it writes (on top of its parent's
/// tree), the files it deletes, and the refs that point at it afterwards.
public struct TestCommit: Sendable {
  public var message: String
  /// Path (with `/` for subdirectories) → content.
  public var files: [String: String]
  public var deletions: [String]
  /// The branch the commit goes on; nil for the default branch.
  public var branch: String?
  /// Where `branch` starts when it does not exist yet (a branch or tag name); nil for the
  /// default branch's tip. A branch created before any commit starts empty.
  public var from: String?
  public var author: TestAuthor
  /// Lightweight tags, and annotated tags (their message is their name), at this commit.
  public var tags: [String]
  public var annotatedTags: [String]
  /// Makes `refs/merge-requests/IID/head` point at this commit, as GitLab does for the source
  /// of merge request IID.
  public var mergeRequest: Int?

  public init(
    _ message: String, files: [String: String] = [:], deletions: [String] = [], branch: String? = nil,
    from: String? = nil,
    author: TestAuthor = .ada, tags: [String] = [], annotatedTags: [String] = [], mergeRequest: Int? = nil
  ) {
    self.message = message
    self.files = files
    self.deletions = deletions
    self.branch = branch
    self.from = from
    self.author = author
    self.tags = tags
    self.annotatedTags = annotatedTags
    self.mergeRequest = mergeRequest
  }
}

/// A bare repository built with the real git CLI, as a GitLab server would hold it.
public struct TestRepository: Sendable {
  /// The bare repository.
  public let path: URL
  /// The commits' SHA-1s, in the order they were given.
  public let commits: [String]

  /// The time of the first commit; each next one is a minute later, so the same history
  /// always gets the same SHAs.
  public static let firstCommitTime = 1_704_067_200  // 2024-01-01T00:00:00Z

  /// Builds the history in a scratch working copy, then pushes its branches (except
  /// `unpublishedBranches`, e.g. a fork's branch only reachable through a merge-request ref),
  /// tags and merge-request refs into a new bare repository at `path`, whose HEAD is
  /// `defaultBranch`.
  @discardableResult
  public static func create(
    at path: URL, defaultBranch: String = "main", commits: [TestCommit], unpublishedBranches: Set<String> = []
  ) throws -> TestRepository {
    let work = try TestGit.makeTemporaryDirectory("carson-test-work")
    defer { try? FileManager.default.removeItem(at: work) }
    try TestGit.run(["init", "-q", "-b", defaultBranch, work.path])
    var shas: [String] = []
    var branches: [String] = []
    for (index, commit) in commits.enumerated() {
      let branch = commit.branch ?? defaultBranch
      try switchTo(branch, from: commit.from ?? defaultBranch, known: branches, hasCommits: !shas.isEmpty, in: work)
      if !branches.contains(branch) { branches.append(branch) }
      for (file, content) in commit.files {
        let url = work.appendingPathComponent(file)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(content.utf8).write(to: url)
      }
      for file in commit.deletions { try TestGit.run(["rm", "-q", "-r", "--", file], in: work) }
      try TestGit.run(["add", "-A"], in: work)
      let date = "@\(firstCommitTime + 60 * index) +0000"
      let identity = [
        "GIT_AUTHOR_NAME": commit.author.name, "GIT_AUTHOR_EMAIL": commit.author.email, "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
      ]
      try TestGit.run(["commit", "-q", "--allow-empty", "-m", commit.message], in: work, environment: identity)
      shas.append(
        try TestGit.run(["rev-parse", "HEAD"], in: work).output.trimmingCharacters(in: .whitespacesAndNewlines))
      for tag in commit.tags { try TestGit.run(["tag", tag], in: work) }
      for tag in commit.annotatedTags {
        try TestGit.run(["tag", "-a", tag, "-m", tag], in: work, environment: identity)
      }
      if let iid = commit.mergeRequest {
        try TestGit.run(["update-ref", "refs/merge-requests/\(iid)/head", "HEAD"], in: work)
      }
    }
    try TestGit.run(["init", "-q", "--bare", "-b", defaultBranch, path.path])
    let published = branches.filter { !unpublishedBranches.contains($0) }.map { "refs/heads/\($0):refs/heads/\($0)" }
    try TestGit.run(
      ["push", "-q", path.path] + published + [
        "refs/tags/*:refs/tags/*", "refs/merge-requests/*:refs/merge-requests/*",
      ],
      in: work)
    return TestRepository(path: path, commits: shas)
  }

  /// The SHA-1 a revision (branch, tag, ref, `main~1`) names in the bare repository.
  public func sha(_ revision: String) throws -> String {
    try TestGit.run(["rev-parse", "--verify", "-q", revision + "^{commit}"], in: path).output
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  private static func switchTo(_ branch: String, from start: String, known: [String], hasCommits: Bool, in work: URL)
    throws
  {
    let current = try TestGit.runAllowingFailure(["symbolic-ref", "--short", "HEAD"], in: work).output
      .trimmingCharacters(in: .whitespacesAndNewlines)
    if branch == current { return }
    if known.contains(branch) {
      try TestGit.run(["checkout", "-q", branch], in: work)
    } else if hasCommits {
      try TestGit.run(["checkout", "-q", "-b", branch, start], in: work)
    } else {
      try TestGit.run(["checkout", "-q", "--orphan", branch], in: work)
    }
  }
}
