import CarsonGit
import Foundation

/// `carson run --repo URL …`: the repository is cloned into the workspace before anything
/// else, the Jenkinsfile is read from the clone, and every `checkout scm` of the run (the
/// automatic one of each agent, and explicit ones) checks out that same commit, as a Jenkins
/// multibranch job does.
public enum SourceRepository {
  /// Clones `options.repository` into `options.workspace`, records the commit in
  /// `options.sourceCheckout`, fills in what multibranch derives from the ref (BRANCH_NAME,
  /// TAG_NAME, CHANGE_ID) unless given, and returns the Jenkinsfile's path in the clone.
  public static func prepare(_ options: inout RunOptions, log: (String) -> Void) throws -> String {
    guard let repository = options.repository else { throw RunSetupError("no repository to clone") }
    var request = CheckoutRequest(url: repository.url, ref: repository.ref, mergeRequest: repository.mergeRequest)
    request.narrow = repository.depth != nil
    request.hostKeys = options.gitHostKeys
    let credentials = try GitCredentialSource(options: options, scratch: NSTemporaryDirectory())
    defer { credentials.removeFiles() }
    request.credentials = try credentials.resolve(url: request.url, credentialsID: repository.credentialsID, fallback: request.credentials)
    log("Cloning \(request.url)" + (repository.ref.map { " at \($0)" } ?? "") + (repository.mergeRequest.map { " (merge request !\($0))" } ?? "") + " into \(options.workspace)")
    if let depth = repository.depth {
      log("--depth \(depth): libgit2 \(GitRepository.libraryVersion) cannot make shallow clones; fetching only the requested ref instead")
    }
    let result: CheckoutResult
    do {
      result = try GitRepository.checkout(request, into: options.workspace)
    } catch let error as GitError {
      throw RunSetupError(error.description)
    }
    log("Obtained \(repository.jenkinsfilePath) from \(result.commit.sha)")
    options.sourceCheckout = result
    options.sourceDirectory = options.workspace
    if let iid = result.mergeRequest {
      options.changeID = options.changeID ?? String(iid)
      options.branch = options.branch ?? "MR-\(iid)"
    } else if let tag = result.tag {
      options.tag = options.tag ?? tag
    } else if let branch = result.branch {
      options.branch = options.branch ?? branch
    }
    let path = options.workspace + "/" + repository.jenkinsfilePath
    guard FileManager.default.fileExists(atPath: path) else {
      throw RunSetupError("\(repository.jenkinsfilePath) does not exist in \(request.url) at \(result.commit.sha.prefix(12)) (give its path with --jenkinsfile)")
    }
    return path
  }

  /// Where a `--repo` run works when no `--workspace` is given: the job's directory in the
  /// state directory, kept between runs (later runs fetch into it, as Jenkins reuses workspaces).
  public static func defaultWorkspace(jobName: String, stateDirectory: String?, environment: [String: String]) -> String {
    JobStateStore(directory: stateDirectory, environment: environment).jobDirectory(jobName) + "/workspace"
  }

  /// The job a repository builds when no `--job-name` is given: `group/project.git` → `project`.
  public static func jobName(forRepository url: String) -> String {
    let last = url.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? "repository"
    return last.hasSuffix(".git") ? String(last.dropLast(4)) : last
  }

  /// What Jenkins' git plugin puts in the environment after a checkout.
  static func variables(_ checkout: CheckoutResult, branchName: String?, previousCommit: String?) -> [String: String] {
    var vars = [
      "GIT_COMMIT": checkout.commit.sha, "GIT_URL": checkout.url,
      "GIT_AUTHOR_NAME": checkout.commit.authorName, "GIT_AUTHOR_EMAIL": checkout.commit.authorEmail,
      "GIT_COMMITTER_NAME": checkout.commit.committerName, "GIT_COMMITTER_EMAIL": checkout.commit.committerEmail,
    ]
    if let branch = branchName ?? checkout.branch ?? checkout.tag { vars["GIT_BRANCH"] = branch }
    if let branch = checkout.branch { vars["GIT_LOCAL_BRANCH"] = branch }
    if let previousCommit { vars["GIT_PREVIOUS_COMMIT"] = previousCommit }
    return vars
  }

  /// The variables of a local repository the user already has (`carson run` in a clone).
  static func localVariables(_ directory: String, previousCommit: String?) -> [String: String] {
    guard let repository = GitRepository.open(directory), let commit = repository.headCommit() else { return [:] }
    let branch = repository.currentBranch()
    let checkout = CheckoutResult(commit: commit, branch: branch, tag: nil, mergeRequest: nil, url: repository.remoteURL() ?? "")
    var vars = variables(checkout, branchName: nil, previousCommit: previousCommit)
    if checkout.url.isEmpty { vars["GIT_URL"] = nil }
    return vars
  }
}
