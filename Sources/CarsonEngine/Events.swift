import Foundation

/// One thing that happened in a run. Every output of `carson run` (console, plain text,
/// Jenkins-style log, JSON lines) renders this one stream; the schema is documented in
/// docs/events.md and versioned by `RunEvent.schemaVersion`.
public struct RunEvent: Sendable {
  public static let schemaVersion = 1

  /// 1, 2, 3, … in emission order across the whole run.
  public var seq: Int
  public var time: Date
  public var dryRun: Bool
  public var payload: Payload

  public enum Payload: Sendable {
    case runStarted(job: String, build: Int, jenkinsfile: String, workspace: String, cause: String)
    /// `branch` is set for a parallel branch or matrix cell (its name as Jenkins shows it).
    case stageStarted(stage: String, path: [String], branch: Bool)
    case stageFinished(stage: String, path: [String], status: StageStatus, skipReason: SkipReason?, durationMs: Int)
    /// `block` steps (timeout, dir, withEnv, …) enclose other steps until their `stepFinished`.
    case stepStarted(step: String, path: [String], arguments: String?, block: Bool)
    case stepFinished(step: String, path: [String], status: StageStatus, durationMs: Int, block: Bool)
    /// One line of output: `stdout`/`stderr` of a process, or `carson` for messages of the
    /// runner itself (echo, skip messages, errors).
    case log(path: [String], stream: LogStream, text: String)
    /// A `when` condition as evaluated, with the values that decided it.
    case whenEvaluated(path: [String], condition: String, result: Bool, detail: String)
    case postCondition(path: [String], condition: String, ran: Bool)
    case runFinished(result: BuildResult, durationMs: Int)
  }

  public var type: String {
    switch payload {
    case .runStarted: return "run.started"
    case .stageStarted: return "stage.started"
    case .stageFinished: return "stage.finished"
    case .stepStarted: return "step.started"
    case .stepFinished: return "step.finished"
    case .log: return "log"
    case .whenEvaluated: return "when.evaluated"
    case .postCondition: return "post.condition"
    case .runFinished: return "run.finished"
    }
  }
}

public enum LogStream: String, Sendable {
  case stdout, stderr, carson
}

/// A consumer of the event stream (a renderer, a recorder in tests).
public protocol EventSink: AnyObject {
  func receive(_ event: RunEvent)
  /// The run is over: write what is buffered.
  func finish()
}

/// Numbers events, masks secrets in them and hands them to every sink, one at a time and in
/// order, whatever thread emits them (so lines of parallel branches never interleave).
public final class EventHub: @unchecked Sendable {
  private let lock = NSLock()
  private var seq = 0
  private var sinks: [EventSink]
  public let masker: SecretMasker
  public let dryRun: Bool

  public init(sinks: [EventSink], masker: SecretMasker, dryRun: Bool) {
    self.sinks = sinks
    self.masker = masker
    self.dryRun = dryRun
  }

  public func emit(_ payload: RunEvent.Payload) {
    let masked = masker.isEmpty ? payload : mask(payload)
    lock.lock()
    defer { lock.unlock() }
    seq += 1
    let event = RunEvent(seq: seq, time: Date(), dryRun: dryRun, payload: masked)
    for sink in sinks { sink.receive(event) }
  }

  public func finish() {
    lock.lock()
    defer { lock.unlock() }
    for sink in sinks { sink.finish() }
  }

  /// Every text field an event carries goes through the masker.
  func mask(_ payload: RunEvent.Payload) -> RunEvent.Payload {
    switch payload {
    case .log(let path, let stream, let text):
      return .log(path: path, stream: stream, text: masker.mask(text))
    case .stepStarted(let step, let path, let arguments, let block):
      return .stepStarted(step: step, path: path, arguments: arguments.map(masker.mask), block: block)
    case .whenEvaluated(let path, let condition, let result, let detail):
      return .whenEvaluated(path: path, condition: masker.mask(condition), result: result, detail: masker.mask(detail))
    default:
      return payload
    }
  }
}

/// Replaces every known secret with `****` (credential values, password parameters). A
/// multi-line secret is also masked line by line, because output reaches the masker one line
/// at a time.
public final class SecretMasker: @unchecked Sendable {
  private let lock = NSLock()
  private var secrets: [String] = []

  public init() {}

  public var isEmpty: Bool {
    lock.lock()
    defer { lock.unlock() }
    return secrets.isEmpty
  }

  public func add(_ secret: String) {
    guard !secret.isEmpty else { return }
    var parts = [secret]
    if secret.contains("\n") {
      parts += secret.split(separator: "\n").map { String($0).trimmingCharacters(in: .init(charactersIn: "\r")) }.filter { $0.count >= 3 }
    }
    lock.lock()
    for part in parts where !secrets.contains(part) { secrets.append(part) }
    // Longest first, so a secret that contains another is masked whole.
    secrets.sort { $0.count > $1.count }
    lock.unlock()
  }

  /// Whether `text` holds any secret (then it must not become a process argument).
  public func containsSecret(_ text: String) -> Bool {
    lock.lock()
    let current = secrets
    lock.unlock()
    return current.contains { text.contains($0) }
  }

  public func mask(_ text: String) -> String {
    lock.lock()
    let current = secrets
    lock.unlock()
    var out = text
    for secret in current where out.contains(secret) {
      out = out.replacingOccurrences(of: secret, with: "****")
    }
    return out
  }
}
