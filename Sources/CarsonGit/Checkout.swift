import Foundation

/// What to check out, from where, and how to authenticate: `carson run --repo URL --ref REF`,
/// `checkout scm`, the `git` step and `checkout([$class: 'GitSCM', …])`.
public struct CheckoutRequest: Sendable {
  /// The remote, without credentials (credentials in a URL are split off into `credentials`).
  public var url: String
  /// A branch, tag, full ref name (`refs/…`) or commit SHA; nil: the remote's default branch.
  public var ref: String?
  /// A GitLab merge request, fetched from `refs/merge-requests/IID/head`.
  public var mergeRequest: Int?
  /// Check out exactly this commit (fetched through `ref`): every agent of a run builds the
  /// commit the run started with, even when the branch has moved since.
  public var commit: String?
  /// Fetch only the requested ref (no other branches, no tags). libgit2 1.5 cannot make shallow
  /// clones (that came with 1.7), so `--depth` narrows the fetch to this instead.
  public var narrow = false
  /// Remove untracked files before checking out (`CleanBeforeCheckout`).
  public var clean = false
  public var credentials: GitCredentials = .none
  public var hostKeys: HostKeyPolicy = .standard
  /// How long to wait for the TCP connection to the remote.
  public var connectTimeout: TimeInterval = 20
  /// Checked while data arrives: returning true stops the transfer (the build was aborted).
  public var isCancelled: @Sendable () -> Bool = { false }

  public init(url: String, ref: String? = nil, mergeRequest: Int? = nil, credentials: GitCredentials = .none) {
    let split = splitCredentials(fromURL: url)
    self.url = split.url
    self.ref = ref
    self.mergeRequest = mergeRequest
    self.credentials = split.credentials ?? credentials
  }
}

/// What a checkout produced: the commit and how it was named.
public struct CheckoutResult: Sendable, Equatable {
  public var commit: CommitInfo
  /// The branch, when the ref named one (or the default branch was taken).
  public var branch: String?
  public var tag: String?
  public var mergeRequest: Int?
  /// The remote's URL, without credentials.
  public var url: String

  public init(commit: CommitInfo, branch: String?, tag: String?, mergeRequest: Int?, url: String) {
    self.commit = commit
    self.branch = branch
    self.tag = tag
    self.mergeRequest = mergeRequest
    self.url = url
  }
}

public struct CommitInfo: Sendable, Equatable {
  public var sha: String
  public var authorName: String
  public var authorEmail: String
  public var committerName: String
  public var committerEmail: String
  public var message: String
  /// Seconds since 1970 (the committer's time).
  public var time: Int64

  public init(sha: String, authorName: String, authorEmail: String, committerName: String, committerEmail: String, message: String, time: Int64) {
    self.sha = sha
    self.authorName = authorName
    self.authorEmail = authorEmail
    self.committerName = committerName
    self.committerEmail = committerEmail
    self.message = message
    self.time = time
  }
}

/// One commit of a changelog, with the paths it touched.
public struct ChangeCommit: Sendable, Equatable {
  public var commit: CommitInfo
  public var paths: [String]
}

extension HostKeyPolicy {
  /// `~/.ssh/known_hosts` and the system-wide `/etc/ssh/ssh_known_hosts`, as ssh reads them.
  public static var standard: HostKeyPolicy {
    let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
    return .knownHosts([home + "/.ssh/known_hosts", "/etc/ssh/ssh_known_hosts"])
  }
}
