import CarsonTestSupport
import Foundation
import Testing

@testable import CarsonGitLab

/// Collects warnings from any thread.
final class Warnings: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [String] = []
  func add(_ text: String) {
    lock.lock()
    items.append(text)
    lock.unlock()
  }
  var all: [String] {
    lock.lock()
    defer { lock.unlock() }
    return items
  }
}

@Suite struct CommitStatusReporterTests {
  let server: FakeGitLabServer
  let warnings = Warnings()

  init() throws {
    server = try FakeGitLabServer(token: testToken)
  }

  func reporter(policy: CommitStatusReporter.Policy = .init(attempts: 3, backoff: 0.05, overallTimeout: 10), timeout: TimeInterval = 5) -> CommitStatusReporter {
    let client = GitLabClient(baseURL: server.baseURL, project: "42", token: testToken, requestTimeout: timeout)
    return CommitStatusReporter(client: client, targetURL: "http://ci/1", policy: policy) { [warnings] in warnings.add($0) }
  }

  @Test func transientFailuresAreRetried() {
    server.failNext(count: 2, status: 500)
    #expect(reporter().update(name: "jenkins", state: .running, sha: testSHA, ref: "main"))
    #expect(server.calls.count == 3)
    #expect(server.statuses.map(\.state) == ["running"])
    #expect(warnings.all.isEmpty)
  }

  @Test func aStatusThatNeverGetsThroughIsOneWarningWithGitLabsMessage() {
    server.failNext(count: 10, status: 503)
    #expect(!reporter().update(name: "build", state: .success, sha: testSHA, ref: nil))
    #expect(server.calls.count == 3)
    #expect(warnings.all.count == 1)
    let warning = warnings.all.first ?? ""
    #expect(warning.hasPrefix("Failed to update GitLab commit status 'build' to success for project '42': POST /api/v4/projects/42/statuses/"))
    #expect(warning.contains("HTTP 503: 503 Service Unavailable (after 3 attempts)"))
    #expect(!warning.contains(testToken))
  }

  @Test func aClientErrorIsNotRetried() {
    server.failNext(count: 1, status: 400)
    #expect(!reporter().update(name: "build", state: .success, sha: testSHA, ref: nil))
    #expect(server.calls.count == 1)
    #expect(warnings.all.first?.contains("HTTP 400") == true)
  }

  @Test func theOverallTimeoutBoundsRetriesAgainstASlowServer() {
    server.delay(seconds: 2)
    let started = Date()
    let slow = reporter(policy: .init(attempts: 5, backoff: 0.1, overallTimeout: 1), timeout: 0.4)
    #expect(!slow.update(name: "jenkins", state: .pending, sha: testSHA, ref: nil))
    #expect(Date().timeIntervalSince(started) < 3)
    #expect(warnings.all.count == 1)
  }

  @Test func finishSendsTheFinalStateToEveryOpenStatusOnly() {
    let r = reporter()
    r.update(name: "jenkins", state: .running, sha: testSHA, ref: "main")
    r.update(name: "build", state: .success, sha: testSHA, ref: "main")
    r.update(name: "test", state: .pending, sha: testSHA, ref: "main")
    r.finish(.canceled)
    let byName = Dictionary(grouping: server.statuses, by: \.name).mapValues { $0.map(\.state) }
    #expect(byName["jenkins"] == ["running", "canceled"])
    #expect(byName["build"] == ["success"])
    #expect(byName["test"] == ["pending", "canceled"])
    #expect(r.lastState("test") == .canceled)
    #expect(server.statuses.allSatisfy { $0.targetURL == "http://ci/1" && $0.ref == "main" })
  }

  @Test func aStatusThatFailedToSendIsStillFinished() {
    server.down = true
    let r = reporter()
    r.update(name: "jenkins", state: .running, sha: testSHA, ref: nil)
    server.down = false
    r.finish(.failed)
    #expect(server.statuses.map(\.state) == ["failed"])
    #expect(warnings.all.count == 1)
  }

  @Test func withoutAClientNothingIsSent() {
    let r = CommitStatusReporter(client: nil) { [warnings] in warnings.add($0) }
    #expect(!r.isConnected)
    #expect(!r.update(name: "jenkins", state: .running, sha: testSHA, ref: nil))
    #expect(!r.addMergeRequestNote(iid: 1, body: "x"))
    r.finish(.success)
    #expect(warnings.all.isEmpty)
    #expect(server.calls.isEmpty)
  }

  @Test func resultsMapAsThePluginsPublisherMapsThem() {
    #expect(CommitStatusReporter.finalState(forResult: "SUCCESS") == .success)
    #expect(CommitStatusReporter.finalState(forResult: "UNSTABLE") == .failed)
    #expect(CommitStatusReporter.finalState(forResult: "UNSTABLE", markUnstableAsSuccess: true) == .success)
    #expect(CommitStatusReporter.finalState(forResult: "ABORTED") == .canceled)
    #expect(CommitStatusReporter.finalState(forResult: "FAILURE") == .failed)
    #expect(CommitStatusReporter.finalState(forResult: "NOT_BUILT") == .failed)
  }

  @Test func aNoteThatFailsIsAWarning() {
    server.failNext(count: 3, status: 502)
    #expect(!reporter().addMergeRequestNote(iid: 3, body: "hello"))
    #expect(warnings.all.first?.hasPrefix("Failed to add comment on Merge Request !3 for project '42'") == true)
    #expect(server.notes.isEmpty)
  }
}
