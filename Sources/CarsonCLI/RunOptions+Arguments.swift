import CarsonEngine
import CarsonSyntax
import Foundation

// `carson run`'s options turned into the engine's RunOptions.

extension RunCommand {
  /// The options of a run. `jenkinsfile` is nil when the Jenkinsfile comes from a repository
  /// (`--repo`), which is cloned later, into the workspace.
  static func runOptions(_ arguments: ParsedArguments, jenkinsfile path: String?, _ io: CommandIO) throws -> RunOptions {
    let repository = try repositorySource(arguments) ?? (path == nil ? try gitlabEventRepository(arguments, io) : nil)
    let given = arguments.value("--workspace").map { URL(fileURLWithPath: $0.hasPrefix("/") ? $0 : io.currentDirectory + "/" + $0).standardized.path }
    var sourceDirectory: String?
    if let path {
      let absolutePath = URL(fileURLWithPath: path.hasPrefix("/") ? path : io.currentDirectory + "/" + path).standardized.path
      sourceDirectory = (absolutePath as NSString).deletingLastPathComponent
    }
    let stateDirectory = arguments.value("--state-dir").map { $0.hasPrefix("/") ? $0 : io.currentDirectory + "/" + $0 }
    let jobName = arguments.value("--job-name") ?? repository.map { SourceRepository.jobName(forRepository: $0.url) }
      ?? ((given ?? sourceDirectory ?? io.currentDirectory) as NSString).lastPathComponent
    let workspace = given ?? sourceDirectory
      ?? SourceRepository.defaultWorkspace(jobName: jobName, stateDirectory: stateDirectory, environment: ProcessInfo.processInfo.environment)
    var options = RunOptions(workspace: workspace, jobName: jobName)
    options.repository = repository
    // `checkout scm` copies the Jenkinsfile's directory into a workspace elsewhere.
    options.sourceDirectory = sourceDirectory
    options.gitHostKeys = arguments.flag("--git-insecure-host-keys") ? .acceptAny : arguments.all("--git-known-hosts").isEmpty ? .standard
      : .knownHosts(arguments.all("--git-known-hosts").map { $0.hasPrefix("/") ? $0 : io.currentDirectory + "/" + $0 })
    options.arguments = Dictionary(try pairs(arguments.all("--arg"), option: "--arg"), uniquingKeysWith: { _, b in b })
    for file in arguments.all("--env-file") {
      for line in String(decoding: try readFile(file, io), as: UTF8.self).split(separator: "\n") {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), let eq = trimmed.firstIndex(of: "=") else { continue }
        options.environment[String(trimmed[..<eq])] = String(trimmed[trimmed.index(after: eq)...])
      }
    }
    for (name, value) in try pairs(arguments.all("--env"), option: "--env") { options.environment[name] = value }
    options.branch = arguments.value("--branch")
    options.tag = arguments.value("--tag")
    options.changeID = arguments.value("--change-id")
    options.changeTarget = arguments.value("--change-target")
    if let number = arguments.value("--build-number") {
      guard let n = Int(number), n > 0 else { throw UsageError.invalid("--build-number expects a positive number, got '\(number)'", command: "run") }
      options.buildNumber = n
    }
    if let file = arguments.value("--credentials") { options.credentials = try CredentialStore.load(try readJSON(file, io)) }
    if let file = arguments.value("--agents") { options.agents = try AgentDefinition.load(try readJSON(file, io)) }
    if let file = arguments.value("--tools") { options.tools = try loadTools(try readJSON(file, io)) }
    options.libraries = try libraryDefinitions(arguments, io)
    options.onlyStages = arguments.all("--stage")
    options.skipStages = arguments.all("--skip-stage")
    options.fromStage = arguments.value("--from-stage")
    options.keepFailedContainers = arguments.flag("--keep-failed-containers")
    switch arguments.value("--input") {
    case nil: options.input = .none
    case "approve"?: options.input = .approveAll
    case "abort"?: options.input = .abortAll
    case let file?: options.input = .answers(try readJSON(file, io))
    }
    options.dryRun = arguments.flag("--dry-run")
    options.mocks = try pairs(arguments.all("--mock"), option: "--mock").map { (pattern: $0.0, output: $0.1) }
    options.artifactsDirectory = arguments.value("--artifacts").map { $0.hasPrefix("/") ? $0 : io.currentDirectory + "/" + $0 }
    options.stateDirectory = stateDirectory
    if let cause = arguments.value("--cause") { options.causes = [try buildCause(cause)] }
    if !arguments.flag("--no-shim") { options.containerShim = installedShim() }
    try applyGitLab(arguments, &options, io)
    return options
  }

  /// `carson-shim` installed next to the `carson` executable (`swift build` and `make` put it
  /// there), or given by CARSON_SHIM; nil when there is none (steps then use `docker exec`).
  static func installedShim() -> String? {
    if let given = ProcessInfo.processInfo.environment["CARSON_SHIM"], !given.isEmpty { return given }
    guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
    let candidate = (executable as NSString).deletingLastPathComponent + "/carson-shim"
    return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
  }

  /// `--repo URL [--ref REF] [--merge-request IID] [--depth N] [--jenkinsfile PATH] [--git-credentials ID]`.
  static func repositorySource(_ arguments: ParsedArguments) throws -> RepositorySource? {
    guard let url = arguments.value("--repo") else {
      for option in ["--ref", "--merge-request", "--depth", "--jenkinsfile", "--git-credentials"] where arguments.value(option) != nil && arguments.value("--gitlab-event") == nil {
        throw UsageError.invalid("\(option) needs --repo URL", command: "run")
      }
      return nil
    }
    var source = RepositorySource(url: url, ref: arguments.value("--ref"))
    if let iid = arguments.value("--merge-request") {
      guard let number = Int(iid), number > 0 else { throw UsageError.invalid("--merge-request expects a merge request IID (a positive number), got '\(iid)'", command: "run") }
      guard source.ref == nil else { throw UsageError.invalid("--merge-request and --ref name two different things to check out; give one", command: "run") }
      source.mergeRequest = number
    }
    if let depth = arguments.value("--depth") {
      guard let number = Int(depth), number > 0 else { throw UsageError.invalid("--depth expects a positive number, got '\(depth)'", command: "run") }
      source.depth = number
    }
    if let path = arguments.value("--jenkinsfile") { source.jenkinsfilePath = path }
    source.credentialsID = arguments.value("--git-credentials")
    return source
  }

  static func buildCause(_ text: String) throws -> BuildCause {
    switch text {
    case "timer": return .timer
    case "scm": return .scmChange
    case "user": return .user(ProcessInfo.processInfo.environment["USER"] ?? "carson")
    default:
      if text.hasPrefix("user:"), text.count > 5 { return .user(String(text.dropFirst(5))) }
      throw UsageError.invalid("--cause expects user[:NAME], timer or scm, got '\(text)'", command: "run")
    }
  }
}
