import CarsonGroovy
import CarsonModel
import Foundation

// `post`: the eleven conditions in Jenkins' fixed order, each checked against the combined
// result just before it would run.

extension PipelineRun {
  /// Runs the satisfied conditions of `post`. `error` is what failed the stage (or pipeline);
  /// `stage` is nil for the pipeline-level `post`. Returns the first error raised by a condition
  /// block (later conditions still run and see it), or nil.
  func runPost(_ post: Post?, _ context: BranchContext, error: Error?, stage: StageRecord?) -> Error? {
    guard let post else { return nil }
    var postError: Error?
    var opened = false
    var syntheticContext = context
    let started = Date()
    for name in Post.conditionOrder {
      guard let condition = post.conditions.first(where: { $0.name == name }) else { continue }
      let combined = combinedResult(error: postError ?? error, stage: stage)
      let buildResult = combinedResult(error: postError ?? error, stage: nil)
      let runs = satisfied(name, combined: combined, build: buildResult)
      hub.emit(.postCondition(path: context.path, condition: name, ran: runs))
      guard runs else { continue }
      if !opened {
        opened = true
        if stage == nil {
          syntheticContext = context.derived()
          syntheticContext.path = context.path + ["Declarative: Post Actions"]
          hub.emit(.stageStarted(stage: "Declarative: Post Actions", path: syntheticContext.path, branch: false))
        } else {
          context.log("Post stage")
        }
      }
      let inner = syntheticContext.derived()
      inner.postResult = combined
      // An interrupted branch still runs its post (`aborted`, `always`, `cleanup`).
      if inner.cancellation.isCancelled { inner.cancellation = hardStop.child() }
      do {
        try runSteps(condition.branch.steps, inner)
      } catch let failure {
        inner.log("Error when executing \(name) post condition:")
        report(failure, inner)
        if postError == nil { postError = failure }
        if stage == nil { build.setResult(result(of: failure)) }
      }
    }
    if opened && stage == nil {
      let status: StageStatus = postError.map { StageStatus(result(of: $0)) } ?? .success
      hub.emit(.stageFinished(stage: "Declarative: Post Actions", path: syntheticContext.path, status: status, skipReason: nil, durationMs: milliseconds(since: started)))
    }
    return postError
  }

  /// `BuildCondition.getCombinedResult`: the worst of the build result so far and the error;
  /// in a stage context, also the stage's own result (its warnings).
  func combinedResult(error: Error?, stage: StageRecord?) -> BuildResult {
    var combined = build.result
    if let error { combined = combined.combined(result(of: error)) }
    if let stage { combined = combined.combined(stage.result) }
    return combined
  }

  func satisfied(_ condition: String, combined: BuildResult, build buildResult: BuildResult) -> Bool {
    switch condition {
    case "always", "cleanup": return true
    case "changed": return previous.previousResult.map { $0 != buildResult } ?? true
    case "fixed":
      guard let last = previous.previousResult else { return false }
      return buildResult == .success && (last == .failure || last == .unstable)
    case "regression":
      guard let last = previous.previousResult else { return false }
      return buildResult > last
    case "aborted": return combined == .aborted
    case "success": return combined == .success
    case "unsuccessful": return combined != .success
    case "unstable": return combined == .unstable
    case "failure": return combined == .failure
    case "notBuilt": return combined == .notBuilt
    default: return false
    }
  }
}
