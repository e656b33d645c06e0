import CarsonDocker
import CarsonEngine
import CarsonExec
import CarsonTestSupport
import Foundation
import Testing

/// The real Docker engine the Docker tests use (`make test` starts one: .ci/docker-engine).
enum DockerTestEngine {
  static let image = "carson-test/busybox:latest"

  /// nil when the engine and the test image are there; else why the Docker tests are skipped.
  static let unavailable: String? = {
    guard let docker = try? DockerCLI() else { return "no docker command" }
    if (try? docker.checkEngine()) == nil {
      // The engine may just not be started yet (a plain `swift test`): the script starts it.
      _ = try? shell([SharedCorpus.repositoryRoot.appendingPathComponent(".ci/docker-engine").path])
      if (try? docker.checkEngine()) == nil { return "no Docker engine answers and none could be started" }
    }
    if !ImageStore(docker: docker).exists(image) {
      _ = try? shell([SharedCorpus.repositoryRoot.appendingPathComponent(".ci/docker-engine").path])
      if !ImageStore(docker: docker).exists(image) { return "the test image \(image) could not be built" }
    }
    return nil
  }()

  /// Prints the loud skip line and returns true when the Docker tests cannot run here.
  static func skip(_ test: String) -> Bool {
    guard let reason = unavailable else { return false }
    print("SKIPPED \(test): \(reason) ************************************************")
    return true
  }

  /// The shell server built next to the test bundle (`swift build` builds every product).
  static var shim: String? {
    guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
    var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
    // The test bundle lives in .build/debug/CarsonPackageTests.xctest/… or next to the products.
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("carson-shim").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      directory.deleteLastPathComponent()
    }
    return nil
  }

  /// Containers with Carson's labels that exist now.
  static func carsonContainers(run: String? = nil) -> [String] {
    let filter = run.map { "label=carson.run=\($0)" } ?? "label=carson.run"
    let output = (try? shell(["docker", "ps", "-aq", "--filter", filter])) ?? ""
    return output.split(separator: "\n").map(String.init)
  }

  /// Runs a command and returns its standard output.
  @discardableResult
  static func shell(_ arguments: [String]) throws -> String {
    try ProcessRunner.capture(arguments).stdout
  }
}

/// Runs a pipeline with Docker agents: the shell server on (unless `shim: false`), the Jenkinsfile
/// in a source directory apart from the workspace, and checks afterwards that no container of
/// any Carson run is left.
func runDockerPipeline(
  _ jenkinsfile: String, shim: Bool = true, scratch: Scratch = Scratch(), files: [String: String] = [:],
  configure: (inout RunOptions) -> Void = { _ in }, started: ((PipelineRun) -> Void)? = nil,
  leavesContainers: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
) throws -> EngineRun {
  let source = scratch.path + "/source"
  try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
  try jenkinsfile.write(toFile: source + "/Jenkinsfile", atomically: true, encoding: .utf8)
  for (name, content) in files {
    let path = source + "/" + name
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try content.write(toFile: path, atomically: true, encoding: .utf8)
  }
  var runID = ""
  let run = try runPipeline(jenkinsfile, scratch: scratch, configure: { options in
    options.sourceDirectory = source
    options.fromSCM = true
    options.containerShim = shim ? DockerTestEngine.shim : nil
    configure(&options)
  }, started: { run in
    runID = run.runID
    started?(run)
  })
  if !leavesContainers {
    #expect(DockerTestEngine.carsonContainers(run: runID).isEmpty, "containers left behind", sourceLocation: sourceLocation)
  }
  return run
}
