import CarsonExec
import CarsonGroovy
import Foundation

/// Steps that shape control flow: timeout, retry, waitUntil, sleep, catchError, warnError,
/// lock, the `parallel` step.
enum FlowSteps {
  static let steps: [String: StepImplementation] = [
    "timeout": timeout,
    "retry": retry,
    "waitUntil": waitUntil,
    "sleep": sleep,
    "catchError": { step in try catchError(step, build: .failure, stage: .success, warning: false) },
    "warnError": { step in try catchError(step, build: .unstable, stage: .unstable, warning: true) },
    "lock": lock,
    "parallel": parallel,
  ]

  static func unitSeconds(_ unit: String?) -> Double {
    switch (unit ?? "MINUTES").uppercased() {
    case "NANOSECONDS": return 1e-9
    case "MICROSECONDS": return 1e-6
    case "MILLISECONDS": return 1e-3
    case "SECONDS": return 1
    case "HOURS": return 3600
    case "DAYS": return 86400
    default: return 60
    }
  }

  /// Jenkins' `Util.getTimeSpanString`: the two largest units (`10 sec`, `5 min 0 sec`).
  static func timeSpan(_ seconds: Double) -> String {
    let total = Int(seconds.rounded())
    let hours = total / 3600
    let minutes = (total % 3600) / 60
    let secs = total % 60
    if hours > 0 { return "\(hours) hr \(minutes) min" }
    if minutes > 0 { return "\(minutes) min \(secs) sec" }
    if seconds < 1 { return "\(Int(seconds * 1000)) ms" }
    return "\(secs) sec"
  }

  /// Interrupts the body (killing its processes) when the time is up: ABORTED, as in Jenkins.
  static func timeout(_ step: StepInvocation) throws -> GValue {
    let seconds = Double(step.int("time") ?? 0) * unitSeconds(step.string("unit"))
    let inner = step.context.derived()
    let scope = step.context.cancellation.child()
    inner.cancellation = scope
    step.context.log("Timeout set to expire in \(timeSpan(seconds))")
    let timer = DispatchWorkItem {
      step.context.log("Cancelling nested steps due to timeout")
      scope.cancel(CancellationReason(.aborted, "Timeout has been exceeded"))
    }
    DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: timer)
    defer { timer.cancel() }
    return try step.body(inner)
  }

  static func retry(_ step: StepInvocation) throws -> GValue {
    let count = max(1, step.int("count") ?? 1)
    var attempt = 1
    while true {
      do {
        return try step.body(step.context)
      } catch let error where attempt < count && !step.context.cancellation.isCancelled {
        step.run.report(error, step.context)
        step.context.log("Retrying")
        attempt += 1
      }
    }
  }

  static func waitUntil(_ step: StepInvocation) throws -> GValue {
    var delay = Double(step.int("initialRecurrencePeriod") ?? 250) / 1000
    let quiet = step.bool("quiet")
    while true {
      if Groovy.truthy(try step.body(step.context)) { return .null }
      if !quiet { step.context.log("Will try again after \(timeSpan(delay))") }
      let completed = step.run.interpreter.lock.unlocked { step.context.cancellation.sleep(seconds: delay) }
      try step.context.checkInterrupted()
      if !completed { return .null }
      delay = min(delay * 1.2, 15)
    }
  }

  static func sleep(_ step: StepInvocation) throws -> GValue {
    let seconds = Double(step.int("time") ?? 0) * unitSeconds(step.string("unit") ?? "SECONDS")
    step.context.log("Sleeping for \(timeSpan(seconds))")
    if step.run.options.dryRun { return .null }
    step.run.interpreter.lock.unlocked { _ = step.context.cancellation.sleep(seconds: seconds) }
    try step.context.checkInterrupted()
    return .null
  }

  /// `catchError` / `warnError`: an error in the body sets the build and stage results and
  /// execution continues with the next step.
  static func catchError(_ step: StepInvocation, build defaultBuild: BuildResult, stage defaultStage: BuildResult, warning: Bool) throws -> GValue {
    do {
      return try step.body(step.context)
    } catch let error as FlowInterrupted where !step.bool("catchInterruptions", default: true) {
      throw error
    } catch {
      if error is FlowInterrupted, step.run.root.isCancelled { throw error }
      var buildResult = step.string("buildResult").flatMap(BuildResult.init(name:)) ?? defaultBuild
      var stageResult = step.string("stageResult").flatMap(BuildResult.init(name:)) ?? defaultStage
      // CatchErrorStep's order: the message, then the error; an interruption (a timeout) gives
      // its own result to both.
      if let message = step.string("message") { step.context.log("ERROR: \(message)") }
      step.run.report(error, step.context)
      if let interrupted = error as? FlowInterrupted {
        buildResult = BuildResult(interrupted.reason.result)
        stageResult = buildResult
      }
      step.run.build.setResult(buildResult)
      step.markStage(stageResult)
      return .null
    }
  }

  /// `lock('resource') { … }`: an in-process named lock (other builds do not exist locally).
  static func lock(_ step: StepInvocation) throws -> GValue {
    let resource = step.string("resource") ?? step.string("label") ?? "default"
    step.context.log("Trying to acquire lock on [\(resource)]")
    step.run.interpreter.lock.unlocked { step.run.locks.acquire(resource) }
    defer { step.run.locks.release(resource) }
    step.context.log("Lock acquired on [\(resource)]")
    let inner = step.context.derived()
    if let variable = step.string("variable") { inner.overlays.append([variable: resource]) }
    return try step.body(inner)
  }

  /// The `parallel` step: `parallel(a: { … }, b: { … }, failFast: true)` or a map of closures.
  static func parallel(_ step: StepInvocation) throws -> GValue {
    var named = step.arguments.named
    if named.isEmpty, case .map(let map)? = step.arguments.positional.first {
      named = map.entries.map { (Groovy.string($0.0), $0.1) }
    }
    var failFast = false
    var branches: [(name: String, body: @Sendable (BranchContext) throws -> Void)] = []
    for (name, value) in named {
      if name == "failFast" {
        failFast = Groovy.truthy(value)
        continue
      }
      guard case .closure(let closure) = value else { continue }
      branches.append((name, { @Sendable context in
        let inner = context.derived()
        inner.path.append(name)
        let started = Date()
        step.run.hub.emit(.stageStarted(stage: name, path: inner.path, branch: true))
        do {
          _ = try step.run.interpreter.call(closure, [], inner)
          step.run.hub.emit(.stageFinished(stage: name, path: inner.path, status: .success, skipReason: nil, durationMs: step.run.milliseconds(since: started)))
        } catch {
          step.run.hub.emit(.stageFinished(stage: name, path: inner.path, status: StageStatus(result(of: error)), skipReason: nil, durationMs: step.run.milliseconds(since: started)))
          throw error
        }
      }))
    }
    try step.run.runConcurrently(branches, step.context, failFast: failFast || step.run.parallelsAlwaysFailFast)
    return .null
  }
}

/// Named locks for the `lock` step, shared by the branches of one run.
final class LocalLocks: @unchecked Sendable {
  private let condition = NSCondition()
  private var held: Set<String> = []

  func acquire(_ name: String) {
    condition.lock()
    while held.contains(name) { condition.wait() }
    held.insert(name)
    condition.unlock()
  }

  func release(_ name: String) {
    condition.lock()
    held.remove(name)
    condition.broadcast()
    condition.unlock()
  }
}
