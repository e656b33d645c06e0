import Foundation

extension GitLabEvent {
  /// A merge request hook: the merge request is `object_attributes`.
  static func mergeRequest(_ payload: WebhookPayload) throws -> GitLabEvent {
    let attributes = try payload.requiredNested("object_attributes")
    let assignee = payload.nested("assignee") ?? payload.array("assignees")?.first
    let labels = payload.array("labels")?.compactMap { $0.string("title") }
    var event = try mergeRequestEvent(payload, attributes: attributes, kind: .mergeRequest)
    event.variables["gitlabMergeRequestState"] = attributes.string("state") ?? ""
    event.variables["gitlabMergedByUser"] = payload.nested("user")?.string("username") ?? ""
    event.variables["gitlabMergeRequestAssignee"] = assignee?.string("username") ?? ""
    if let sha = attributes.string("merge_commit_sha") { event.variables["gitlabMergeCommitSha"] = sha }
    if let labels { event.variables["gitlabMergeRequestLabels"] = labels.joined(separator: ",") }
    // The hook's `user` did what triggered it; the payload gives the author only by id.
    if let user = payload.nested("user") {
      event.multibranchVariables["CHANGE_AUTHOR"] = user.string("username")
      event.multibranchVariables["CHANGE_AUTHOR_DISPLAY_NAME"] = user.string("name")
      event.multibranchVariables["CHANGE_AUTHOR_EMAIL"] = user.string("email")
    }
    event.multibranchVariables["CHANGE_URL"] = attributes.string("url") ?? event.multibranchVariables["CHANGE_URL"]
    return event
  }

  /// A comment hook: only comments on a merge request trigger a build (the plugin's note
  /// trigger); the merge request is `merge_request`, the comment `object_attributes.note`.
  static func note(_ payload: WebhookPayload) throws -> GitLabEvent {
    let comment = try payload.requiredNested("object_attributes")
    let noteable = comment.string("noteable_type") ?? "(none)"
    guard noteable == "MergeRequest" else {
      throw GitLabEventError(
        file: payload.file, "note payload: the comment is on \(noteable) (noteable_type), not on a merge request; only comments on a merge request trigger a build")
    }
    let attributes = try payload.requiredNested("merge_request", "the merge request commented on")
    var event = try mergeRequestEvent(payload, attributes: attributes, kind: .note)
    event.variables["gitlabTriggerPhrase"] = comment.string("note") ?? ""
    if let author = payload.nested("user")?.string("username") { event.variables["gitlabCommentAuthor"] = author }
    // The comment's URL is the merge request's with `#note_ID`.
    if let url = comment.string("url"), let hash = url.firstIndex(of: "#") {
      event.multibranchVariables["CHANGE_URL"] = String(url[..<hash])
    }
    return event
  }

  /// What merge request and note hooks share: the plugin reads the user from the last commit's
  /// author and the repositories from `source` and `target`.
  static func mergeRequestEvent(_ payload: WebhookPayload, attributes: WebhookPayload, kind: Kind) throws -> GitLabEvent {
    let iid = try attributes.requiredInt("iid")
    let sourceBranch = try attributes.requiredString("source_branch")
    let targetBranch = try attributes.requiredString("target_branch")
    let lastCommit = try attributes.requiredNested("last_commit", "the commit to build")
    let commit = try lastCommit.requiredString("id")
    let author = lastCommit.nested("author")
    let source = try attributes.requiredNested("source", "the source project")
    let target = try attributes.requiredNested("target", "the target project")
    let project = payload.nested("project")
    guard let cloneURL = target.string("git_http_url") ?? target.string("http_url") ?? project?.string("git_http_url") else {
      throw target.missing("git_http_url", "the repository to clone")
    }
    func ssh(_ p: WebhookPayload) -> String { p.string("ssh_url") ?? p.string("git_ssh_url") ?? "" }
    func http(_ p: WebhookPayload) -> String { p.string("http_url") ?? p.string("git_http_url") ?? "" }
    let sourceNamespace = source.string("namespace") ?? ""
    let userName = author?.string("name") ?? ""

    let variables: [String: String] = [
      "gitlabBranch": sourceBranch,
      "gitlabSourceBranch": sourceBranch,
      "gitlabActionType": kind == .note ? "NOTE" : "MERGE",
      "gitlabUserName": userName,
      "gitlabUserUsername": "",
      "gitlabUserEmail": author?.string("email") ?? "",
      "gitlabSourceRepoHomepage": source.string("homepage") ?? "",
      "gitlabSourceRepoName": source.string("name") ?? "",
      "gitlabSourceNamespace": sourceNamespace,
      "gitlabSourceRepoURL": source.string("url") ?? ssh(source),
      "gitlabSourceRepoSshUrl": ssh(source),
      "gitlabSourceRepoHttpUrl": http(source),
      "gitlabMergeRequestTitle": attributes.string("title") ?? "",
      "gitlabMergeRequestDescription": attributes.string("description") ?? "",
      "gitlabMergeRequestId": attributes.string("id") ?? "",
      "gitlabMergeRequestIid": String(iid),
      "gitlabMergeRequestTargetProjectId": attributes.string("target_project_id") ?? "",
      "gitlabMergeRequestLastCommit": commit,
      "gitlabMergeRequestState": "",
      "gitlabMergedByUser": "",
      "gitlabMergeRequestAssignee": "",
      "gitlabTargetBranch": targetBranch,
      "gitlabTargetRepoName": target.string("name") ?? "",
      "gitlabTargetNamespace": target.string("namespace") ?? "",
      "gitlabTargetRepoSshUrl": ssh(target),
      "gitlabTargetRepoHttpUrl": http(target),
      "gitlabBefore": "",
      "gitlabAfter": "",
    ]
    var multibranch: [String: String] = [
      // GitLab Branch Source names merge request heads MR-<iid>.
      "BRANCH_NAME": "MR-\(iid)", "CHANGE_ID": String(iid), "CHANGE_TARGET": targetBranch, "CHANGE_BRANCH": sourceBranch,
      "CHANGE_TITLE": attributes.string("title") ?? "",
    ]
    if let web = target.string("web_url") { multibranch["CHANGE_URL"] = "\(web)/-/merge_requests/\(iid)" }
    if kind == .note {
      multibranch["CHANGE_AUTHOR_DISPLAY_NAME"] = author?.string("name")
      multibranch["CHANGE_AUTHOR_EMAIL"] = author?.string("email")
    }
    // The plugin compares the source namespace with the target *branch* here (so a namespace
    // prefix nearly always appears); Carson prints what Jenkins prints.
    let fork = sourceNamespace == targetBranch ? "" : sourceNamespace + "/"
    let head = "GitLab Merge Request #\(iid): \(fork)\(sourceBranch) => \(targetBranch)"
    return GitLabEvent(
      kind: kind, variables: variables, multibranchVariables: multibranch, repositoryURL: cloneURL, ref: nil, commit: commit,
      mergeRequestIID: iid, projectID: attributes.int("target_project_id") ?? project?.int("id"), statusRef: sourceBranch,
      causeDescription: kind == .note ? "Triggered by \(userName) \(head)" : "Triggered by \(head)")
  }
}
