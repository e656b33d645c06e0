import CarsonEngine
import CarsonModel
import CarsonReport
import CarsonSyntax
import CarsonTestSupport
import Foundation
import Testing

/// Runtime cases of Jenkins' corpus Carson does not run, by reason (docs/conformance.md).
func runtimeExclusion(_ entry: JSONValue) -> String? {
  let file = entry["file"]?.stringValue ?? ""
  let setup = entry["setup"]
  if file.contains("docker-workflow__") || setup?["requires"]?.stringValue == "docker" {
    if let reason = DockerTestEngine.unavailable { return "needs Docker, which is not available here (\(reason))" }
    if let reason = dockerExclusionsByFile[file] { return reason }
  }
  if let extensionNote = entry["requires_test_extension"], extensionNote != .bool(false) { return "needs a test-only Jenkins extension" }
  if let reason = runtimeExclusionsByFile[file] { return reason }
  if runtimeChecks(entry).isEmpty {
    return "no expectation for a first build (only later builds or restarts are checked)"
  }
  return nil
}

/// Individual files that cannot pass, with the reason.
let runtimeExclusionsByFile: [String: String] = [
  "jenkinsfiles/booleanParamBuildStep.groovy": "needs the build step (triggering another job)",
  "jenkinsfiles/fromEvaluate.groovy": "needs the evaluate step loading a Jenkinsfile from another job",
  "jenkinsfiles/steps__validateDeclarativePipelineStep.groovy": "needs the validateDeclarativePipeline step reading the Jenkins controller's files",
  "jenkinsfiles/passwordParameters.groovy": "expects a password parameter echoed in clear; Carson masks password parameters by design",
  "jenkinsfiles/improveMessageErrorWhenEnvVarNotExists.groovy": "expects a message from Jenkins' Groovy CPS transform internals",
  "jenkinsfiles/libraries__libForPipelineDefinedInLibrary.groovy": "not a Jenkinsfile: the vars/fromLib.groovy of a library that pipelineDefinedInLibrary loads",
  "jenkinsfiles/libraries__libForMultiplePipelinesDefinedInLibrary.groovy": "not a Jenkinsfile: the vars/fromLib.groovy of a library that multiplePipelinesDefinedInLibrary* load",
  "jenkinsfiles/libraries__libForMultiplePipelinesExecutedInLibrary.groovy": "not a Jenkinsfile: the vars/fromLib.groovy of a library that pipelineDefinedInLibrary loads",
  "jenkinsfiles/libraries__pipelineDefinedInLibrary.groovy": "the pipeline block is defined in a library var's call(); carson run executes the Jenkinsfile's own pipeline block",
  "jenkinsfiles/libraries__multiplePipelinesDefinedInLibraryFirst.groovy": "the pipeline block is defined in a library var's call(); carson run executes the Jenkinsfile's own pipeline block",
  "jenkinsfiles/libraries__multiplePipelinesDefinedInLibrarySecond.groovy": "the pipeline block is defined in a library var's call(); carson run executes the Jenkinsfile's own pipeline block",
  "jenkinsfiles/libraries__objectMethodPipelineCall.groovy": "a Scripted Pipeline (no pipeline block); carson run executes Declarative Pipelines",
]

/// Files a test commits that only the manifest's notes give (the test loads another file).
let harnessRepoFiles: [String: [(String, JSONValue)]] = [
  "jenkinsfiles/docker-workflow__dirSepInDockerfileName.groovy": [("subdir/Dockerfile", .string("FROM ubuntu:noble\n\nRUN echo 'HI THERE' > /hi-there\n\n"))],
]

/// Docker cases that cannot pass here, with the reason.
let dockerExclusionsByFile: [String: String] = [
  "jenkinsfiles/docker-workflow__agentDockerWithRegistryNoCreds.groovy": "needs Docker Hub (alwaysPull from a registry; none is reachable here)",
  "jenkinsfiles/docker-workflow__dockerPullLocalImage.groovy": "needs Docker Hub (alwaysPull from a registry; none is reachable here)",
  "jenkinsfiles/docker-workflow__userHandbookDockerfile.groovy": "needs Alpine's package repository (apk add subversion)",
  "jenkinsfiles/docker-workflow__declarativeDockerConfig.groovy": "calls docker-workflow's Java class DeclarativeDockerUtils and Jenkins' folder configuration",
  "jenkinsfiles/docker-workflow__declarativeDockerConfigWithOverride.groovy": "calls docker-workflow's Java class DeclarativeDockerUtils and Jenkins' folder configuration",
  "jenkinsfiles/docker-workflow__additionalDockerBuildArgsParallel.groovy": "expects image tags hashed from the full name of Jenkins' test job, which the manifest does not record",
  "jenkinsfiles/docker-workflow__agentDockerEnvSpecLabel.groovy": "needs the test's agent labelled thisspec (DOCKER_INDICATOR=SPECIFIED), which the manifest does not record",
  "jenkinsfiles/docker-workflow__nonExistentDockerImage.groovy": "expects docker-workflow's shell-step wording for the failed pull (script returned exit code 1); Carson names the image and the engine's reason instead",
]

/// Images the docker cases use, made from Carson's busybox test image when this machine does
/// not have them (no registry is reachable): `httpd:2.4.59` with the configuration file the
/// cases print, `ubuntu:noble` and `maven:3-alpine` as plain busybox. An image that exists
/// (a real one) is used as it is.
let harnessImages: Void = {
  guard DockerTestEngine.unavailable == nil else { return }
  let base = DockerTestEngine.image
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent("carson-harness-images-\(getpid())").path
  try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: directory) }
  let httpd = "FROM \(base)\nRUN mkdir -p /usr/local/apache2/conf/extra && echo '# stand-in for httpd-userdir.conf' > /usr/local/apache2/conf/extra/httpd-userdir.conf\n"
  try? httpd.write(toFile: directory + "/Dockerfile", atomically: true, encoding: .utf8)
  func exists(_ image: String) -> Bool {
    (try? DockerTestEngine.shell(["docker", "image", "inspect", "--format", "{{.Id}}", image]))?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == false
  }
  if !exists("httpd:2.4.59") { _ = try? DockerTestEngine.shell(["docker", "build", "-q", "-t", "httpd:2.4.59", directory]) }
  for image in ["ubuntu:noble", "ubuntu", "maven:3-alpine"] where !exists(image) {
    _ = try? DockerTestEngine.shell(["docker", "tag", base, image])
  }
}()

/// The agents of Jenkins' test harness for a file (first test class that defines any), with the
/// scenario's agent environment.
func harnessAgents(_ entry: JSONValue, setup: JSONValue?) -> [AgentDefinition] {
  var agentEnv: [String: String] = [:]
  for (k, v) in setup?["agent_env"]?.objectValue ?? [] { agentEnv[k] = v.stringValue ?? "" }
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

/// Credentials of the harness (the manifest describes them in prose); secret files are written under `scratch`.
func harnessCredentials(_ scratch: String, inFolder: Bool) throws -> CredentialStore {
  let files = ["fileCred": "file-cred-content-is-here", "otherFileCred": "other-file-cred-content-is-here"]
  var store: [String: CredentialStore.Credential] = [
    "FOOcredentials": .usernamePassword(username: "bobby", password: "s3cr37", usernameSecret: true),
    "cred1": .secretText("Some secret text for 1"),
    "cred2": .usernamePassword(username: "bobby", password: "supersecretpassword+mydogsname"),
    "cred3": .secretText("Some $secret text for 3"),
    "creds": .sshKey(username: "bob", privateKey: "the-key", passphrase: "s3cr3t"),
    "sshCred": .sshKey(username: "bobby", privateKey: "ssh-private-key-material", passphrase: nil),
    "sshWithPassCred": .sshKey(username: "bobby", privateKey: "ssh-private-key-material", passphrase: "super-secret-passphrase"),
    "certCred1": .certificate,
  ]
  if inFolder {
    // The folder's own credentials override the global ones for jobs inside it.
    store["cred1"] = .secretText("Some secret text for 1 folder")
    store["cred2"] = .usernamePassword(username: "bobby-in-folder", password: "folder-supersecretpassword+mydogsname")
  }
  for (id, content) in files {
    let path = scratch + "/" + id
    try content.write(toFile: path, atomically: true, encoding: .utf8)
    store[id] = .secretFile(path: path)
  }
  return CredentialStore(store)
}

/// Tool installations as Jenkins' harness configures them (`ToolInstallations.configureMaven3()`,
/// an Ant named "default"). They are stand-ins whose `bin/` programs print the version banner of
/// the release they stand for: what the cases check is that `tools {}` resolves the named
/// installation and puts its `bin` first on PATH, not Maven itself.
func harnessTools(_ scratch: String) throws -> [String: [String: String]] {
  let installations: [(type: String, name: String, program: String, banner: String)] = [
    ("maven", "apache-maven-3.0.1", "mvn", "Apache Maven 3.0.1 (r1075438; 2011-02-28 17:31:09+0000)"),
    ("maven", "apache-maven-3.5.0", "mvn", "Apache Maven 3.5.0 (ff8f5e7444045639af65f6095c62210b5713f426; 2017-04-03T19:39:06Z)"),
    ("ant", "default", "ant", "Apache Ant(TM) version 1.10.14 compiled on August 16 2023"),
  ]
  var tools: [String: [String: String]] = [:]
  for installation in installations {
    let home = scratch + "/tools/" + installation.name
    try FileManager.default.createDirectory(atPath: home + "/bin", withIntermediateDirectories: true)
    let program = home + "/bin/" + installation.program
    try "#!/bin/sh\necho '\(installation.banner)'\n".write(toFile: program, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program)
    tools[installation.type, default: [:]][installation.name] = home
  }
  return tools
}

/// Makes `directory` a git repository with one commit on `master`, as the harness's sample repo.
func commitRepository(_ directory: String) throws {
  try TestGit.run(["init", "-q", "-b", "master"], in: URL(fileURLWithPath: directory))
  try TestGit.run(["add", "-A"], in: URL(fileURLWithPath: directory))
  try TestGit.run(["commit", "-q", "-m", "init"], in: URL(fileURLWithPath: directory))
}

/// A multibranch set-up (`setup.scm`): the job builds the repository's `master` branch or the
/// tag the case names, cloned with `--repo` as Carson does for a multibranch job.
func prepareMultibranch(_ options: inout RunOptions, repository: String, setup: JSONValue) throws {
  guard setup["scm"] != nil else { return }
  var ref = setup["branch"]?.stringValue ?? "master"
  if let tag = setup["tag"]?.stringValue {
    try TestGit.run(["tag", tag], in: URL(fileURLWithPath: repository))
    ref = tag
  }
  options.repository = RepositorySource(url: "file://" + repository, ref: ref)
  _ = try SourceRepository.prepare(&options) { _ in }
}

/// Answers for the harness's `input` steps, where the test submits values.
let harnessInputs: [String: String] = [
  "jenkinsfiles/parametersInInput.groovy": #"{"Simple-input": {"approve": true, "parameters": {"fruit": "pear", "flag": false}}}"#,
  "jenkinsfiles/singleParameterInInput.groovy": #"{"Simple-input": {"approve": true, "parameters": {"flag": false}}}"#,
  "jenkinsfiles/submitterParameterInInput.groovy": #"{"Simple-input": {"approve": true, "approver": "alice"}}"#,
]

/// The first-build checks of a file, each with the set-up it runs under: every primary scenario
/// (a file may be run under several agent environments or causes), else the top-level
/// expectation, else, where the manifest inferred it, the single first-build scenario.
func runtimeChecks(_ entry: JSONValue) -> [JSONValue] {
  let scenarios = entry["scenarios"]?.arrayValue ?? []
  let primaries = scenarios.filter { $0["primary"]?.boolValue == true && $0["run_index"]?.intValue == 1 }
  if !primaries.isEmpty { return primaries }
  if entry["result"] != nil && entry["result"] != .null { return [entry] }
  let firstBuilds = scenarios.filter {
    $0["run_index"]?.intValue == 1 && $0["result"]?.stringValue != nil && $0["setup"]?["source"] != nil
  }
  return firstBuilds.count == 1 ? firstBuilds : []
}

/// A scenario's set-up over the file's (the scenario's keys win).
func mergedSetup(_ entry: JSONValue, _ check: JSONValue) -> JSONValue {
  var fields = entry["setup"]?.objectValue ?? []
  for (key, value) in check["setup"]?.objectValue ?? [] {
    fields.removeAll { $0.0 == key }
    fields.append((key, value))
  }
  return .object(fields)
}

/// What went wrong in one check (empty when it passed).
func problems(_ check: JSONValue, _ outcome: RuntimeOutcome) -> [String] {
  var problems: [String] = []
  if let result = check["result"]?.stringValue, result != outcome.result.name {
    problems.append("result \(outcome.result.name), expected \(result)")
  }
  for needle in check["log_contains"]?.arrayValue ?? [] where !outcome.log.contains(needle.stringValue ?? "") {
    problems.append("log lacks \"\(needle.stringValue ?? "")\"")
  }
  for needle in check["log_not_contains"]?.arrayValue ?? [] where outcome.log.contains(needle.stringValue ?? "") {
    problems.append("log has \"\(needle.stringValue ?? "")\"")
  }
  for pattern in check["log_matches"]?.arrayValue ?? [] {
    let regex = pattern.stringValue ?? ""
    if outcome.log.range(of: regex, options: .regularExpression) == nil { problems.append("log does not match /\(regex)/") }
  }
  return problems
}

/// `Cause$UserIdCause("vlinde")`, `TimerTrigger$TimerTriggerCause`: the harness's build cause.
func harnessCause(_ text: String) -> BuildCause {
  let argument = text.firstIndex(of: "(").map { String(text[$0...].dropFirst().dropLast()).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
  let name = String(text.prefix { $0 != "(" })
  if name.hasSuffix("UserIdCause") { return .user(argument ?? "anonymous") }
  if name.hasSuffix("SCMTriggerCause") { return .scmChange }
  if name.hasSuffix("TimerTriggerCause") { return .timer }
  return BuildCause(className: name, shortDescription: "Started by \(name)")
}

struct RuntimeOutcome: Sendable {
  var result: BuildResult
  var log: String
}

/// Runs one corpus Jenkinsfile under one check's set-up as Jenkins' harness would, capturing the
/// Jenkins-style log.
func runCorpusFile(_ entry: JSONValue, check: JSONValue) throws -> RuntimeOutcome {
  let setup = mergedSetup(entry, check)
  let file = entry["file"]!.stringValue!
  let root = SharedCorpus.root!.appendingPathComponent("conformance")
  let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("carson-conformance-\(UUID().uuidString)").path
  // Jenkins' workspace of job "test0" is `…/workspace/test0`; some logs show it.
  let repository = scratch + "/repo", workspace = scratch + "/workspace/test0"
  try FileManager.default.createDirectory(atPath: repository, withIntermediateDirectories: true)
  try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: scratch) }
  let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
  try text.write(toFile: repository + "/Jenkinsfile", atomically: true, encoding: .utf8)
  for (corpusFile, name) in setup["other_resources"]?.objectValue ?? [] {
    let data = try Data(contentsOf: root.appendingPathComponent(corpusFile))
    try data.write(to: URL(fileURLWithPath: repository + "/" + (name.stringValue ?? corpusFile)))
  }
  for (name, content) in (setup["repo_files"]?.objectValue ?? []) + (harnessRepoFiles[file] ?? []) {
    let path = repository + "/" + name
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data((content.stringValue ?? "").utf8).write(to: URL(fileURLWithPath: path))
  }
  try commitRepository(repository)
  let credentials = try harnessCredentials(scratch, inFolder: setup["in_folder"]?.boolValue == true)
  let tools = try harnessTools(scratch)
  let lint = Linter.check(SourceFile(path: "Jenkinsfile", text: text), options: ValidationOptions(installedTools: conformanceTools))
  var options = RunOptions(workspace: workspace, jobName: "test0")
  options.sourceDirectory = repository
  options.stateDirectory = scratch + "/state"
  options.fromSCM = setup["source"]?.stringValue != "inline"
  options.agents = harnessAgents(entry, setup: setup)
  if let cause = setup["cause"]?.stringValue { options.causes = [harnessCause(cause)] }
  options.credentials = credentials
  options.tools = tools
  if file.contains("docker-workflow__") {
    _ = harnessImages
    options.containerShim = DockerTestEngine.shim
  }
  options.libraries = try harnessLibraries(setup, scratch: scratch, corpus: root)
  options.branch = setup["branch"]?.stringValue
  options.tag = setup["tag"]?.stringValue
  try prepareMultibranch(&options, repository: repository, setup: setup)
  if let answers = harnessInputs[file] {
    options.input = .answers(try JSONValue.parse(answers))
  } else if entry["interactive"]?.boolValue == true || setup["input"] != nil {
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

