import CarsonGit
import Foundation

// Git checkouts inside a run: `checkout scm` of a `--repo` run, the `git` step and
// `checkout([$class: 'GitSCM', …])`, on the host or in a Docker agent's (mounted) workspace.

/// One git checkout a step asked for.
struct GitCheckoutSpec {
  var url: String
  var branch: String?
  var credentialsID: String?
  /// Into this directory below the step's directory (`RelativeTargetDirectory`).
  var subdirectory: String?
  var clean = false
  /// `CloneOption(shallow: true)` / `depth`: narrowed to the one ref (libgit2 1.5 has no shallow fetch).
  var narrow = false
  var mergeRequest: Int?
  var commit: String?
}

extension PipelineRun {
  /// `checkout scm` in a `--repo` run: the run's commit, into `target`.
  func checkoutRunCommit(_ checkout: CheckoutResult, into target: String, _ context: BranchContext) throws -> [String: String] {
    guard let repository = options.repository else { return [:] }
    var spec = GitCheckoutSpec(url: repository.url, branch: checkout.branch ?? checkout.tag ?? repository.ref, credentialsID: repository.credentialsID)
    spec.mergeRequest = checkout.mergeRequest
    spec.commit = checkout.commit.sha
    spec.narrow = repository.depth != nil
    var result = try gitCheckout(spec, into: target, context)
    // Named as the run's checkout was (a pinned commit is checked out detached).
    (result.branch, result.tag, result.mergeRequest) = (checkout.branch, checkout.tag, checkout.mergeRequest)
    return SourceRepository.variables(result, branchName: buildVariables["BRANCH_NAME"], previousCommit: previous.lastCommit)
  }

  /// Clones or updates `target` as `spec` says, logging as Jenkins' git plugin does.
  @discardableResult
  func gitCheckout(_ spec: GitCheckoutSpec, into target: String, _ context: BranchContext) throws -> CheckoutResult {
    var request = CheckoutRequest(url: spec.url, ref: spec.branch, mergeRequest: spec.mergeRequest)
    request.commit = spec.commit
    request.clean = spec.clean
    request.narrow = spec.narrow
    request.hostKeys = options.gitHostKeys
    request.isCancelled = { [cancellation = context.cancellation] in cancellation.cancellationReason != nil }
    let credentials = try GitCredentialSource(options: options, scratch: runDirectory)
    defer { credentials.removeFiles() }
    request.credentials = try credentials.resolve(url: request.url, credentialsID: spec.credentialsID, fallback: request.credentials)
    if spec.credentialsID != nil { context.log("using credential \(spec.credentialsID!)") }
    if options.dryRun {
      context.log("Would check out \(request.url)" + (spec.branch.map { " (\($0))" } ?? "") + " into \(target)")
      return CheckoutResult(commit: CommitInfo(sha: spec.commit ?? "", authorName: "", authorEmail: "", committerName: "", committerEmail: "", message: "", time: 0), branch: spec.branch, tag: nil, mergeRequest: spec.mergeRequest, url: request.url)
    }
    if GitRepository.open(target) == nil {
      context.log("Cloning the remote Git repository")
      context.log("Cloning repository \(request.url)")
    } else {
      context.log("Fetching changes from the remote Git repository")
    }
    let result: CheckoutResult
    do {
      result = try interpreter.lock.unlocked { try GitRepository.checkout(request, into: target) }
    } catch let error as GitError {
      throw StepFailure(error.description)
    }
    let name = result.branch.map { "origin/\($0)" } ?? result.tag ?? result.mergeRequest.map { "merge request !\($0)" } ?? "detached"
    context.log("Checking out Revision \(result.commit.sha) (\(name))")
    context.log("Commit message: \"\(result.commit.message.split(separator: "\n").first ?? "")\"")
    return result
  }
}
