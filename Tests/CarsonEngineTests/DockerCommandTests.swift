import CarsonTestSupport
import Foundation
import Testing

/// The `carson` binary with Docker: SIGINT in the middle of a container step, and `carson cleanup`.
@Suite struct DockerCommandTests {
  let binary = SharedCorpus.repositoryRoot.appendingPathComponent(".build/debug/carson").path

  @Test func sigintMidStepLeavesNoContainer() throws {
    if DockerTestEngine.skip(#function) { return }
    let scratch = Scratch()
    try """
      pipeline {
        agent { docker '\(DockerTestEngine.image)' }
        stages { stage('Long') { steps { sh 'sleep 41.5' } } }
        post { aborted { echo 'aborted post ran' } }
      }
      """.write(toFile: scratch.workspace + "/Jenkinsfile", atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["run", scratch.workspace + "/Jenkinsfile", "--log-format", "plain", "--state-dir", scratch.path + "/state",
                         "--job-name", "sigint-\(UUID().uuidString)"]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let pid = process.processIdentifier
    func containers() -> [String] {
      let ids = (try? DockerTestEngine.shell(["docker", "ps", "-aq", "--filter", "label=carson.pid=\(pid)"])) ?? ""
      return ids.split(separator: "\n").map(String.init)
    }
    let deadline = Date().addingTimeInterval(30)
    while containers().isEmpty, Date() < deadline { usleep(100_000) }
    #expect(!containers().isEmpty, "the run started its container")
    usleep(1_500_000)
    process.interrupt()
    process.waitUntilExit()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 4, "\(text)")
    #expect(text.contains("aborted post ran"))
    #expect(containers().isEmpty, "no container of the run is left")
  }

  @Test func cleanupRemovesContainersOfDeadRunsOnly() throws {
    if DockerTestEngine.skip(#function) { return }
    // A container as a killed run leaves it (its carson.pid is gone), and one of a live run.
    let dead = try DockerTestEngine.shell([
      "docker", "run", "-d", "--label", "carson.run=test-dead", "--label", "carson.job=cleanup-test", "--label", "carson.pid=999999999",
      DockerTestEngine.image, "sleep", "60",
    ]).trimmingCharacters(in: .whitespacesAndNewlines)
    let live = try DockerTestEngine.shell([
      "docker", "run", "-d", "--label", "carson.run=test-live", "--label", "carson.job=cleanup-test", "--label", "carson.pid=\(getpid())",
      DockerTestEngine.image, "sleep", "60",
    ]).trimmingCharacters(in: .whitespacesAndNewlines)
    defer { _ = try? DockerTestEngine.shell(["docker", "rm", "-f", dead, live]) }
    func cleanup(_ arguments: [String]) throws -> (Int32, String) {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: binary)
      process.arguments = ["cleanup"] + arguments
      let output = Pipe()
      process.standardOutput = output
      try process.run()
      process.waitUntilExit()
      return (process.terminationStatus, String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }
    let (dryStatus, dryText) = try cleanup(["--dry-run"])
    #expect(dryStatus == 0)
    #expect(dryText.contains("would remove \(dead.prefix(12))"))
    #expect(!dryText.contains(live.prefix(12)))
    #expect(DockerTestEngine.carsonContainers(run: "test-dead").count == 1, "a dry run removes nothing")
    let (status, _) = try cleanup([])
    #expect(status == 0)
    #expect(DockerTestEngine.carsonContainers(run: "test-dead").isEmpty)
    #expect(DockerTestEngine.carsonContainers(run: "test-live").count == 1, "a live run keeps its container")
  }
}
