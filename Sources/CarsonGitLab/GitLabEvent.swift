import Foundation

/// A GitLab webhook payload (push, tag push, merge request, comment on a merge request) and what
/// a Jenkins build it triggers sees: the variables Jenkins' GitLab plugin sets (its `CauseData`
/// build variables), what multibranch sets (`BRANCH_NAME`, `TAG_NAME`, `CHANGE_*`, as GitLab
/// Branch Source names them) and what to check out.
public struct GitLabEvent: Sendable, Equatable {
  public enum Kind: String, Sendable {
    case push
    case tagPush = "tag_push"
    case mergeRequest = "merge_request"
    case note
  }

  public var kind: Kind
  /// The GitLab plugin's variables (`gitlabBranch`, `gitlabActionType`, …), see docs/gitlab.md.
  public var variables: [String: String]
  /// `BRANCH_NAME`, `TAG_NAME`, `CHANGE_ID`, `CHANGE_TARGET`, `CHANGE_BRANCH`, `CHANGE_TITLE`,
  /// `CHANGE_AUTHOR`, `CHANGE_AUTHOR_DISPLAY_NAME`, `CHANGE_AUTHOR_EMAIL`, `CHANGE_URL` (those that apply).
  public var multibranchVariables: [String: String]
  /// The HTTP clone URL of the repository to build (for a merge request: the target project,
  /// whose `refs/merge-requests/IID/head` holds the source commits).
  public var repositoryURL: String
  /// The branch or tag to check out; nil for a merge request (its head is checked out).
  public var ref: String?
  /// The commit the event is about: the pushed `after`, or the merge request's last commit.
  public var commit: String
  public var mergeRequestIID: Int?
  /// The project the event belongs to (for a merge request: the target project).
  public var projectID: Int?
  /// The `ref` the plugin sends with commit statuses: the source branch, or the tag name.
  public var statusRef: String
  /// What Jenkins prints first in the log (`GitLabWebHookCause`'s short description).
  public var causeDescription: String

  public static let causeClassName = "com.dabsquared.gitlabjenkins.cause.GitLabWebHookCause"

  public var branchName: String? { multibranchVariables["BRANCH_NAME"] }
  public var tagName: String? { multibranchVariables["TAG_NAME"] }
  public var changeID: String? { multibranchVariables["CHANGE_ID"] }
  public var changeTarget: String? { multibranchVariables["CHANGE_TARGET"] }

  /// Everything the event adds to the build environment: the plugin's and multibranch's variables.
  public var environment: [String: String] {
    variables.merging(multibranchVariables) { _, multibranch in multibranch }
  }

  /// Reads a payload as GitLab sends it (the `X-Gitlab-Event` header is not needed: `object_kind`
  /// says the kind). `file` names the payload in errors.
  public static func parse(_ bytes: [UInt8], file: String) throws -> GitLabEvent {
    let payload = try WebhookPayload.parse(bytes, file: file)
    guard let kindName = payload.string("object_kind") else { throw payload.missing("object_kind") }
    guard let kind = Kind(rawValue: kindName) else {
      throw GitLabEventError(
        file: file, "a GitLab \"\(kindName)\" event; Carson reproduces push, tag_push, merge_request and note (on a merge request) events")
    }
    var body = payload
    body.context = "\(kindName) payload: "
    switch kind {
    case .push, .tagPush: return try push(body, kind: kind)
    case .mergeRequest: return try mergeRequest(body)
    case .note: return try note(body)
    }
  }

  /// Whether `sha` is GitLab's all-zero object id (the ref was deleted).
  static func isNullCommit(_ sha: String) -> Bool { !sha.isEmpty && sha.allSatisfy { $0 == "0" } }
}
