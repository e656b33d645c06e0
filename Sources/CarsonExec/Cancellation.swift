import Foundation

/// Why a scope was cancelled. Jenkins models every interruption (user abort, `timeout`, a
/// failFast sibling, a superseded milestone) as a `FlowInterruptedException` carrying a result.
public struct CancellationReason: Sendable, Equatable {
  public enum Result: String, Sendable {
    case aborted = "ABORTED"
    case notBuilt = "NOT_BUILT"
    case failure = "FAILURE"
  }
  public var result: Result
  /// Shown in the log, e.g. "Timeout has been exceeded", "Aborted by user".
  public var message: String

  public init(_ result: Result, _ message: String) {
    self.result = result
    self.message = message
  }
}

/// A node in the tree of things that can be cancelled together: the run, a parallel branch, a
/// `timeout` body. Cancelling a scope cancels its descendants, kills the process groups
/// registered in them and wakes their interruptible waits. Thread-safe: branches run on their
/// own threads.
public final class CancellationScope: @unchecked Sendable {
  private let lock = NSCondition()
  private var reason: CancellationReason?
  private var children: [Weak] = []
  private var processGroups: Set<pid_t> = []
  private var stoppers: [UInt64: @Sendable () -> Void] = [:]
  private var nextStopper: UInt64 = 0
  private weak var parent: CancellationScope?

  private struct Weak {
    weak var scope: CancellationScope?
  }

  public init() {}

  /// A child scope, cancelled with this one (and already cancelled if this one is).
  public func child() -> CancellationScope {
    let child = CancellationScope()
    child.parent = self
    lock.lock()
    children.removeAll { $0.scope == nil }
    children.append(Weak(scope: child))
    let inherited = reason
    lock.unlock()
    if let inherited { child.cancel(inherited) }
    return child
  }

  public var cancellationReason: CancellationReason? {
    lock.lock()
    defer { lock.unlock() }
    return reason
  }

  public var isCancelled: Bool { cancellationReason != nil }

  /// Cancels this scope and its descendants; the first reason wins.
  public func cancel(_ why: CancellationReason) {
    lock.lock()
    if reason != nil {
      lock.unlock()
      return
    }
    reason = why
    let groups = processGroups
    let stops = Array(stoppers.values)
    let kids = children.compactMap(\.scope)
    lock.broadcast()
    lock.unlock()
    for group in groups { ProcessKiller.terminate(group: group) }
    for stop in stops { stop() }
    for kid in kids { kid.cancel(why) }
  }

  /// Registers a running process group so that cancelling kills it; returns false (and the
  /// caller should kill it at once) when the scope is already cancelled.
  public func register(processGroup: pid_t) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    if reason != nil { return false }
    processGroups.insert(processGroup)
    return true
  }

  public func unregister(processGroup: pid_t) {
    lock.lock()
    processGroups.remove(processGroup)
    lock.unlock()
  }

  /// Registers how to stop work that is not a local process group (a job inside a container);
  /// returns a token for `unregister`, or nil (and the caller should stop at once) when the
  /// scope is already cancelled.
  public func register(stopper: @escaping @Sendable () -> Void) -> UInt64? {
    lock.lock()
    defer { lock.unlock() }
    if reason != nil { return nil }
    nextStopper += 1
    stoppers[nextStopper] = stopper
    return nextStopper
  }

  public func unregister(stopper token: UInt64) {
    lock.lock()
    stoppers[token] = nil
    lock.unlock()
  }

  /// Sleeps up to `seconds`, returning early (false) when the scope is cancelled.
  @discardableResult
  public func sleep(seconds: Double) -> Bool {
    let deadline = Date(timeIntervalSinceNow: max(0, seconds))
    lock.lock()
    defer { lock.unlock() }
    while reason == nil {
      if !lock.wait(until: deadline) { return true }
    }
    return false
  }
}

/// Stops a process group: SIGTERM, then SIGKILL after a grace period if it is still there.
public enum ProcessKiller {
  public static let gracePeriod: Double = 3

  public static func terminate(group: pid_t) {
    guard group > 0 else { return }
    kill(-group, SIGTERM)
    kill(-group, SIGCONT)
    let deadline = DispatchTime.now() + gracePeriod
    DispatchQueue.global().asyncAfter(deadline: deadline) {
      // kill(…, 0) succeeds while any member of the group exists.
      if kill(-group, 0) == 0 { kill(-group, SIGKILL) }
    }
  }
}
