import CarsonModel
import CarsonSyntax
import Foundation

/// Checks documents on one background thread and publishes their diagnostics, newest version only.
///
/// Changes are coalesced: while a check runs, newer versions of a document replace the pending
/// one, so a burst of keystrokes costs one check of the last version (after `delay`, when set, of
/// quiet). A result is published only if its version is still the document's current version
/// when the check ends; a slower check of an older version can never overwrite a newer result.
final class DiagnosticsScheduler: @unchecked Sendable {
  struct Snapshot: Sendable {
    var uri: String
    var version: Int
    var source: SourceFile
  }

  /// The diagnostics of a version, what the next check of the document may start from (see
  /// `IncrementalLinter`), and what to keep alive until they are published: freeing the
  /// syntax tree and model of a large file costs about a sixth of checking it, so the check
  /// hands its result over and the scheduler frees it after publishing.
  typealias Check = @Sendable (SourceFile, _ previous: IncrementalLinter.Version?) -> (
    diagnostics: [Diagnostic], next: IncrementalLinter.Version?, keepUntilPublished: LintResult?
  )
  typealias Publish = @Sendable (_ uri: String, _ version: Int?, _ source: SourceFile?, _ diagnostics: [Diagnostic]) -> Void

  private let condition = NSCondition()
  private var pending: [String: Snapshot] = [:]
  private var pendingOrder: [String] = []
  /// The current version of each open document.
  private var currentVersions: [String: Int] = [:]
  /// What the last check of each open document left for the next one.
  private var checkedVersions: [String: IncrementalLinter.Version] = [:]
  private var lastSubmission = DispatchTime.now()
  private var stopped = false
  private var thread: Thread?
  private let check: Check
  private let publish: Publish
  private let delay: Double

  init(delaySeconds: Double, check: @escaping Check, publish: @escaping Publish) {
    self.delay = delaySeconds
    self.check = check
    self.publish = publish
  }

  func submit(_ snapshot: Snapshot) {
    condition.lock()
    defer { condition.unlock() }
    currentVersions[snapshot.uri] = snapshot.version
    if pending[snapshot.uri] == nil { pendingOrder.append(snapshot.uri) }
    pending[snapshot.uri] = snapshot
    lastSubmission = DispatchTime.now()
    if thread == nil, !stopped {
      let thread = Thread { [self] in run() }
      thread.name = "carson-lsp-diagnostics"
      self.thread = thread
      thread.start()
    }
    condition.broadcast()
  }

  /// The document was closed: drop what is pending and clear its diagnostics in the editor.
  func close(uri: String) {
    condition.lock()
    defer { condition.unlock() }
    currentVersions[uri] = nil
    checkedVersions[uri] = nil
    pending[uri] = nil
    pendingOrder.removeAll { $0 == uri }
    publish(uri, nil, nil, [])
  }

  func stop() {
    condition.lock()
    stopped = true
    condition.broadcast()
    condition.unlock()
  }

  private func run() {
    while let next = nextSnapshot() {
      let (snapshot, previous) = next
      let outcome = check(snapshot.source, previous)
      withExtendedLifetime(outcome.keepUntilPublished) {
        condition.lock()
        if currentVersions[snapshot.uri] != nil { checkedVersions[snapshot.uri] = outcome.next }
        if currentVersions[snapshot.uri] == snapshot.version, !stopped {
          publish(snapshot.uri, snapshot.version, snapshot.source, outcome.diagnostics)
        }
        condition.unlock()
      }
    }
  }

  private func nextSnapshot() -> (Snapshot, IncrementalLinter.Version?)? {
    condition.lock()
    defer { condition.unlock() }
    while true {
      if stopped { return nil }
      if pendingOrder.isEmpty {
        condition.wait()
        continue
      }
      if delay > 0 {
        let quietUntil = lastSubmission.uptimeNanoseconds + UInt64(delay * 1e9)
        let now = DispatchTime.now().uptimeNanoseconds
        if now < quietUntil {
          _ = condition.wait(until: Date(timeIntervalSinceNow: Double(quietUntil - now) / 1e9))
          continue
        }
      }
      let uri = pendingOrder.removeFirst()
      if let snapshot = pending.removeValue(forKey: uri) { return (snapshot, checkedVersions[uri]) }
    }
  }
}
