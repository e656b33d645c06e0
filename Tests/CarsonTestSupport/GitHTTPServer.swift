import CarsonHTTP
import Foundation

/// Serves the bare repositories under `root` over git's smart HTTP protocol, behind HTTP basic
/// auth, by running the real `git http-backend` as a CGI program for each request: clients
/// (libgit2, the git CLI) talk to the same server code GitLab's users talk to, minus GitLab.
public final class GitHTTPServer: Sendable {
  /// One request as the server saw it. The password is never kept.
  public struct Request: Sendable, Equatable {
    public var method: String
    /// The path, e.g. `/group/project.git/info/refs`.
    public var path: String
    /// The query string as sent, e.g. `service=git-upload-pack`.
    public var query: String
    /// The user name the client sent, if it sent credentials.
    public var user: String?
    public var authenticated: Bool
    public var status: Int
  }

  public let root: URL
  public let username: String
  private let password: String
  private let server: HTTPServer
  private let log = Locked<[Request]>([])

  /// Starts serving at once on a free loopback port. Repositories are folders under `root`
  /// (`root/group/project.git`).
  public init(root: URL, username: String, password: String) throws {
    self.root = root
    self.username = username
    self.password = password
    let log = self.log
    let expected = "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
    server = try HTTPServer { request in
      let user = Self.basicAuthUser(request.header("Authorization"))
      let authenticated = request.header("Authorization") == expected
      let response =
        authenticated
        ? Self.runBackend(request, root: root, user: username)
        : HTTPResponse(
          status: 401, headers: [("WWW-Authenticate", "Basic realm=\"GitLab\""), ("Content-Type", "text/plain")],
          body: Array("HTTP Basic: Access denied\n".utf8))
      let query =
        request.target.firstIndex(of: "?").map { String(request.target[request.target.index(after: $0)...]) } ?? ""
      log.withLock {
        $0.append(
          Request(
            method: request.method, path: request.path, query: query, user: user, authenticated: authenticated,
            status: response.status))
      }
      return response
    }
  }

  public var port: UInt16 { server.port }
  public var baseURL: String { server.baseURL }

  /// `http://127.0.0.1:PORT/group/project.git` for `repository` = `group/project.git`.
  public func url(_ repository: String) -> String { baseURL + "/" + repository }

  /// The same URL with the user name and password in it, for the git CLI in tests.
  public func urlWithCredentials(_ repository: String) -> String {
    let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
    let user = username.addingPercentEncoding(withAllowedCharacters: unreserved) ?? username
    let secret = password.addingPercentEncoding(withAllowedCharacters: unreserved) ?? password
    return "http://\(user):\(secret)@127.0.0.1:\(port)/\(repository)"
  }

  /// Every request so far, in order.
  public var requests: [Request] { log.current }

  public func stop() { server.stop() }

  // MARK: - CGI

  /// Runs `git http-backend` with the CGI variables it reads, the body on standard input, and
  /// turns its output (`Status:` and other header lines, a blank line, the body) into a response.
  static func runBackend(_ request: HTTPRequest, root: URL, user: String) -> HTTPResponse {
    var environment = TestGit.environment
    // Every request header as HTTP_NAME, as CGI does: http-backend reads HTTP_GIT_PROTOCOL and
    // HTTP_CONTENT_ENCODING (git sends gzip bodies). Credentials stay out.
    for (name, value) in request.headers {
      let lower = name.lowercased()
      guard lower != "authorization", lower != "content-type", lower != "content-length" else { continue }
      environment["HTTP_" + name.uppercased().replacingOccurrences(of: "-", with: "_")] = value
    }
    let query =
      request.target.firstIndex(of: "?").map { String(request.target[request.target.index(after: $0)...]) } ?? ""
    environment.merge([
      "GATEWAY_INTERFACE": "CGI/1.1", "SERVER_PROTOCOL": "HTTP/1.1",
      "GIT_PROJECT_ROOT": root.path, "GIT_HTTP_EXPORT_ALL": "1",
      "PATH_INFO": HTTPRequest.percentDecoded(request.path), "QUERY_STRING": query,
      "REQUEST_METHOD": request.method, "CONTENT_TYPE": request.header("Content-Type") ?? "",
      "CONTENT_LENGTH": "\(request.body.count)", "REMOTE_USER": user, "REMOTE_ADDR": "127.0.0.1",
    ]) { $1 }
    let result: TestProcessResult
    do {
      result = try TestProcess.run(["git", "http-backend"], environment: environment, input: request.body)
    } catch {
      return .text("cannot run git http-backend: \(error)\n", status: 500)
    }
    guard let response = parseCGIOutput(result.stdout) else {
      return .text("git http-backend failed (exit \(result.status)): \(result.errorOutput)\n", status: 500)
    }
    return response
  }

  /// CGI output: header lines (`Status: 404 Not Found` sets the status), a blank line, the body.
  static func parseCGIOutput(_ output: [UInt8]) -> HTTPResponse? {
    var index = 0
    var status = 200
    var headers: [(name: String, value: String)] = []
    while index < output.count {
      guard let newline = output[index...].firstIndex(of: 0x0A) else { return nil }
      var end = newline
      if end > index, output[end - 1] == 0x0D { end -= 1 }
      let line = String(decoding: output[index..<end], as: UTF8.self)
      index = newline + 1
      if line.isEmpty { return HTTPResponse(status: status, headers: headers, body: Array(output[index...])) }
      guard let colon = line.firstIndex(of: ":") else { return nil }
      let name = String(line[..<colon])
      let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      if name.lowercased() == "status" {
        guard let code = Int(value.prefix { $0.isNumber }) else { return nil }
        status = code
      } else {
        headers.append((name, value))
      }
    }
    return nil
  }

  static func basicAuthUser(_ header: String?) -> String? {
    guard let header, header.lowercased().hasPrefix("basic "),
      let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces))
    else { return nil }
    let credentials = String(decoding: decoded, as: UTF8.self)
    return credentials.firstIndex(of: ":").map { String(credentials[..<$0]) } ?? credentials
  }
}
