import CarsonEngine
import CarsonModel
import CarsonReport
import CarsonSyntax
import Foundation
import Testing

/// Collects rendered text.
final class StringOutput: ReportOutput, @unchecked Sendable {
  private let lock = NSLock()
  private var storage = ""
  func write(_ text: String) {
    lock.lock()
    storage += text
    lock.unlock()
  }
  var text: String {
    lock.lock()
    defer { lock.unlock() }
    return storage
  }
}

/// What a test run produced: the result and the output of every renderer.
struct EngineRun {
  var result: BuildResult
  var json: String
  var plain: String
  var jenkins: String
  var console: String
  /// Everything any renderer wrote, for "never appears anywhere" checks.
  var everything: String { [json, plain, jenkins, console].joined(separator: "\n") }
}

/// A scratch workspace and state directory that disappear with the value.
final class Scratch {
  let path = FileManager.default.temporaryDirectory.appendingPathComponent("carson-engine-\(UUID().uuidString)").path
  init() { try? FileManager.default.createDirectory(atPath: path + "/workspace", withIntermediateDirectories: true) }
  deinit { try? FileManager.default.removeItem(atPath: path) }
  var workspace: String { path + "/workspace" }
}

/// Runs `jenkinsfile` in a fresh workspace with every renderer attached. `configure` adjusts the
/// options; `started` receives the run as soon as it exists (to abort it from another thread).
func runPipeline(
  _ jenkinsfile: String, scratch: Scratch = Scratch(), configure: (inout RunOptions) -> Void = { _ in },
  started: ((PipelineRun) -> Void)? = nil
) throws -> EngineRun {
  let lint = Linter.check(SourceFile(path: "Jenkinsfile", text: jenkinsfile))
  if lint.hasErrors {
    Issue.record("the test's Jenkinsfile has errors:\n\(lint.diagnostics.map(\.message).joined(separator: "\n"))")
  }
  var options = RunOptions(workspace: scratch.workspace, jobName: "test")
  options.stateDirectory = scratch.path + "/state"
  options.fromSCM = false
  options.causes = [.user("tester")]
  configure(&options)
  let json = StringOutput(), plain = StringOutput(), jenkins = StringOutput(), console = StringOutput()
  let run = try PipelineRun(lint: lint, options: options, sinks: [
    JSONLinesRenderer(json), PlainRenderer(plain), JenkinsLogRenderer(jenkins), ConsoleRenderer(console, color: false),
  ])
  started?(run)
  let result = run.run()
  return EngineRun(result: result, json: json.text, plain: plain.text, jenkins: jenkins.text, console: console.text)
}
