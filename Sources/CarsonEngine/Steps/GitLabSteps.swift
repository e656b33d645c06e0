import CarsonGitLab
import CarsonGroovy
import Foundation

/// The GitLab plugin's steps: `updateGitlabCommitStatus`, `gitlabCommitStatus { }`,
/// `gitlabBuilds { }`, `addGitLabMRComment`. They report through `--gitlab-url`/`--gitlab-project`
/// (docs/gitlab.md); without a connection they say so in one line and run their body. GitLab
/// failing is a warning, never a failed step.
enum GitLabSteps {
  static let steps: [String: StepImplementation] = [
    "updateGitlabCommitStatus": updateCommitStatus,
    "gitlabCommitStatus": commitStatus,
    "gitlabBuilds": builds,
    "addGitLabMRComment": addComment,
  ]

  static func statusName(_ step: StepInvocation) -> String {
    for option in ["builds", "connection"] where step.value(option) != nil {
      step.context.log("\(step.name): '\(option)' has no effect in a local run; the status goes to --gitlab-project")
    }
    let name = step.string("name") ?? ""
    return name.isEmpty ? GitLabRunStatus.defaultName : name
  }

  /// Logs the plugin's line when there is no connection; true when there is one.
  static func connected(_ step: StepInvocation, _ what: String) -> Bool {
    if step.run.gitlab.connected { return true }
    let reason = step.run.options.dryRun ? "[dry run] " : "No GitLab connection configured: "
    step.context.log("\(reason)\(what) is not reported to GitLab")
    return false
  }

  /// Sends with the interpreter released: other branches go on while GitLab answers.
  static func send(_ step: StepInvocation, _ name: String, _ state: CommitState) {
    step.run.interpreter.lock.unlocked { step.run.gitlabUpdate(name, state, step.context) }
  }

  /// `updateGitlabCommitStatus(name: 'build', state: 'running')`: sets one status.
  static func updateCommitStatus(_ step: StepInvocation) throws -> GValue {
    let name = statusName(step)
    let stateName = try step.required("state")
    guard let state = CommitState(rawValue: stateName) else {
      throw StepFailure(
        "updateGitlabCommitStatus: state '\(stateName)' is not one of \(CommitState.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    step.run.gitlab.startBuild(name)
    if connected(step, "commit status '\(name)' (\(state.rawValue))") { send(step, name, state) }
    return .null
  }

  /// `gitlabCommitStatus('build') { … }`: running while the body runs, then success, failed, or
  /// canceled when the body was interrupted (abort, timeout). `state: 'pending'` sends pending
  /// and nothing after.
  static func commitStatus(_ step: StepInvocation) throws -> GValue {
    let name = statusName(step)
    let pendingOnly = step.string("state") == "pending"
    guard connected(step, "commit status '\(name)'") else { return try step.body(step.context) }
    if pendingOnly {
      send(step, name, .pending)
    } else {
      send(step, name, .running)
      step.run.gitlab.startBuild(name)
    }
    do {
      let value = try step.body(step.context)
      if !pendingOnly { send(step, name, .success) }
      return value
    } catch {
      send(step, name, error is FlowInterrupted ? .canceled : .failed)
      throw error
    }
  }

  /// `gitlabBuilds(builds: ['build', 'test']) { … }`: every name is pending until a status step
  /// starts it; when the body fails, those never started get failed (canceled if interrupted).
  static func builds(_ step: StepInvocation) throws -> GValue {
    var names: [String] = []
    if let value = step.value("builds") {
      for item in try step.run.interpreter.iterate(value, at: step.range) { names.append(Groovy.string(item)) }
    }
    // The plugin splits a single entry at commas: builds: ['build, test'].
    if names.count == 1 { names = names[0].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    guard connected(step, "commit statuses \(names.map { "'\($0)'" }.joined(separator: ", "))") else { return try step.body(step.context) }
    for name in names { send(step, name, .pending) }
    step.run.gitlab.setPending(names)
    do {
      let value = try step.body(step.context)
      if !step.run.gitlab.pendingBuilds.isEmpty {
        step.context.log("There are still pending GitLab builds. Please check your configuration")
      }
      return value
    } catch {
      let state: CommitState = error is FlowInterrupted ? .canceled : .failed
      for name in step.run.gitlab.pendingBuilds { send(step, name, state) }
      throw error
    }
  }

  /// `addGitLabMRComment(comment: '…')`: a note on the merge request that triggered the build
  /// (`gitlabMergeRequestIid`, set by `--gitlab-event` for merge request and note events).
  static func addComment(_ step: StepInvocation) throws -> GValue {
    let comment = step.string("comment") ?? ""
    guard let iidText = step.context.variable("gitlabMergeRequestIid"), let iid = Int(iidText) else {
      step.context.log("addGitLabMRComment: the build was not triggered by a GitLab merge request (no gitlabMergeRequestIid); no comment added")
      return .null
    }
    guard connected(step, "the comment on merge request !\(iid)") else { return .null }
    let path = step.context.path
    step.run.interpreter.lock.unlocked {
      _ = step.run.gitlab.reporter.addMergeRequestNote(iid: iid, body: comment) { [hub = step.run.hub] message in
        hub.emit(.log(path: path, stream: .carson, text: "WARNING: \(message)"))
      }
    }
    return .null
  }
}
