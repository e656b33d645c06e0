import CarsonExec
import Foundation
import Testing

func run(_ arguments: [String], env: [String: String] = ["PATH": "/usr/bin:/bin"], cwd: String = "/tmp", cancellation: CancellationScope? = nil) throws -> (ProcessExit, String, String) {
  var out = [UInt8]()
  var err = [UInt8]()
  let exit = try ProcessRunner.run(ProcessSpec(arguments: arguments, environment: env, workingDirectory: cwd), cancellation: cancellation) { stream, chunk in
    if stream == .stdout { out += chunk } else { err += chunk }
  }
  return (exit, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}

@Suite struct ProcessRunnerTests {
  @Test func capturesStdoutStderrAndStatus() throws {
    let (exit, out, err) = try run(["sh", "-c", "echo out; echo err >&2; exit 3"])
    #expect(exit == ProcessExit(status: 3, signal: nil))
    #expect(out == "out\n")
    #expect(err == "err\n")
  }

  @Test func usesTheGivenEnvironmentAndDirectory() throws {
    let (_, out, _) = try run(["sh", "-c", "echo $GREETING; pwd"], env: ["PATH": "/usr/bin:/bin", "GREETING": "hi"], cwd: "/usr")
    #expect(out == "hi\n/usr\n")
  }

  @Test func argumentsAreNotInterpretedByAShell() throws {
    let (_, out, _) = try run(["echo", "$HOME; rm -rf /", "*"])
    #expect(out == "$HOME; rm -rf / *\n")
  }

  @Test func missingProgramIsAClearError() {
    #expect(throws: ProcessError.notFound("no-such-program-xyz")) { try run(["no-such-program-xyz"]) }
  }

  @Test func cancellationKillsTheWholeProcessGroup() throws {
    let scope = CancellationScope()
    let marker = "/tmp/carson-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { scope.cancel(CancellationReason(.aborted, "test")) }
    let start = Date()
    // The grandchild would create the marker after 2 s unless the group is killed.
    let (exit, _, _) = try run(["sh", "-c", "(sleep 2; touch \(marker)) & sleep 30"], cancellation: scope)
    #expect(Date().timeIntervalSince(start) < 5)
    #expect(exit.signal == SIGTERM)
    Thread.sleep(forTimeInterval: 2.5)
    #expect(!FileManager.default.fileExists(atPath: marker))
  }

  @Test func backgroundChildHoldingThePipesDoesNotHang() throws {
    let start = Date()
    let (exit, out, _) = try run(["sh", "-c", "sleep 20 & echo done"])
    #expect(exit.status == 0)
    #expect(out == "done\n")
    #expect(Date().timeIntervalSince(start) < 5)
  }

  @Test func largeOutputArrivesComplete() throws {
    var total = 0
    _ = try ProcessRunner.run(ProcessSpec(arguments: ["head", "-c", "10000000", "/dev/zero"], environment: ["PATH": "/usr/bin:/bin"], workingDirectory: "/")) { _, chunk in
      total += chunk.count
    }
    #expect(total == 10_000_000)
  }

  @Test func interruptibleSleepReturnsEarly() {
    let scope = CancellationScope()
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { scope.cancel(CancellationReason(.aborted, "x")) }
    let start = Date()
    #expect(scope.sleep(seconds: 10) == false)
    #expect(Date().timeIntervalSince(start) < 5)
    #expect(scope.child().isCancelled)
  }
}
