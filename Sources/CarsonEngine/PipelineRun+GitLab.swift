import CarsonGit
import CarsonGitLab
import Foundation

/// The run's side of GitLab: its commit status `jenkins` (pending when the run is queued,
/// running when it starts, the result's state at the end), the statuses steps set, and the
/// warnings when GitLab does not answer. A failed report never changes the build's result.
final class GitLabRunStatus: @unchecked Sendable {
  /// The plugin's default status name.
  static let defaultName = "jenkins"

  let reporter: CommitStatusReporter
  let connected: Bool
  private let lock = NSLock()
  private var warnedNoCommit = false
  private var runStatusStarted = false
  private var cachedHead: String??
  /// `gitlabBuilds` names not started yet (the plugin's PendingBuildsAction).
  private var pending: [String] = []

  init(options: RunOptions, hub: EventHub, targetURL: String?) {
    if let token = options.gitlab?.token { hub.masker.add(token) }
    let client = options.dryRun ? nil : options.gitlab.map { GitLabClient(baseURL: $0.baseURL, project: $0.project, token: $0.token) }
    connected = client != nil
    reporter = CommitStatusReporter(client: client, targetURL: targetURL) { message in
      hub.emit(.log(path: [], stream: .carson, text: "WARNING: \(message)"))
    }
  }

  /// True the first time only: the missing commit is said once per run.
  func shouldWarnNoCommit() -> Bool {
    lock.lock()
    defer { lock.unlock() }
    if warnedNoCommit { return false }
    warnedNoCommit = true
    return true
  }

  func markRunStatusStarted() {
    lock.lock()
    runStatusStarted = true
    lock.unlock()
  }

  var hasRunStatus: Bool {
    lock.lock()
    defer { lock.unlock() }
    return runStatusStarted
  }

  /// HEAD of the Jenkinsfile's repository, looked up once.
  func head(_ compute: () -> String?) -> String? {
    lock.lock()
    defer { lock.unlock() }
    if let cachedHead { return cachedHead }
    let value = compute()
    cachedHead = .some(value)
    return value
  }

  func setPending(_ names: [String]) {
    lock.lock()
    pending = names
    lock.unlock()
  }

  func startBuild(_ name: String) {
    lock.lock()
    pending.removeAll { $0 == name }
    lock.unlock()
  }

  var pendingBuilds: [String] {
    lock.lock()
    defer { lock.unlock() }
    return pending
  }
}

extension PipelineRun {
  /// The commit statuses are about: `GIT_COMMIT` as the build sees it (a checkout sets it),
  /// else the commit the run's repository was cloned at, else HEAD of the Jenkinsfile's
  /// repository (what `checkout scm` checks out).
  func gitlabCommit(_ context: BranchContext?) -> String? {
    if let commit = context?.variable("GIT_COMMIT") ?? buildVariables["GIT_COMMIT"], !commit.isEmpty { return commit }
    if let cloned = options.sourceCheckout?.commit.sha { return cloned }
    return gitlab.head { GitRepository.open(options.sourceDirectory ?? options.workspace)?.headCommit()?.sha }
  }

  /// The `ref` the plugin sends: the GitLab event's source branch (a tag without `refs/tags/`),
  /// else `BRANCH_NAME`.
  func gitlabRef(_ context: BranchContext?) -> String? {
    func value(_ name: String) -> String? {
      let found = context?.variable(name) ?? buildVariables[name]
      return found?.isEmpty == false ? found : nil
    }
    if let source = value("gitlabSourceBranch") {
      return value("gitlabActionType") == "TAG_PUSH" && source.hasPrefix("refs/tags/") ? String(source.dropFirst("refs/tags/".count)) : source
    }
    return value("BRANCH_NAME")
  }

  /// Sends `state` for `name`; nothing without a connection or a commit (said once).
  func gitlabUpdate(_ name: String, _ state: CommitState, _ context: BranchContext?) {
    guard gitlab.connected else { return }
    let path = context?.path ?? []
    guard let sha = gitlabCommit(context) else {
      if gitlab.shouldWarnNoCommit() {
        hub.emit(.log(path: path, stream: .carson, text: "WARNING: GitLab commit statuses are not reported: no commit (GIT_COMMIT is not set and \(options.sourceDirectory ?? options.workspace) is not a git repository)"))
      }
      return
    }
    gitlab.reporter.update(name: name, state: state, sha: sha, ref: gitlabRef(context)) { [hub] message in
      hub.emit(.log(path: path, stream: .carson, text: "WARNING: \(message)"))
    }
  }

  /// The run is queued: `jenkins` is pending.
  func gitlabRunQueued() {
    if options.dryRun, options.gitlab != nil {
      hub.emit(.log(path: [], stream: .carson, text: "[dry run] GitLab commit statuses are not sent"))
    }
    guard gitlab.connected else { return }
    gitlab.markRunStatusStarted()
    gitlabUpdate(GitLabRunStatus.defaultName, .pending, nil)
  }

  /// The run starts (after waiting for the job lock): `jenkins` is running.
  func gitlabRunStarted() {
    guard gitlab.connected else { return }
    gitlabUpdate(GitLabRunStatus.defaultName, .running, nil)
  }

  /// The run is over, whatever ended it: `jenkins` gets the result's state (sent even when a
  /// step set it before), and every status a step left pending or running gets it too.
  func gitlabRunFinished(_ result: BuildResult) {
    guard gitlab.connected else { return }
    let state = CommitStatusReporter.finalState(forResult: result.name)
    if gitlab.hasRunStatus { gitlabUpdate(GitLabRunStatus.defaultName, state, nil) }
    gitlab.reporter.finish(state)
  }
}
