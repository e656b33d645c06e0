import CarsonEngine
import CarsonTestSupport
import Foundation
import Testing

/// Aborting a run: processes stop, `post` aborted/always/cleanup run, the result is ABORTED.
@Suite struct AbortTests {
  /// Whether a process whose command line contains `marker` is still alive.
  func processAlive(_ marker: String) -> Bool {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.contains { pid in
      guard Int(pid) != nil, let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
      return String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self).contains(marker)
    }
  }

  /// `marker` is the long step's sleep: each test waits for and checks its own, since tests run
  /// in parallel (a shared one let one test interrupt the other's run before it had started).
  static func pipeline(sleep marker: String) -> String {
    """
    pipeline {
      agent any
      stages {
        stage('Long') {
          steps { sh '\(marker); echo never' }
          post { aborted { echo 'stage aborted' } }
        }
        stage('After') { steps { echo 'must not run' } }
      }
      post {
        aborted { echo 'pipeline aborted' }
        always { echo 'always ran' }
        cleanup { echo 'cleanup ran' }
        success { echo 'must not succeed' }
      }
    }
    """
  }

  @Test func abortStopsProcessesAndRunsPost() throws {
    let started = Date()
    let run = try runPipeline(Self.pipeline(sleep: "sleep 31.5"), started: { run in
      DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { run.abort() }
    })
    #expect(run.result == .aborted)
    #expect(Date().timeIntervalSince(started) < 10)
    for line in ["stage aborted", "pipeline aborted", "always ran", "cleanup ran"] { #expect(run.plain.contains(line)) }
    for line in ["never", "must not run", "must not succeed"] { #expect(!run.plain.contains(line)) }
    #expect(run.json.contains(#""type":"run.finished","result":"ABORTED""#) || run.json.contains(#""result":"ABORTED""#))
    #expect(!processAlive("sleep 31.5"))
  }

  @Test func stopNowAlsoStopsPost() throws {
    let started = Date()
    let run = try runPipeline("""
      pipeline {
        agent any
        stages { stage('Long') { steps { sh 'sleep 32.5' } } }
        post { always { sh 'sleep 33.5'; echo 'post finished' } }
      }
      """, started: { run in
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { run.abort() }
        DispatchQueue.global().asyncAfter(deadline: .now() + 1.5) { run.stopNow() }
      })
    #expect(run.result == .aborted)
    #expect(Date().timeIntervalSince(started) < 10)
    #expect(!run.plain.contains("post finished"))
    #expect(!processAlive("sleep 32.5") && !processAlive("sleep 33.5"))
  }

  /// The real binary: SIGINT makes the run ABORTED with exit code 4, events flushed to the file.
  @Test func sigintAbortsTheCommandWithExitCodeFour() throws {
    let binary = SharedCorpus.repositoryRoot.appendingPathComponent(".build/debug/carson").path
    guard FileManager.default.isExecutableFile(atPath: binary) else {
      Issue.record("\(binary) is missing: build with `swift build --build-tests` first")
      return
    }
    let scratch = Scratch()
    try Self.pipeline(sleep: "sleep 34.5").write(toFile: scratch.workspace + "/Jenkinsfile", atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["run", scratch.workspace + "/Jenkinsfile", "--log-format", "plain", "--events", scratch.path + "/events.jsonl",
                         "--state-dir", scratch.path + "/state"]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    // Wait until the long step has started, then interrupt.
    let deadline = Date().addingTimeInterval(20)
    while !processAlive("sleep 34.5"), Date() < deadline { usleep(20_000) }
    process.interrupt()
    process.waitUntilExit()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 4, "\(text)")
    #expect(text.contains("pipeline aborted") && text.contains("cleanup ran"))
    let events = (try? String(contentsOfFile: scratch.path + "/events.jsonl", encoding: .utf8)) ?? ""
    #expect(events.contains(#""type":"run.finished""#) && events.contains(#""result":"ABORTED""#))
    #expect(!processAlive("sleep 34.5"))
  }
}
