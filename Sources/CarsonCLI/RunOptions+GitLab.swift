import CarsonEngine
import CarsonGitLab
import Foundation

// `carson run --gitlab-event FILE --gitlab-url URL --gitlab-project ID_OR_PATH` (docs/gitlab.md).

extension RunCommand {
  static let gitlabOptions = [
    OptionSpec(["--gitlab-event"], value: "FILE", help: "A GitLab webhook payload (push, tag push, merge request, note): sets what the GitLab plugin and multibranch set (docs/gitlab.md)."),
    OptionSpec(["--gitlab-url"], value: "URL", help: "Report commit statuses and merge-request comments to this GitLab (token: GITLAB_TOKEN or credential gitlab-token)."),
    OptionSpec(["--gitlab-project"], value: "ID_OR_PATH", help: "The GitLab project statuses go to (default: the --gitlab-event's project)."),
  ]

  /// The credential id the GitLab API token is read from (a `secret-text` in `--credentials`).
  static let gitlabTokenCredential = "gitlab-token"

  /// Whether the run clones its repository: `--repo`, or `--gitlab-event` without a JENKINSFILE
  /// (with one, the local Jenkinsfile runs with the event's variables and nothing is cloned).
  static func clonesRepository(_ arguments: ParsedArguments) -> Bool {
    arguments.value("--repo") != nil || (arguments.value("--gitlab-event") != nil && arguments.positionals.isEmpty)
  }

  static func readEvent(_ file: String, _ io: CommandIO) throws -> GitLabEvent {
    do {
      return try GitLabEvent.parse(try readFile(file, io), file: file)
    } catch let error as GitLabEventError {
      throw RunSetupError(error.description)
    }
  }

  /// The repository `--gitlab-event` points at, as `--repo` would give it: the project at the
  /// pushed branch or tag, or the merge request's head. `--ref`, `--merge-request`, `--depth`,
  /// `--jenkinsfile` and `--git-credentials` apply as with `--repo`.
  static func gitlabEventRepository(_ arguments: ParsedArguments, _ io: CommandIO) throws -> RepositorySource? {
    guard let file = arguments.value("--gitlab-event") else { return nil }
    let event = try readEvent(file, io)
    var source = RepositorySource(url: event.repositoryURL, ref: event.ref, mergeRequest: event.mergeRequestIID)
    if let ref = arguments.value("--ref") { (source.ref, source.mergeRequest) = (ref, nil) }
    if let iid = arguments.value("--merge-request").flatMap(Int.init) { (source.ref, source.mergeRequest) = (nil, iid) }
    if let depth = arguments.value("--depth").flatMap(Int.init), depth > 0 { source.depth = depth }
    if let path = arguments.value("--jenkinsfile") { source.jenkinsfilePath = path }
    source.credentialsID = arguments.value("--git-credentials")
    return source
  }

  /// Applies `--gitlab-event` (options given explicitly win over the event) and the connection.
  static func applyGitLab(_ arguments: ParsedArguments, _ options: inout RunOptions, _ io: CommandIO) throws {
    let event = try arguments.value("--gitlab-event").map { try readEvent($0, io) }
    if let event { apply(event, to: &options, arguments) }

    let url = arguments.value("--gitlab-url")
    let project = arguments.value("--gitlab-project") ?? event?.projectID.map(String.init)
    guard let url else {
      if arguments.value("--gitlab-project") != nil { throw UsageError.invalid("--gitlab-project needs --gitlab-url", command: "run") }
      return
    }
    guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
      throw UsageError.invalid("--gitlab-url expects an http(s) URL such as https://gitlab.example.com, got '\(url)'", command: "run")
    }
    guard let project, !project.isEmpty else {
      throw UsageError.invalid("--gitlab-url needs --gitlab-project (a project id or group/project), or a --gitlab-event to take it from", command: "run")
    }
    let token: String
    if case .secretText(let secret)? = options.credentials.credentials[gitlabTokenCredential] {
      token = secret
    } else if let fromEnvironment = options.processEnvironment["GITLAB_TOKEN"], !fromEnvironment.isEmpty {
      token = fromEnvironment
    } else {
      throw RunSetupError(
        "--gitlab-url needs a GitLab API token: set GITLAB_TOKEN, or give a secret-text credential '\(gitlabTokenCredential)' in --credentials")
    }
    options.gitlab = GitLabConnection(baseURL: url, project: project, token: token)
  }

  /// What GitLab's trigger gives a Jenkins build besides the repository (gitlabEventRepository):
  /// BRANCH_NAME and the CHANGE_* of multibranch, the plugin's variables and its cause.
  static func apply(_ event: GitLabEvent, to options: inout RunOptions, _ arguments: ParsedArguments) {
    if arguments.value("--branch") == nil { options.branch = event.branchName }
    if arguments.value("--tag") == nil { options.tag = event.tagName }
    if arguments.value("--change-id") == nil { options.changeID = event.changeID }
    if arguments.value("--change-target") == nil { options.changeTarget = event.changeTarget }
    // --env and --env-file win over the event.
    options.environment.merge(event.environment) { given, _ in given }
    if arguments.value("--cause") == nil {
      options.causes = [BuildCause(className: GitLabEvent.causeClassName, shortDescription: event.causeDescription)]
    }
  }
}
