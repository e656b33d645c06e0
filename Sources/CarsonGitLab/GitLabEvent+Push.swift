import Foundation

extension GitLabEvent {
  /// Push and tag push hooks, as the plugin's push trigger handler reads them: the branch is
  /// `ref` without `refs/heads/` (a tag keeps `refs/tags/`), the repository fields come from
  /// `repository`, the namespace from `project`.
  static func push(_ payload: WebhookPayload, kind: Kind) throws -> GitLabEvent {
    let ref = try payload.requiredString("ref")
    let after = try payload.requiredString("after")
    let before = payload.string("before") ?? ""
    let project = try payload.requiredNested("project")
    let repository = payload.nested("repository")
    guard let httpURL = project.string("git_http_url") ?? repository?.string("git_http_url") ?? project.string("http_url") else {
      throw project.missing("git_http_url", "the repository to clone")
    }
    let branch = ref.hasPrefix("refs/heads/") ? String(ref.dropFirst("refs/heads/".count)) : ref
    let tag = kind == .tagPush ? (ref.hasPrefix("refs/tags/") ? String(ref.dropFirst("refs/tags/".count)) : ref) : nil
    if isNullCommit(after) {
      let what = tag.map { "tag \($0)" } ?? "branch \(branch)"
      throw GitLabEventError(file: payload.file, "\(kind.rawValue) payload: the push deletes \(what) (\"after\" is \(after)); there is nothing to build")
    }
    let sshURL = repository?.string("git_ssh_url") ?? project.string("git_ssh_url") ?? ""
    let commits = payload.array("commits") ?? []
    // The plugin's `retrievePushedBy`: the user's name, else the username, else the last commit's author.
    let pushedBy = [payload.string("user_name"), payload.string("user_username"), commits.last?.nested("author")?.string("name")]
      .compactMap { $0 }.first { !$0.isEmpty }

    let variables: [String: String] = [
      "gitlabBranch": branch,
      "gitlabSourceBranch": branch,
      "gitlabActionType": kind == .tagPush ? "TAG_PUSH" : "PUSH",
      "gitlabUserName": payload.string("user_name") ?? "",
      "gitlabUserUsername": payload.string("user_username") ?? "",
      "gitlabUserEmail": payload.string("user_email") ?? "",
      "gitlabSourceRepoHomepage": repository?.string("homepage") ?? project.string("homepage") ?? "",
      "gitlabSourceRepoName": repository?.string("name") ?? project.string("name") ?? "",
      "gitlabSourceNamespace": project.string("namespace") ?? "",
      "gitlabSourceRepoURL": repository?.string("url") ?? sshURL,
      "gitlabSourceRepoSshUrl": sshURL,
      "gitlabSourceRepoHttpUrl": repository?.string("git_http_url") ?? httpURL,
      "gitlabMergeRequestTitle": "",
      "gitlabMergeRequestDescription": "",
      "gitlabMergeRequestId": "",
      "gitlabMergeRequestIid": "",
      "gitlabMergeRequestTargetProjectId": "",
      "gitlabMergeRequestLastCommit": after,
      "gitlabMergeRequestState": "",
      "gitlabMergedByUser": "",
      "gitlabMergeRequestAssignee": "",
      "gitlabTargetBranch": branch,
      "gitlabTargetRepoName": "",
      "gitlabTargetNamespace": "",
      "gitlabTargetRepoSshUrl": "",
      "gitlabTargetRepoHttpUrl": "",
      "gitlabBefore": before,
      "gitlabAfter": after,
    ]
    var multibranch: [String: String] = [:]
    if let tag {
      // Multibranch builds a tag as a head named after the tag.
      multibranch["BRANCH_NAME"] = tag
      multibranch["TAG_NAME"] = tag
    } else {
      multibranch["BRANCH_NAME"] = branch
    }
    return GitLabEvent(
      kind: kind, variables: variables, multibranchVariables: multibranch, repositoryURL: httpURL, ref: tag ?? branch, commit: after,
      mergeRequestIID: nil, projectID: payload.int("project_id") ?? project.int("id"), statusRef: tag ?? branch,
      causeDescription: pushedBy.map { "Started by GitLab push by \($0)" } ?? "Started by GitLab push")
  }
}
