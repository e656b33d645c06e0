import CarsonEngine
import CarsonModel
import CarsonReport
import CarsonSyntax
import CarsonTestSupport
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

/// Runtime cases of Jenkins' corpus Carson does not run, by reason (docs/conformance.md).
func runtimeExclusion(_ entry: JSONValue) -> String? {
  let file = entry["file"]?.stringValue ?? ""
  let setup = entry["setup"]
  if file.contains("docker-workflow__") || setup?["requires"]?.stringValue == "docker" { return "needs Docker agents (issue 4)" }
  if setup?["library_repos"] != nil || setup?["global_library"] != nil || setup?["libraries"] != nil || file.contains("libraries__") {
    return "needs shared libraries (issue 5)"
  }
  if let extensionNote = entry["requires_test_extension"], extensionNote != .bool(false) { return "needs a test-only Jenkins extension" }
  if (entry["plugins_needed"]?.arrayValue ?? []).contains(where: { $0.stringValue?.contains("hudson.tasks.Maven") == true }) {
    return "needs a real Maven 3.0.1 installation (the log checks its version banner)"
  }
  if setup?["scm"] != nil { return "needs a multibranch SCM set-up (issue 5)" }
  if entry["result"] == .null && (entry["scenarios"]?.arrayValue ?? []).allSatisfy({ $0["primary"]?.boolValue != true }) {
    return "no primary scenario (only later builds or restarts are checked)"
  }
  return runtimeExclusionsByFile[file]
}

/// Individual files that cannot pass, with the reason.
let runtimeExclusionsByFile: [String: String] = [:]

/// The agents of Jenkins' test harness for a file (first test class that defines any).
func harnessAgents(_ entry: JSONValue) -> [AgentDefinition] {
  var agentEnv: [String: String] = [:]
  for (k, v) in entry["setup"]?["agent_env"]?.objectValue ?? [] { agentEnv[k] = v.stringValue ?? "" }
  for (_, fixture) in entry["fixtures"]?.objectValue ?? [] {
    guard let agents = fixture["agents"]?.arrayValue, !agents.isEmpty else { continue }
    return agents.enumerated().map { i, agent in
      var env = agentEnv
      for (k, v) in agent["env"]?.objectValue ?? [] { env[k] = v.stringValue ?? "" }
      let labels = Set((agent["labels"]?.stringValue ?? "").split(separator: " ").map(String.init))
      return AgentDefinition(name: i == 0 ? "built-in" : "agent\(i + 1)", labels: labels, environment: env)
    }
  }
  return agentEnv.isEmpty ? [] : [AgentDefinition(name: "built-in", labels: ["here"], environment: agentEnv)]
}

/// Credentials of the harness (the manifest describes them in prose).
let harnessCredentials = CredentialStore([
  "FOOcredentials": .usernamePassword(username: "bobby", password: "s3cr37"),
  "cred1": .secretText("Some secret text for 1"),
  "cred2": .usernamePassword(username: "bobby", password: "supersecretpassword+mydogsname"),
  "cred3": .secretText("Some $secret text for 3"),
  "creds": .sshKey(username: "bob", privateKey: "the-key", passphrase: "s3cr3t"),
])

/// Answers for the harness's `input` steps, where the test submits values.
let harnessInputs: [String: String] = [
  "jenkinsfiles/parametersInInput.groovy": #"{"Simple-input": {"approve": true, "parameters": {"fruit": "pear", "flag": false}}}"#,
  "jenkinsfiles/singleParameterInInput.groovy": #"{"Simple-input": {"approve": true, "parameters": {"flag": false}}}"#,
  "jenkinsfiles/submitterParameterInInput.groovy": #"{"Simple-input": {"approve": true, "approver": "alice"}}"#,
]

struct RuntimeOutcome: Sendable {
  var result: BuildResult
  var log: String
}

/// Runs one corpus Jenkinsfile as Jenkins' harness would, capturing the Jenkins-style log.
func runCorpusFile(_ entry: JSONValue) throws -> RuntimeOutcome {
  let file = entry["file"]!.stringValue!
  let root = SharedCorpus.root!.appendingPathComponent("conformance")
  let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("carson-conformance-\(UUID().uuidString)").path
  try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: workspace) }
  let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
  try text.write(toFile: workspace + "/Jenkinsfile", atomically: true, encoding: .utf8)
  for (corpusFile, name) in entry["setup"]?["other_resources"]?.objectValue ?? [] {
    let data = try Data(contentsOf: root.appendingPathComponent(corpusFile))
    FileManager.default.createFile(atPath: workspace + "/" + (name.stringValue ?? corpusFile), contents: data)
  }
  for (name, content) in entry["setup"]?["repo_files"]?.objectValue ?? [] {
    let path = workspace + "/" + name
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: path, contents: Data((content.stringValue ?? "").utf8))
  }
  let lint = Linter.check(SourceFile(path: "Jenkinsfile", text: text), options: ValidationOptions(installedTools: conformanceTools))
  var options = RunOptions(workspace: workspace, jobName: "test0")
  options.stateDirectory = workspace + "/.state"
  options.fromSCM = entry["setup"]?["source"]?.stringValue != "inline"
  options.agents = harnessAgents(entry)
  options.credentials = harnessCredentials
  options.branch = entry["setup"]?["branch"]?.stringValue
  options.tag = entry["setup"]?["tag"]?.stringValue
  if let answers = harnessInputs[file] {
    options.input = .answers(try JSONValue.parse(answers))
  } else if entry["interactive"]?.boolValue == true || entry["setup"]?["input"] != nil {
    options.input = .approveAll
  }
  let output = StringOutput()
  let run = try PipelineRun(lint: lint, options: options, sinks: [JenkinsLogRenderer(output)])
  let watchdog = DispatchWorkItem { run.abort("conformance watchdog: over 60 s") }
  DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
  let result = run.run()
  watchdog.cancel()
  return RuntimeOutcome(result: result, log: output.text)
}

let conformanceTools = ["maven": ["apache-maven-3.0.1", "apache-maven-3.5.0"], "ant": ["default"]]

@Suite struct RuntimeConformanceTests {
  @Test func jenkinsRuntimeCases() async throws {
    guard SharedCorpus.root != nil else {
      print(SharedCorpus.skipMessage("runtime conformance"))
      return
    }
    let entries = SharedCorpus.conformanceManifest.filter { $0["kind"]?.stringValue == "runtime" }
    var excluded: [String: Int] = [:]
    var runnable: [JSONValue] = []
    for entry in entries {
      if let reason = runtimeExclusion(entry) { excluded[reason, default: 0] += 1 } else { runnable.append(entry) }
    }
    let failures = await withTaskGroup(of: String?.self) { group in
      for entry in runnable {
        group.addTask {
          let file = entry["file"]?.stringValue ?? ""
          do {
            let outcome = try runCorpusFile(entry)
            var problems: [String] = []
            if let expected = entry["result"]?.stringValue, expected != outcome.result.name {
              problems.append("result \(outcome.result.name), expected \(expected)")
            }
            for needle in entry["log_contains"]?.arrayValue ?? [] where !outcome.log.contains(needle.stringValue ?? "") {
              problems.append("log lacks \"\(needle.stringValue ?? "")\"")
            }
            for needle in entry["log_not_contains"]?.arrayValue ?? [] where outcome.log.contains(needle.stringValue ?? "") {
              problems.append("log has \"\(needle.stringValue ?? "")\"")
            }
            if problems.isEmpty { return nil }
            if ProcessInfo.processInfo.environment["CARSON_SHOW_LOGS"] != nil { print("==== \(file)\n\(outcome.log)") }
            return "\(file): \(problems.joined(separator: "; "))"
          } catch {
            return "\(file): \(error)"
          }
        }
      }
      var all: [String] = []
      for await failure in group { if let failure { all.append(failure) } }
      return all.sorted()
    }
    let passed = runnable.count - failures.count
    let percentage = Double(passed) * 100 / Double(entries.count)
    FileHandle.standardError.write(Data(
      """
      runtime: \(passed)/\(runnable.count) runnable cases pass (\(String(format: "%.1f", percentage))% of all \(entries.count) runtime cases); excluded: \(excluded.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))

      """.utf8))
    #expect(failures.isEmpty, "\(failures.count) runtime cases fail:\n\(failures.joined(separator: "\n"))")
  }
}
