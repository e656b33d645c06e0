import Foundation

/// Reports commit statuses for one run so that none is left `pending` or `running`: every send
/// is retried (transient failures only) within an overall time limit, failures become warnings
/// (a build never fails because GitLab did not answer), and `finish(result:)` sends a final
/// state for every status name whose last state was not final. Thread-safe. Without a client it
/// does nothing.
public final class CommitStatusReporter: @unchecked Sendable {
  public struct Policy: Sendable {
    /// Tries per status, the first included.
    public var attempts: Int
    /// Wait before the second try; doubled before each further one.
    public var backoff: TimeInterval
    /// The most one status may take, tries and waits together.
    public var overallTimeout: TimeInterval

    public init(attempts: Int = 3, backoff: TimeInterval = 0.5, overallTimeout: TimeInterval = 30) {
      self.attempts = max(1, attempts)
      self.backoff = backoff
      self.overallTimeout = overallTimeout
    }

    public static let standard = Policy()
  }

  /// What was last asked for a status name (whether or not GitLab got it).
  public struct Entry: Sendable, Equatable {
    public var state: CommitState
    public var sha: String
    public var ref: String?
  }

  public let client: GitLabClient?
  public let policy: Policy
  /// Sent as `target_url` (Jenkins sends the build's URL); nil: none.
  public let targetURL: String?
  private let warn: @Sendable (String) -> Void
  private let lock = NSLock()
  private var entries: [String: Entry] = [:]
  private var order: [String] = []

  public init(client: GitLabClient?, targetURL: String? = nil, policy: Policy = .standard, warn: @escaping @Sendable (String) -> Void) {
    self.client = client
    self.targetURL = targetURL
    self.policy = policy
    self.warn = warn
  }

  public var isConnected: Bool { client != nil }

  /// The last state asked for `name`, nil when none was.
  public func lastState(_ name: String) -> CommitState? {
    lock.lock()
    defer { lock.unlock() }
    return entries[name]?.state
  }

  /// Sets `name` to `state` on `sha`. Returns whether GitLab accepted it; a failure is a warning
  /// (to `warn` when given, else to the reporter's).
  @discardableResult
  public func update(name: String, state: CommitState, sha: String, ref: String?, warn: ((String) -> Void)? = nil) -> Bool {
    guard let client else { return false }
    lock.lock()
    if entries[name] == nil { order.append(name) }
    entries[name] = Entry(state: state, sha: sha, ref: ref)
    lock.unlock()
    let result = attempt { () throws(GitLabAPIError) in
      try client.postCommitStatus(sha: sha, state: state, ref: ref, name: name, targetURL: self.targetURL, description: state.rawValue)
    }
    if let failure = result {
      (warn ?? self.warn)("Failed to update GitLab commit status '\(name)' to \(state.rawValue) for project '\(client.project)': \(failure)")
      return false
    }
    return true
  }

  /// The end of the run: every status still pending or running gets `state`.
  public func finish(_ state: CommitState, warn: ((String) -> Void)? = nil) {
    lock.lock()
    let open = order.compactMap { name in entries[name].flatMap { $0.state.isFinal ? nil : (name, $0) } }
    lock.unlock()
    for (name, entry) in open {
      update(name: name, state: state, sha: entry.sha, ref: entry.ref, warn: warn)
    }
  }

  /// The state a finished build reports, as the plugin's `GitLabCommitStatusPublisher` maps
  /// Jenkins results: SUCCESS → success, UNSTABLE → failed (success with
  /// `markUnstableAsSuccess`), ABORTED → canceled, anything else → failed.
  public static func finalState(forResult result: String, markUnstableAsSuccess: Bool = false) -> CommitState {
    switch result.uppercased() {
    case "SUCCESS": return .success
    case "UNSTABLE": return markUnstableAsSuccess ? .success : .failed
    case "ABORTED": return .canceled
    default: return .failed
    }
  }

  /// `POST …/merge_requests/IID/notes`; a failure is a warning.
  @discardableResult
  public func addMergeRequestNote(iid: Int, body: String, warn: ((String) -> Void)? = nil) -> Bool {
    guard let client else { return false }
    if let failure = attempt({ () throws(GitLabAPIError) in try client.addMergeRequestNote(iid: iid, body: body) }) {
      (warn ?? self.warn)("Failed to add comment on Merge Request !\(iid) for project '\(client.project)': \(failure)")
      return false
    }
    return true
  }

  /// Runs `call` until it succeeds, fails for good, runs out of tries or of time. Returns the
  /// last failure, nil on success.
  func attempt(_ call: () throws(GitLabAPIError) -> Void) -> String? {
    let deadline = Date().addingTimeInterval(policy.overallTimeout)
    var wait = policy.backoff
    var tries = 0
    while true {
      tries += 1
      do {
        try call()
        return nil
      } catch {
        let remaining = deadline.timeIntervalSinceNow
        if !error.isTransient || tries >= policy.attempts || remaining <= wait {
          return tries > 1 ? "\(error) (after \(tries) attempts)" : "\(error)"
        }
        Thread.sleep(forTimeInterval: wait)
        wait *= 2
      }
    }
  }
}
