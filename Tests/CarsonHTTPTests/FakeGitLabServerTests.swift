import CarsonHTTP
import CarsonTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The fake GitLab API through URLSession, as Carson's client will call it.
@Suite struct FakeGitLabServerTests {
  let token = "glpat-test-token-123"
  let sha = "0123456789abcdef0123456789abcdef01234567"

  func call(
    _ server: FakeGitLabServer, _ method: String, _ path: String, form: [(String, String)]? = nil, json: String? = nil,
    headers: [String: String]? = nil, timeout: TimeInterval = 30
  ) async throws -> (status: Int, object: [String: Any]) {
    var request = URLRequest(url: URL(string: server.apiURL + path)!, timeoutInterval: timeout)
    request.httpMethod = method
    for (name, value) in headers ?? ["PRIVATE-TOKEN": token] { request.setValue(value, forHTTPHeaderField: name) }
    if let form {
      request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
      request.httpBody = Data(FormURLEncoding.encode(form).utf8)
    } else if let json {
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
      request.httpBody = Data(json.utf8)
    }
    // FoundationNetworking takes the timeout from the session, not from the request.
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = timeout
    let session = URLSession(configuration: configuration)
    defer { session.finishTasksAndInvalidate() }
    let (data, response) = try await session.data(for: request)
    let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    return ((response as! HTTPURLResponse).statusCode, object)
  }

  @Test func commitStatusFromAFormIsCreatedAndRecorded() async throws {
    let server = try FakeGitLabServer(token: token)
    defer { server.stop() }
    let form = [
      ("state", "running"), ("ref", "main"), ("name", "carson: build"), ("target_url", "http://ci/1"),
      ("description", "Build #1 running"),
    ]
    let (status, object) = try await call(server, "POST", "/projects/42/statuses/\(sha)", form: form)
    #expect(status == 201)
    #expect(object["status"] as? String == "running")
    #expect(object["sha"] as? String == sha)
    #expect(object["ref"] as? String == "main")
    #expect(object["name"] as? String == "carson: build")
    #expect(object["target_url"] as? String == "http://ci/1")
    #expect(object["description"] as? String == "Build #1 running")
    #expect(object["id"] is Int)
    #expect(server.statuses.map(\.state) == ["running"])
    #expect(server.statuses.first?.projectID == 42)
    let recorded = try #require(server.calls.first)
    #expect(recorded.method == "POST")
    #expect(recorded.path == "/api/v4/projects/42/statuses/\(sha)")
    #expect(recorded.params == Dictionary(uniqueKeysWithValues: form))
    #expect(recorded.authenticated)
    #expect(!"\(server.calls)".contains(token))
  }

  @Test func jsonBodyBearerTokenAndAnEncodedProjectPath() async throws {
    let server = try FakeGitLabServer(token: token, projects: [.init(id: 7, pathWithNamespace: "group/sub/project")])
    defer { server.stop() }
    let (status, object) = try await call(
      server, "POST", "/projects/group%2Fsub%2Fproject/statuses/\(sha)", json: #"{"state":"success","pipeline_id":12}"#,
      headers: ["Authorization": "Bearer \(token)"])
    #expect(status == 201)
    #expect(object["name"] as? String == "default")
    #expect(server.statuses.first?.projectID == 7)
    #expect(server.calls.first?.params == ["state": "success", "pipeline_id": "12"])
    #expect(server.calls.first?.path == "/api/v4/projects/group%2Fsub%2Fproject/statuses/\(sha)")
  }

  @Test func invalidOrMissingStateIs400() async throws {
    let server = try FakeGitLabServer(token: token)
    defer { server.stop() }
    let invalid = try await call(server, "POST", "/projects/42/statuses/\(sha)", form: [("state", "done")])
    #expect(invalid.status == 400)
    #expect(invalid.object["error"] as? String == "state does not have a valid value")
    let missing = try await call(server, "POST", "/projects/42/statuses/\(sha)", form: [("ref", "main")])
    #expect(missing.status == 400)
    #expect(missing.object["error"] as? String == "state is missing")
    #expect(server.statuses.isEmpty)
  }

  @Test func aMissingOrWrongTokenIs401() async throws {
    let server = try FakeGitLabServer(token: token)
    defer { server.stop() }
    for headers in [
      [:], ["PRIVATE-TOKEN": "wrong"], ["Authorization": "Bearer wrong"], ["Authorization": "Basic \(token)"],
    ] {
      let (status, object) = try await call(
        server, "POST", "/projects/42/statuses/\(sha)", form: [("state", "success")], headers: headers)
      #expect(status == 401)
      #expect(object["message"] as? String == "401 Unauthorized")
    }
    #expect(server.statuses.isEmpty)
    #expect(server.calls.count == 4)
    #expect(server.calls.allSatisfy { !$0.authenticated })
  }

  @Test func mergeRequestNoteIsCreated() async throws {
    let server = try FakeGitLabServer(token: token)
    defer { server.stop() }
    let (status, object) = try await call(
      server, "POST", "/projects/group%2Fproject/merge_requests/5/notes", form: [("body", "Build **failed**: 3 tests")])
    #expect(status == 201)
    #expect(object["body"] as? String == "Build **failed**: 3 tests")
    #expect(object["noteable_type"] as? String == "MergeRequest")
    #expect(object["noteable_iid"] as? Int == 5)
    #expect(
      server.notes == [
        .init(id: object["id"] as? Int ?? -1, projectID: 42, mergeRequestIID: 5, body: "Build **failed**: 3 tests")
      ])
    let empty = try await call(server, "POST", "/projects/42/merge_requests/5/notes", form: [("body", "")])
    #expect(empty.status == 400)
    #expect(server.notes.count == 1)
  }

  @Test func projectByIDOrPathAndUnknownOnes() async throws {
    let server = try FakeGitLabServer(
      token: token, projects: [.init(id: 42, pathWithNamespace: "group/project", defaultBranch: "develop")])
    defer { server.stop() }
    for id in ["42", "group%2Fproject"] {
      let (status, object) = try await call(server, "GET", "/projects/\(id)")
      #expect(status == 200)
      #expect(object["id"] as? Int == 42)
      #expect(object["path_with_namespace"] as? String == "group/project")
      #expect(object["default_branch"] as? String == "develop")
      #expect(object["http_url_to_repo"] as? String == server.baseURL + "/group/project.git")
    }
    let unknown = try await call(server, "GET", "/projects/43")
    #expect(unknown.status == 404)
    #expect(unknown.object["message"] as? String == "404 Project Not Found")
    let route = try await call(server, "GET", "/projects/42/pipelines")
    #expect(route.status == 404)
  }

  @Test func failNextAnswersWithErrorsThenRecovers() async throws {
    let server = try FakeGitLabServer(token: token)
    defer { server.stop() }
    server.failNext(count: 2, status: 503)
    var statuses: [Int] = []
    for _ in 0..<3 {
      statuses.append(
        try await call(server, "POST", "/projects/42/statuses/\(sha)", form: [("state", "pending")]).status)
    }
    #expect(statuses == [503, 503, 201])
    #expect(server.calls.count == 3)
    #expect(server.statuses.count == 1)
  }

  @Test func delayMakesAClientTimeOut() async throws {
    let server = try FakeGitLabServer(token: token)
    defer { server.stop() }
    server.delay(seconds: 3)
    // Whole seconds: FoundationNetworking times out at once when given less than one second.
    await #expect {
      _ = try await call(server, "GET", "/projects/42", timeout: 1)
    } throws: { error in
      (error as? URLError)?.code == .timedOut
    }
    #expect(server.calls.count == 1)
    server.delay(seconds: 0)
    #expect(try await call(server, "GET", "/projects/42").status == 200)
  }

  @Test func downClosesConnectionsWithoutAnswering() async throws {
    let server = try FakeGitLabServer(token: token)
    defer { server.stop() }
    server.down = true
    await #expect(throws: URLError.self) {
      _ = try await call(server, "POST", "/projects/42/statuses/\(sha)", form: [("state", "failed")])
    }
    #expect(server.calls.isEmpty)
    server.down = false
    #expect(try await call(server, "POST", "/projects/42/statuses/\(sha)", form: [("state", "failed")]).status == 201)
  }
}
