import CarsonTestSupport
import Foundation
import Testing

@testable import CarsonGitLab

/// Reads `fixtures/gitlab/<name>.json` (payloads written after GitLab's webhook documentation).
func fixture(_ name: String) throws -> GitLabEvent {
  let url = SharedCorpus.repositoryRoot.appendingPathComponent("fixtures/gitlab/\(name).json")
  let bytes = try #require(FileManager.default.contents(atPath: url.path), "missing fixture \(url.path)")
  return try GitLabEvent.parse(Array(bytes), file: "\(name).json")
}

func parseError(_ json: String, file: String = "event.json") -> String? {
  do {
    _ = try GitLabEvent.parse(Array(json.utf8), file: file)
    return nil
  } catch {
    return "\(error)"
  }
}

@Suite struct GitLabEventTests {
  @Test func pushSetsThePluginsVariablesFromTheRepositoryAndProject() throws {
    let event = try fixture("push")
    #expect(event.kind == .push)
    let v = event.variables
    #expect(v["gitlabBranch"] == "master")
    #expect(v["gitlabSourceBranch"] == "master")
    #expect(v["gitlabTargetBranch"] == "master")
    #expect(v["gitlabActionType"] == "PUSH")
    #expect(v["gitlabUserName"] == "John Smith")
    #expect(v["gitlabUserUsername"] == "jsmith")
    #expect(v["gitlabUserEmail"] == "john@example.com")
    #expect(v["gitlabSourceRepoName"] == "Diaspora")
    #expect(v["gitlabSourceNamespace"] == "Mike")
    #expect(v["gitlabSourceRepoHomepage"] == "http://example.com/mike/diaspora")
    #expect(v["gitlabSourceRepoURL"] == "git@example.com:mike/diaspora.git")
    #expect(v["gitlabSourceRepoSshUrl"] == "git@example.com:mike/diaspora.git")
    #expect(v["gitlabSourceRepoHttpUrl"] == "http://example.com/mike/diaspora.git")
    #expect(v["gitlabBefore"] == "95790bf891e76fee5e1747ab589903a6a1f80f22")
    #expect(v["gitlabAfter"] == "da1560886d4f094c3e6c9ef40349f7d38b5d27d7")
    #expect(v["gitlabMergeRequestLastCommit"] == "da1560886d4f094c3e6c9ef40349f7d38b5d27d7")
    // Merge-request fields exist but are empty for a push, as the plugin sets them.
    for empty in ["gitlabMergeRequestTitle", "gitlabMergeRequestIid", "gitlabMergeRequestId", "gitlabTargetRepoName", "gitlabTargetRepoHttpUrl"] {
      #expect(v[empty] == "", "\(empty)")
    }
    #expect(v["gitlabMergeCommitSha"] == nil)
    #expect(v["gitlabTriggerPhrase"] == nil)

    #expect(event.repositoryURL == "http://example.com/mike/diaspora.git")
    #expect(event.ref == "master")
    #expect(event.commit == "da1560886d4f094c3e6c9ef40349f7d38b5d27d7")
    #expect(event.mergeRequestIID == nil)
    #expect(event.projectID == 15)
    #expect(event.statusRef == "master")
    #expect(event.multibranchVariables == ["BRANCH_NAME": "master"])
    #expect(event.causeDescription == "Started by GitLab push by John Smith")
  }

  @Test func tagPushBuildsTheTagAndKeepsTheRefsTagsPrefixInGitlabBranch() throws {
    let event = try fixture("tag_push")
    #expect(event.kind == .tagPush)
    #expect(event.variables["gitlabActionType"] == "TAG_PUSH")
    #expect(event.variables["gitlabBranch"] == "refs/tags/v1.0.0")
    #expect(event.variables["gitlabSourceBranch"] == "refs/tags/v1.0.0")
    #expect(event.variables["gitlabBefore"] == "0000000000000000000000000000000000000000")
    #expect(event.variables["gitlabAfter"] == "82b3d5ae55f7080f1e6022629cdb57bfae7cccc7")
    #expect(event.variables["gitlabUserEmail"] == "")
    #expect(event.variables["gitlabSourceRepoURL"] == "ssh://git@example.com/jsmith/example.git")
    #expect(event.tagName == "v1.0.0")
    #expect(event.branchName == "v1.0.0")
    #expect(event.ref == "v1.0.0")
    #expect(event.statusRef == "v1.0.0")
    #expect(event.repositoryURL == "http://example.com/jsmith/example.git")
    #expect(event.causeDescription == "Started by GitLab push by John Smith")
  }

  @Test func mergeRequestSetsSourceTargetAndTheChangeVariables() throws {
    let event = try fixture("merge_request")
    #expect(event.kind == .mergeRequest)
    let v = event.variables
    #expect(v["gitlabActionType"] == "MERGE")
    #expect(v["gitlabBranch"] == "ms-viewport")
    #expect(v["gitlabSourceBranch"] == "ms-viewport")
    #expect(v["gitlabTargetBranch"] == "master")
    #expect(v["gitlabMergeRequestIid"] == "1")
    #expect(v["gitlabMergeRequestId"] == "99")
    #expect(v["gitlabMergeRequestTitle"] == "MS-Viewport")
    #expect(v["gitlabMergeRequestDescription"] == "Adds a viewport meta tag")
    #expect(v["gitlabMergeRequestState"] == "opened")
    #expect(v["gitlabMergeRequestTargetProjectId"] == "14")
    #expect(v["gitlabMergeRequestLastCommit"] == "da1560886d4f094c3e6c9ef40349f7d38b5d27d7")
    #expect(v["gitlabMergeRequestLabels"] == "API,Platform")
    #expect(v["gitlabMergeRequestAssignee"] == "user1")
    #expect(v["gitlabMergedByUser"] == "root")
    // The plugin takes the user from the last commit's author.
    #expect(v["gitlabUserName"] == "GitLab dev user")
    #expect(v["gitlabUserEmail"] == "gitlabdev@dv6700.(none)")
    #expect(v["gitlabSourceRepoName"] == "Awesome Project")
    #expect(v["gitlabSourceNamespace"] == "Awesome Space")
    #expect(v["gitlabSourceRepoSshUrl"] == "git@example.com:awesome_space/awesome_project.git")
    #expect(v["gitlabSourceRepoHttpUrl"] == "http://example.com/awesome_space/awesome_project.git")
    #expect(v["gitlabTargetRepoName"] == "Awesome Project")
    #expect(v["gitlabTargetNamespace"] == "Awesome Space")
    #expect(v["gitlabTargetRepoHttpUrl"] == "http://example.com/awesome_space/awesome_project.git")
    #expect(v["gitlabBefore"] == "")
    #expect(v["gitlabAfter"] == "")
    // `merge_commit_sha` is null in the payload: no variable, as the plugin's putIfNotNull.
    #expect(v["gitlabMergeCommitSha"] == nil)

    #expect(event.mergeRequestIID == 1)
    #expect(event.ref == nil)
    #expect(event.commit == "da1560886d4f094c3e6c9ef40349f7d38b5d27d7")
    #expect(event.repositoryURL == "http://example.com/awesome_space/awesome_project.git")
    #expect(event.projectID == 14)
    #expect(event.statusRef == "ms-viewport")
    let m = event.multibranchVariables
    #expect(m["BRANCH_NAME"] == "MR-1")
    #expect(m["CHANGE_ID"] == "1")
    #expect(m["CHANGE_TARGET"] == "master")
    #expect(m["CHANGE_BRANCH"] == "ms-viewport")
    #expect(m["CHANGE_TITLE"] == "MS-Viewport")
    #expect(m["CHANGE_AUTHOR"] == "root")
    #expect(m["CHANGE_AUTHOR_DISPLAY_NAME"] == "Administrator")
    #expect(m["CHANGE_AUTHOR_EMAIL"] == "admin@example.com")
    #expect(m["CHANGE_URL"] == "http://example.com/diaspora/merge_requests/1")
    #expect(m["TAG_NAME"] == nil)
    #expect(event.causeDescription == "Triggered by GitLab Merge Request #1: Awesome Space/ms-viewport => master")
  }

  @Test func noteOnAMergeRequestSetsTheTriggerPhraseAndCommentAuthor() throws {
    let event = try fixture("note")
    #expect(event.kind == .note)
    let v = event.variables
    #expect(v["gitlabActionType"] == "NOTE")
    #expect(v["gitlabTriggerPhrase"] == "Jenkins please retry a build")
    #expect(v["gitlabCommentAuthor"] == "root")
    #expect(v["gitlabSourceBranch"] == "master")
    #expect(v["gitlabTargetBranch"] == "markdown")
    #expect(v["gitlabMergeRequestIid"] == "1")
    #expect(v["gitlabMergeRequestId"] == "7")
    #expect(v["gitlabMergeRequestTitle"] == "Tempora et eos debitis quae laborum et.")
    #expect(v["gitlabMergeRequestTargetProjectId"] == "5")
    #expect(v["gitlabUserName"] == "John Smith")
    #expect(v["gitlabUserEmail"] == "john@example.com")
    #expect(v["gitlabMergeRequestLastCommit"] == "562e173be03b8ff2efb05345d12df18815438a4b")
    #expect(v["gitlabSourceNamespace"] == "Gitlab Org")
    #expect(v["gitlabMergeRequestState"] == "")
    #expect(v["gitlabMergeRequestLabels"] == nil)

    #expect(event.mergeRequestIID == 1)
    #expect(event.commit == "562e173be03b8ff2efb05345d12df18815438a4b")
    #expect(event.projectID == 5)
    #expect(event.repositoryURL == "http://example.com/gitlab-org/gitlab-test.git")
    let m = event.multibranchVariables
    #expect(m["BRANCH_NAME"] == "MR-1")
    #expect(m["CHANGE_ID"] == "1")
    #expect(m["CHANGE_TARGET"] == "markdown")
    #expect(m["CHANGE_BRANCH"] == "master")
    #expect(m["CHANGE_URL"] == "http://example.com/gitlab-org/gitlab-test/merge_requests/1")
    #expect(m["CHANGE_AUTHOR_EMAIL"] == "john@example.com")
    #expect(event.causeDescription == "Triggered by John Smith GitLab Merge Request #1: Gitlab Org/master => markdown")
  }

  @Test func environmentHoldsBothThePluginsAndMultibranchVariables() throws {
    let event = try fixture("merge_request")
    #expect(event.environment["gitlabMergeRequestIid"] == "1")
    #expect(event.environment["CHANGE_ID"] == "1")
    #expect(event.environment.count == event.variables.count + event.multibranchVariables.count)
  }

  @Test func errorsNameTheFileAndWhatIsMissingOrWrong() {
    #expect(parseError("{}") == "event.json: not a GitLab webhook payload: no \"object_kind\"")
    #expect(parseError("[1]") == "event.json: not a GitLab webhook payload: the top level is not a JSON object")
    #expect(parseError("{\"object_kind\": ")?.hasPrefix("event.json: not a GitLab webhook payload: ") == true)
    #expect(parseError("{\"object_kind\": \"pipeline\"}")?.contains("a GitLab \"pipeline\" event; Carson reproduces push") == true)
    #expect(parseError("{\"object_kind\": \"push\"}") == "event.json: push payload: no \"ref\"")
    #expect(
      parseError("{\"object_kind\": \"push\", \"ref\": \"refs/heads/x\", \"after\": \"ab\", \"project\": {}}", file: "p.json")
        == "p.json: push payload: no \"project.git_http_url\" (the repository to clone)")
    #expect(
      parseError("{\"object_kind\": \"merge_request\", \"object_attributes\": {\"iid\": 3, \"source_branch\": \"a\", \"target_branch\": \"b\"}}")
        == "event.json: merge_request payload: no \"object_attributes.last_commit\" (the commit to build)")
    #expect(
      parseError("{\"object_kind\": \"note\", \"object_attributes\": {\"noteable_type\": \"Issue\"}}")
        == "event.json: note payload: the comment is on Issue (noteable_type), not on a merge request; only comments on a merge request trigger a build")
  }

  @Test func aPushThatDeletesABranchHasNothingToBuild() {
    let json = """
      {"object_kind": "push", "ref": "refs/heads/gone", "before": "95790bf891e76fee5e1747ab589903a6a1f80f22",
       "after": "0000000000000000000000000000000000000000", "project": {"git_http_url": "http://x/y.git"}}
      """
    #expect(parseError(json)?.contains("the push deletes branch gone") == true)
  }
}
