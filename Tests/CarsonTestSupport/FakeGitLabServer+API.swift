import CarsonHTTP
import Foundation

/// The endpoints, with the objects and errors GitLab's API documentation describes.
extension FakeGitLabServer {
  static let states: Set<String> = ["pending", "running", "success", "failed", "canceled"]

  func route(_ request: HTTPRequest, _ params: [String: String]) -> HTTPResponse {
    let segments = request.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard segments.count >= 5, segments[0] == "", segments[1] == "api", segments[2] == "v4", segments[3] == "projects"
    else { return Self.error(404, ["error": "404 Not Found"]) }
    let resource = Array(segments[5...])
    guard let project = project(HTTPRequest.percentDecoded(segments[4])) else {
      return Self.error(404, ["message": "404 Project Not Found"])
    }
    switch (request.method, resource.count) {
    case ("GET", 0):
      return Self.json(200, projectObject(project))
    case ("POST", 2) where resource[0] == "statuses" && !resource[1].isEmpty:
      return createStatus(project, sha: resource[1], params)
    case ("POST", 3) where resource[0] == "merge_requests" && resource[2] == "notes":
      guard let iid = Int(resource[1]) else { return Self.error(404, ["error": "404 Not Found"]) }
      return createNote(project, iid: iid, params)
    default:
      return Self.error(404, ["error": "404 Not Found"])
    }
  }

  /// `:id` is the numeric ID or the URL-encoded path with namespace.
  func project(_ id: String) -> Project? {
    projects.first { String($0.id) == id || $0.pathWithNamespace == id }
  }

  /// POST /projects/:id/statuses/:sha
  func createStatus(_ project: Project, sha: String, _ params: [String: String]) -> HTTPResponse {
    guard let stateParameter = params["state"] else { return Self.error(400, ["error": "state is missing"]) }
    guard Self.states.contains(stateParameter) else {
      return Self.error(400, ["error": "state does not have a valid value"])
    }
    let status = state.withLock { state -> CommitStatus in
      defer { state.nextID += 1 }
      let status = CommitStatus(
        id: state.nextID, projectID: project.id, sha: sha, state: stateParameter, ref: params["ref"],
        name: params["name"] ?? params["context"] ?? "default", targetURL: params["target_url"],
        description: params["description"])
      state.statuses.append(status)
      return status
    }
    let now = Self.timestamp()
    let finished = ["success", "failed", "canceled"].contains(status.state)
    return Self.json(
      201,
      [
        "id": status.id, "sha": sha, "ref": status.ref ?? NSNull(), "status": status.state, "name": status.name,
        "target_url": status.targetURL ?? NSNull(), "description": status.description ?? NSNull(),
        "created_at": now, "started_at": status.state == "pending" ? NSNull() : now,
        "finished_at": finished ? now : NSNull(), "allow_failure": false, "coverage": NSNull(),
        "author": Self.author,
      ])
  }

  /// POST /projects/:id/merge_requests/:merge_request_iid/notes
  func createNote(_ project: Project, iid: Int, _ params: [String: String]) -> HTTPResponse {
    guard let body = params["body"], !body.isEmpty else { return Self.error(400, ["error": "body is missing"]) }
    let note = state.withLock { state -> Note in
      defer { state.nextID += 1 }
      let note = Note(id: state.nextID, projectID: project.id, mergeRequestIID: iid, body: body)
      state.notes.append(note)
      return note
    }
    let now = Self.timestamp()
    return Self.json(
      201,
      [
        "id": note.id, "type": NSNull(), "body": body, "attachment": NSNull(), "author": Self.author,
        "created_at": now, "updated_at": now, "system": false, "noteable_id": 1000 + iid,
        "noteable_type": "MergeRequest", "noteable_iid": iid, "project_id": project.id, "resolvable": false,
        "confidential": false, "internal": false,
      ])
  }

  func projectObject(_ project: Project) -> [String: Any] {
    let path = project.pathWithNamespace
    let name = String(path.split(separator: "/").last ?? "")
    return [
      "id": project.id, "description": NSNull(), "name": name, "path": name, "path_with_namespace": path,
      "name_with_namespace": path.split(separator: "/").joined(separator: " / "),
      "default_branch": project.defaultBranch, "visibility": "private",
      "http_url_to_repo": project.httpURLToRepo ?? "\(baseURL)/\(path).git",
      "ssh_url_to_repo": "git@127.0.0.1:\(path).git", "web_url": "\(baseURL)/\(path)",
    ]
  }

  static var author: [String: Any] {
    [
      "id": 1, "username": "carson-bot", "name": "Carson Bot", "state": "active", "avatar_url": NSNull(),
      "web_url": "http://127.0.0.1/carson-bot",
    ]
  }

  // MARK: - Parameters and answers

  struct InvalidJSON: Error {}

  /// Grape (GitLab's API framework) takes parameters from the query string, a form body or a
  /// JSON body alike.
  static func parameters(_ request: HTTPRequest) throws -> [String: String] {
    var params = request.query
    let contentType = (request.header("Content-Type") ?? "").lowercased()
    if contentType.hasPrefix("application/x-www-form-urlencoded") {
      params.merge(request.formFields) { $1 }
    } else if contentType.hasPrefix("application/json"), !request.body.isEmpty {
      guard let object = try? JSONDecoder().decode([String: JSONParameter].self, from: Data(request.body)) else {
        throw InvalidJSON()
      }
      for (key, value) in object { params[key] = value.text }
    }
    return params
  }

  static func json(_ status: Int, _ object: [String: Any]) -> HTTPResponse {
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    return .json(Array(data), status: status)
  }

  static func error(_ status: Int, _ object: [String: String]) -> HTTPResponse { json(status, object) }

  static func timestamp() -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: Date())
  }
}

/// One value of a JSON body, as the text Grape would coerce it to; nested values are kept as
/// nothing (no endpoint here takes them).
struct JSONParameter: Decodable {
  var text: String?

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let value = try? container.decode(Bool.self) {
      text = value ? "true" : "false"
    } else if let value = try? container.decode(Int.self) {
      text = String(value)
    } else if let value = try? container.decode(Double.self) {
      text = String(value)
    } else if let value = try? container.decode(String.self) {
      text = value
    } else {
      text = nil
    }
  }
}
