import CLibGit2
import Foundation

extension GitRepository {
  /// Clones or updates the repository at `directory` to the request's ref and checks it out
  /// (a workspace that already holds a clone of the same remote is fetched into, as Jenkins
  /// reuses workspaces). Branches are checked out as a local branch of that name; tags,
  /// commits and merge requests as a detached HEAD.
  public static func checkout(_ request: CheckoutRequest, into directory: String) throws -> CheckoutResult {
    let secrets = request.credentials.secrets
    let operation = "checkout of \(request.url)" + (request.ref.map { " at '\($0)'" } ?? "") + (request.mergeRequest.map { " (merge request !\($0))" } ?? "")
    try Libgit2.ensure(for: scrub(operation, secrets: secrets))
    if let pinned = request.commit, !request.clean, let existing = open(directory), let head = existing.headCommit(), head.sha.hasPrefix(pinned.lowercased()) {
      // The work tree already is that commit (the run's own clone): nothing to fetch.
      return CheckoutResult(commit: head, branch: existing.currentBranch(), tag: nil, mergeRequest: request.mergeRequest, url: request.url)
    }
    if request.url.lowercased().hasPrefix("https:") { _ = Libgit2.certificates }
    if let endpoint = Reachability.endpoint(of: request.url),
      let problem = Reachability.check(host: endpoint.host, port: endpoint.port, timeout: request.connectTimeout)
    {
      throw GitError(.unreachable, operation: scrub(operation, secrets: secrets), message: problem)
    }
    let repository = try openOrInit(directory, operation: operation)
    repository.secrets = secrets
    let session = RemoteSession(credentials: request.credentials, hostKeys: request.hostKeys, isCancelled: request.isCancelled)
    session.currentPort = Reachability.endpoint(of: request.url)?.port ?? 22
    let remote = try repository.origin(request.url, operation: operation)
    defer { carson_git_remote_free(remote) }

    let advertised = try repository.listRemote(remote, session: session, operation: operation)
    let target = try Target.resolve(request, advertised: advertised, operation: scrub(operation, secrets: secrets))
    try repository.fetch(remote, refspecs: target.refspecs(narrow: request.narrow), tags: !request.narrow, session: session, operation: operation)
    let commit: git_oid
    if let pinned = request.commit {
      commit = try repository.resolveCommit(pinned)
    } else if let sha = target.sha {
      var oid = git_oid()
      carson_git_oid_fromstr(&oid, sha)
      commit = try repository.peelToCommit(oid, operation: operation)
    } else {
      commit = try repository.resolveCommit(target.revision)
    }
    try repository.checkOut(commit, branch: target.branch, clean: request.clean, operation: operation)
    return CheckoutResult(
      commit: try repository.commitInfo(commit), branch: target.branch, tag: target.tag, mergeRequest: request.mergeRequest, url: request.url)
  }

  /// Remote `origin`, made or pointed at `url`.
  func origin(_ url: String, operation: String) throws -> OpaquePointer {
    var remote: OpaquePointer?
    if carson_git_remote_lookup(&remote, pointer, "origin") == 0, let existing = remote {
      if carson_git_remote_url(existing).map({ String(cString: $0) }) == url { return existing }
      carson_git_remote_free(existing)
      try check(carson_git_remote_set_url(pointer, "origin", url), operation)
      try check(carson_git_remote_lookup(&remote, pointer, "origin"), operation)
    } else {
      try check(carson_git_remote_create(&remote, pointer, "origin", url), operation)
    }
    return remote!
  }

  /// The remote's refs (`git ls-remote`) and its default branch.
  func listRemote(_ remote: OpaquePointer, session: RemoteSession, operation: String) throws -> AdvertisedRefs {
    var callbacks = git_remote_callbacks()
    carson_git_remote_init_callbacks(&callbacks, UInt32(GIT_REMOTE_CALLBACKS_VERSION))
    session.install(into: &callbacks)
    let connected = carson_git_remote_connect(remote, GIT_DIRECTION_FETCH, &callbacks, nil, nil)
    guard connected == 0 else { throw failure(connected, session: session, operation: operation) }
    defer { carson_git_remote_disconnect(remote) }
    var heads: UnsafeMutablePointer<UnsafePointer<git_remote_head>?>?
    var count = 0
    try check(carson_git_remote_ls(&heads, &count, remote), operation)
    var refs = AdvertisedRefs()
    for i in 0..<count {
      guard let head = heads?[i]?.pointee, let name = head.name else { continue }
      refs.refs[String(cString: name)] = hex(head.oid)
    }
    var buffer = git_buf()
    if carson_git_remote_default_branch(&buffer, remote) == 0, let branch = buffer.ptr {
      refs.defaultBranch = String(cString: branch)
    }
    carson_git_buf_dispose(&buffer)
    return refs
  }

  func fetch(_ remote: OpaquePointer, refspecs: [String], tags: Bool, session: RemoteSession, operation: String) throws {
    var options = git_fetch_options()
    carson_git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION))
    session.install(into: &options.callbacks)
    options.download_tags = tags ? GIT_REMOTE_DOWNLOAD_TAGS_ALL : GIT_REMOTE_DOWNLOAD_TAGS_NONE
    options.prune = GIT_FETCH_PRUNE
    let code = withStringArray(refspecs) { carson_git_remote_fetch(remote, &$0, &options, "carson: fetch") }
    if code != 0 { throw failure(code, session: session, operation: operation) }
  }

  /// A network failure, classified (an SSH host key refusal says why; cancellation says so).
  func failure(_ code: Int32, session: RemoteSession, operation: String) -> GitError {
    if let problem = session.hostKeyProblem {
      return GitError(.hostKey, operation: scrub(operation, secrets: secrets), message: problem)
    }
    if session.isCancelled() {
      return GitError(.cancelled, operation: scrub(operation, secrets: secrets), message: "cancelled")
    }
    var error = lastError(code, operation: operation, secrets: secrets)
    if session.credentialAttempts > 1 {
      // Carson refused to answer a second time: the first credentials were rejected. libgit2's
      // last message is then about something else.
      error.kind = .authentication
      error.message = "authentication failed: the server refused the credentials"
    } else if error.kind == .authentication, case .none = session.credentials {
      error.message = "authentication required: the server asks for credentials (give a credentialsId, --git-credentials or GITLAB_TOKEN)"
    }
    return error
  }

  func peelToCommit(_ oid: git_oid, operation: String) throws -> git_oid {
    var id = oid
    var object: OpaquePointer?
    try check(carson_git_object_lookup(&object, pointer, &id, GIT_OBJECT_ANY), "\(operation): find \(hex(oid))")
    defer { carson_git_object_free(object) }
    var commit: OpaquePointer?
    try check(carson_git_object_peel(&commit, object, GIT_OBJECT_COMMIT), "\(operation): \(hex(oid)) is not a commit")
    defer { carson_git_object_free(commit) }
    return carson_git_object_id(commit)!.pointee
  }

  /// Forces the work tree to `commit`, then points HEAD at it: on `branch` when given,
  /// detached otherwise.
  func checkOut(_ commit: git_oid, branch: String?, clean: Bool, operation: String) throws {
    var id = commit
    var object: OpaquePointer?
    try check(carson_git_object_lookup(&object, pointer, &id, GIT_OBJECT_COMMIT), operation)
    defer { carson_git_object_free(object) }
    var options = git_checkout_options()
    carson_git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION))
    options.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue | (clean ? GIT_CHECKOUT_REMOVE_UNTRACKED.rawValue : 0)
    try check(carson_git_checkout_tree(pointer, object, &options), operation)
    if let branch {
      var reference: OpaquePointer?
      try check(carson_git_reference_create(&reference, pointer, "refs/heads/\(branch)", &id, 1, "carson: checkout"), operation)
      carson_git_reference_free(reference)
      try check(carson_git_repository_set_head(pointer, "refs/heads/\(branch)"), operation)
    } else {
      try check(carson_git_repository_set_head_detached(pointer, &id), operation)
    }
  }
}

/// `git ls-remote`: ref name → SHA, and where the remote's HEAD points.
struct AdvertisedRefs {
  var refs: [String: String] = [:]
  var defaultBranch: String?
}

/// What a request's ref turned out to be on the remote.
struct Target {
  var branch: String?
  var tag: String?
  /// The advertised ref to fetch; nil for a bare commit SHA (found among fetched branches).
  var remoteRef: String?
  /// Where the fetch stores it locally.
  var localRef: String?
  var sha: String?
  /// For a bare SHA: the revision to look up after fetching.
  var revision: String

  func refspecs(narrow: Bool) -> [String] {
    var specs = narrow && remoteRef != nil ? [] : ["+refs/heads/*:refs/remotes/origin/*"]
    if let remoteRef, let localRef { specs.append("+\(remoteRef):\(localRef)") }
    return specs
  }

  static func resolve(_ request: CheckoutRequest, advertised: AdvertisedRefs, operation: String) throws -> Target {
    if let iid = request.mergeRequest {
      let name = "refs/merge-requests/\(iid)/head"
      guard let sha = advertised.refs[name] else {
        throw GitError(.referenceNotFound, operation: operation, message: "the remote has no \(name): no merge request !\(iid)")
      }
      return Target(remoteRef: name, localRef: "refs/remotes/origin/merge-requests/\(iid)", sha: sha, revision: sha)
    }
    guard var ref = request.ref, !ref.isEmpty else {
      guard let head = advertised.defaultBranch, let sha = advertised.refs[head] else {
        throw GitError(.referenceNotFound, operation: operation, message: "the remote has no default branch (an empty repository?)")
      }
      let branch = String(head.dropFirst("refs/heads/".count))
      return Target(branch: branch, remoteRef: head, localRef: "refs/remotes/origin/\(branch)", sha: sha, revision: sha)
    }
    if ref.hasPrefix("origin/") { ref.removeFirst("origin/".count) }
    if ref.hasPrefix("refs/heads/") { ref.removeFirst("refs/heads/".count) }
    if let sha = advertised.refs["refs/heads/\(ref)"] {
      return Target(branch: ref, remoteRef: "refs/heads/\(ref)", localRef: "refs/remotes/origin/\(ref)", sha: sha, revision: sha)
    }
    let tag = ref.hasPrefix("refs/tags/") ? String(ref.dropFirst("refs/tags/".count)) : ref
    if let sha = advertised.refs["refs/tags/\(tag)^{}"] ?? advertised.refs["refs/tags/\(tag)"] {
      return Target(tag: tag, remoteRef: "refs/tags/\(tag)", localRef: "refs/tags/\(tag)", sha: sha, revision: sha)
    }
    if ref.hasPrefix("refs/"), let sha = advertised.refs[ref] {
      return Target(remoteRef: ref, localRef: ref, sha: sha, revision: sha)
    }
    if (7...40).contains(ref.count), ref.allSatisfy(\.isHexDigit) {
      return Target(revision: ref.lowercased())
    }
    throw GitError(.referenceNotFound, operation: operation, message: "no branch, tag or commit named '\(ref)' on the remote")
  }
}
