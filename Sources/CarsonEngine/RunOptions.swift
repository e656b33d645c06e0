import CarsonGit
import CarsonSyntax
import Foundation

/// Everything a run is given from outside the Jenkinsfile (command-line options).
public struct RunOptions: Sendable {
  public var workspace: String
  /// Where the Jenkinsfile's repository is (`checkout scm` copies it into the workspace when
  /// they differ); nil: the workspace itself.
  public var sourceDirectory: String?
  public var jobName: String
  /// nil: one more than the previous run of the job (1 for the first).
  public var buildNumber: Int?
  /// `-a NAME=VALUE`: raw values, typed by the `parameters {}` block.
  public var arguments: [String: String] = [:]
  /// `--env`/`--env-file`: added to the build environment.
  public var environment: [String: String] = [:]
  public var branch: String?
  public var tag: String?
  public var changeID: String?
  public var changeTarget: String?
  public var credentials: CredentialStore = CredentialStore()
  /// `--stage NAME`: run only these stages (and what contains them).
  public var onlyStages: [String] = []
  /// `--skip-stage NAME`: leave these stages (and what they contain) out.
  public var skipStages: [String] = []
  /// `--from-stage NAME`: leave out the stages written before this one (not those containing it).
  public var fromStage: String?
  /// `--keep-failed-containers`: a container whose steps failed is left running to look into.
  public var keepFailedContainers = false
  public var input: InputAnswers = .none
  public var dryRun = false
  /// `--mock 'PATTERN=OUTPUT'`: in a dry run, `sh` scripts matching PATTERN return OUTPUT.
  public var mocks: [(pattern: String, output: String)] = []
  /// Labelled agents to emulate (`--agents FILE`); empty means every label runs on this machine.
  public var agents: [AgentDefinition] = []
  /// Tool installations by type and name → home directory (`tool`, `tools {}`).
  public var tools: [String: [String: String]] = [:]
  /// Where `archiveArtifacts` copies to; nil: `.carson/artifacts/<job>/<build>` in the workspace.
  public var artifactsDirectory: String?
  /// Where run state (previous results, build numbers) is kept; nil: `$XDG_STATE_HOME/carson` or `~/.local/state/carson`.
  public var stateDirectory: String?
  /// The environment of the machine (PATH, HOME, …) that processes inherit.
  public var processEnvironment: [String: String] = ProcessInfo.processInfo.environment
  /// How the build was triggered, for `when { triggeredBy … }` (`UserIdCause` by default).
  public var causes: [BuildCause] = [.user(ProcessInfo.processInfo.environment["USER"] ?? "carson")]
  /// The Jenkinsfile came from SCM (`checkout scm` and the automatic checkout log so).
  public var fromSCM = true
  /// The shell server (`carson-shim`) to mount into agent containers so that steps after the
  /// first skip `docker exec`; nil: one `docker exec` per step.
  public var containerShim: String?
  /// `--repo …` (or a GitLab event): the repository to clone into the workspace, whose
  /// Jenkinsfile runs and which `checkout scm` checks out.
  public var repository: RepositorySource?
  /// What `SourceRepository.prepare` checked out: every `checkout scm` of the run takes this commit.
  public var sourceCheckout: CheckoutResult?
  /// How SSH host keys of git remotes are checked (`--git-known-hosts`, `--git-insecure-host-keys`).
  public var gitHostKeys: HostKeyPolicy = .standard
  /// CHANGE_BRANCH of a change request (the merge request's source branch).
  public var changeBranch: String?
  /// `--gitlab-url`/`--gitlab-project` and a token: where commit statuses and merge-request
  /// comments go; nil: GitLab steps log that no connection is configured and do nothing.
  public var gitlab: GitLabConnection?
  /// `--library NAME=PATH_OR_URL` and the libraries configuration file: shared libraries by name.
  public var libraries: [LibraryDefinition] = []
  /// How libraries at git URLs are fetched; nil: with libgit2 (see docs/libraries.md).
  public var libraryFetcher: LibraryFetcher?

  public init(workspace: String, jobName: String) {
    self.workspace = workspace
    self.jobName = jobName
  }
}

/// A repository to build: what `carson run --repo URL --ref REF --merge-request IID --depth N`
/// names, or what a GitLab webhook payload points at.
public struct RepositorySource: Sendable, Equatable {
  public var url: String
  /// A branch, tag or commit SHA; nil: the remote's default branch (HEAD).
  public var ref: String?
  /// A GitLab merge request: its head is fetched from `refs/merge-requests/IID/head`.
  public var mergeRequest: Int?
  /// Shallow clone depth; nil: full history.
  public var depth: Int?
  /// The Jenkinsfile's path inside the repository.
  public var jenkinsfilePath: String = "Jenkinsfile"
  /// The credentials id (in the `--credentials` store) to authenticate with; nil: the
  /// `GITLAB_TOKEN` environment variable for HTTPS, none otherwise.
  public var credentialsID: String?

  public init(url: String, ref: String? = nil, mergeRequest: Int? = nil, depth: Int? = nil) {
    self.url = url
    self.ref = ref
    self.mergeRequest = mergeRequest
    self.depth = depth
  }
}

/// Where to report to GitLab: the instance, the project (numeric id or `group/project`) and
/// the API token (never printed).
public struct GitLabConnection: Sendable {
  public var baseURL: String
  public var project: String
  public var token: String

  public init(baseURL: String, project: String, token: String) {
    self.baseURL = baseURL
    self.project = project
    self.token = token
  }
}

/// A shared library Carson can load: by name, from a local directory or a git URL, with its
/// default version and whether every pipeline loads it without `@Library`.
public struct LibraryDefinition: Sendable, Equatable {
  public var name: String
  /// A directory (used as it is) or a git URL (cloned at the requested version).
  public var location: String
  public var defaultVersion: String?
  public var implicit: Bool
  /// Whether a Jenkinsfile may ask for another version than the default (`name@ref`).
  public var allowVersionOverride: Bool
  public var credentialsID: String?

  public init(name: String, location: String, defaultVersion: String? = nil, implicit: Bool = false, allowVersionOverride: Bool = true, credentialsID: String? = nil) {
    self.name = name
    self.location = location
    self.defaultVersion = defaultVersion
    self.implicit = implicit
    self.allowVersionOverride = allowVersionOverride
    self.credentialsID = credentialsID
  }
}

/// An emulated Jenkins agent: its labels and environment.
public struct AgentDefinition: Sendable {
  public var name: String
  public var labels: Set<String>
  public var environment: [String: String]

  public init(name: String, labels: Set<String>, environment: [String: String]) {
    self.name = name
    self.labels = labels
    self.environment = environment
  }

  /// Jenkins label expressions: `a && b`, `a || b`, `!a`, parentheses, bare labels.
  public func matches(_ expression: String) -> Bool {
    let trimmed = expression.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty { return true }
    var parser = LabelExpressionParser(Array(trimmed), labels: labels.union([name]))
    return parser.parseOr()
  }

  /// Reads `[{"name": …, "labels": "a b", "env": {…}}]`.
  public static func load(_ json: JSONValue) throws -> [AgentDefinition] {
    guard let items = json.arrayValue else { throw RunSetupError("an agents file must hold a JSON array of agents") }
    return try items.enumerated().map { i, item in
      guard let labels = item["labels"]?.stringValue else { throw RunSetupError("agent \(i + 1) has no \"labels\" string") }
      var env: [String: String] = [:]
      for (key, value) in item["env"]?.objectValue ?? [] { env[key] = value.stringValue ?? "" }
      let name = item["name"]?.stringValue ?? "agent\(i + 1)"
      return AgentDefinition(name: name, labels: Set(labels.split(separator: " ").map(String.init)), environment: env)
    }
  }
}

struct LabelExpressionParser {
  var chars: [Character]
  var pos = 0
  let labels: Set<String>

  init(_ chars: [Character], labels: Set<String>) {
    self.chars = chars
    self.labels = labels
  }

  mutating func skipSpaces() { while pos < chars.count, chars[pos] == " " { pos += 1 } }

  mutating func parseOr() -> Bool {
    var value = parseAnd()
    while true {
      skipSpaces()
      guard pos + 1 < chars.count, chars[pos] == "|", chars[pos + 1] == "|" else { return value }
      pos += 2
      let rhs = parseAnd()
      value = value || rhs
    }
  }

  mutating func parseAnd() -> Bool {
    var value = parseUnary()
    while true {
      skipSpaces()
      guard pos + 1 < chars.count, chars[pos] == "&", chars[pos + 1] == "&" else { return value }
      pos += 2
      let rhs = parseUnary()
      value = value && rhs
    }
  }

  mutating func parseUnary() -> Bool {
    skipSpaces()
    guard pos < chars.count else { return false }
    if chars[pos] == "!" {
      pos += 1
      return !parseUnary()
    }
    if chars[pos] == "(" {
      pos += 1
      let value = parseOr()
      skipSpaces()
      if pos < chars.count, chars[pos] == ")" { pos += 1 }
      return value
    }
    var name = ""
    while pos < chars.count, !" &|()!".contains(chars[pos]) {
      name.append(chars[pos])
      pos += 1
    }
    return labels.contains(name.trimmingCharacters(in: CharacterSet(charactersIn: "\"'")))
  }
}

/// Answers for `input` steps and stage `input` directives.
public enum InputAnswers: Sendable {
  /// No answer given: ask on a terminal, abort (with a clear message) otherwise.
  case none
  case approveAll
  case abortAll
  /// By input id or message: `{"id-or-message": {"approve": true, "parameters": {…}, "approver": "…"}}`.
  case answers(JSONValue)
}

/// A problem with how the run was set up (files, options), reported before anything runs.
public struct RunSetupError: Error, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// Why a build started, as Jenkins' `hudson.model.Cause` subclasses: a local `carson run` is
/// `UserIdCause` of the user running it; agents may say `SCMTriggerCause`, `TimerTriggerCause`, …
public struct BuildCause: Sendable, Equatable {
  /// Jenkins' class name, e.g. `hudson.model.Cause$UserIdCause`.
  public var className: String
  /// The user for `UserIdCause`.
  public var userID: String?
  /// What Jenkins prints first in the log ("Started by user alice").
  public var shortDescription: String

  public init(className: String, userID: String? = nil, shortDescription: String) {
    self.className = className
    self.userID = userID
    self.shortDescription = shortDescription
  }

  public static func user(_ id: String) -> BuildCause {
    BuildCause(className: "hudson.model.Cause$UserIdCause", userID: id, shortDescription: "Started by user \(id)")
  }
  public static let scmChange = BuildCause(className: "hudson.triggers.SCMTrigger$SCMTriggerCause", shortDescription: "Started by an SCM change")
  public static let timer = BuildCause(className: "hudson.triggers.TimerTrigger$TimerTriggerCause", shortDescription: "Started by timer")

  /// `UserIdCause`, `SCMTriggerCause`: the part after the last `$` or `.`.
  public var simpleName: String {
    String(className.split(whereSeparator: { $0 == "$" || $0 == "." }).last ?? Substring(className))
  }

  /// `triggeredBy cause: NAME, detail: DETAIL` as Jenkins matches it: `UserIdCause` by class and
  /// user id; any other name as a case-insensitive part of the simple class name.
  public func matches(_ name: String, detail: String?) -> Bool {
    if name == "UserIdCause" { return simpleName == "UserIdCause" && (detail == nil || detail == userID) }
    return simpleName.lowercased().contains(name.lowercased())
  }
}
