import CarsonHTTP
import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Echoes what the server parsed, so tests see the request as a handler sees it.
@Sendable func echo(_ request: HTTPRequest) -> HTTPResponse {
  let query = request.query.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
  let text =
    "\(request.method) \(request.path) ?\(query) \(request.version) x-test=\(request.header("x-TEST") ?? "-") body=\(String(decoding: request.body, as: UTF8.self))"
  return HTTPResponse(
    status: 200, headers: [("Content-Type", "text/plain"), ("X-Echo-Length", "\(request.body.count)")],
    body: Array(text.utf8))
}

@Suite struct HTTPServerTests {
  @Test func getThroughURLSessionSeesPathQueryAndHeaders() async throws {
    let server = try HTTPServer(handler: echo)
    defer { server.stop() }
    #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
    var request = URLRequest(
      url: URL(string: server.baseURL + "/api/v4/projects/group%2Fproject?ref=main&name=two+words")!)
    request.setValue("hello", forHTTPHeaderField: "X-Test")
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = try #require(response as? HTTPURLResponse)
    #expect(http.statusCode == 200)
    #expect(http.value(forHTTPHeaderField: "X-Echo-Length") == "0")
    #expect(
      String(decoding: data, as: UTF8.self)
        == "GET /api/v4/projects/group%2Fproject ?name=two words&ref=main HTTP/1.1 x-test=hello body=")
  }

  @Test func postBodyWithContentLengthArrivesWhole() async throws {
    let server = try HTTPServer(handler: echo)
    defer { server.stop() }
    var request = URLRequest(url: URL(string: server.baseURL + "/upload")!)
    request.httpMethod = "POST"
    let payload = String(repeating: "0123456789", count: 50_000)
    request.httpBody = Data(payload.utf8)
    let (data, response) = try await URLSession.shared.data(for: request)
    #expect((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "X-Echo-Length") == "500000")
    #expect(String(decoding: data, as: UTF8.self) == "POST /upload ? HTTP/1.1 x-test=- body=" + payload)
  }

  @Test func formPostFieldsAreDecoded() async throws {
    let server = try HTTPServer { request in
      .text(request.formFields.sorted { $0.key < $1.key }.map { "[\($0.key)]=[\($0.value)]" }.joined(separator: ","))
    }
    defer { server.stop() }
    var request = URLRequest(url: URL(string: server.baseURL + "/validate")!)
    request.httpMethod = "POST"
    request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
    let jenkinsfile = "pipeline { agent any\n stages { stage('a & b') { steps { echo \"50% + 1=\" } } } }"
    request.httpBody = Data(FormURLEncoding.encode([("jenkinsfile", jenkinsfile), ("empty", "")]).utf8)
    let (data, _) = try await URLSession.shared.data(for: request)
    #expect(String(decoding: data, as: UTF8.self) == "[empty]=[],[jenkinsfile]=[\(jenkinsfile)]")
  }

  @Test func formFieldParsingIsLenient() {
    #expect(
      FormURLEncoding.fields("a=1&b=two+words&c=%2F%zz&flag&=x&a=2") == [
        "a": "2", "b": "two words", "c": "/%zz", "flag": "", "": "x",
      ])
    #expect(HTTPRequest.percentDecoded("group%2Fsub+project%") == "group/sub+project%")
  }

  @Test func chunkedBodyIsDecoded() throws {
    let server = try HTTPServer(handler: echo)
    defer { server.stop() }
    let client = try RawHTTPClient(port: server.port)
    client.send("POST /git-upload-pack HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
    client.send("4\r\nWiki\r\n5;name=value\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nTrailer: ignored\r\n\r\n")
    let response = try #require(try client.readResponse())
    #expect(response.status == 200)
    #expect(response.text == "POST /git-upload-pack ? HTTP/1.1 x-test=- body=Wikipedia in\r\n\r\nchunks.")
  }

  @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
    let server = try HTTPServer(handler: echo)
    defer { server.stop() }
    let client = try RawHTTPClient(port: server.port)
    client.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n")
    #expect(try client.readResponse()?.text.hasPrefix("GET /one ") == true)
    // Two pipelined requests in one write, the second with a body.
    client.send("GET /two HTTP/1.1\r\nHost: x\r\n\r\nPOST /three HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")
    #expect(try client.readResponse()?.text.hasPrefix("GET /two ") == true)
    let third = try #require(try client.readResponse())
    #expect(third.text.hasSuffix("body=abc"))
    #expect(third.header("Connection") == nil)
    client.send("GET /four HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    let last = try #require(try client.readResponse())
    #expect(last.text.hasPrefix("GET /four "))
    #expect(last.header("Connection") == "close")
    #expect(client.serverClosed())
  }

  @Test func http10ClosesUnlessAskedToKeepAlive() throws {
    let server = try HTTPServer(handler: echo)
    defer { server.stop() }
    let keeping = try RawHTTPClient(port: server.port)
    keeping.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
    #expect(try keeping.readResponse()?.header("Connection") == "keep-alive")
    keeping.send("GET /b HTTP/1.0\r\n\r\n")
    let second = try #require(try keeping.readResponse())
    #expect(second.text.hasPrefix("GET /b ? HTTP/1.0"))
    #expect(second.header("Connection") == "close")
    #expect(keeping.serverClosed())
  }

  @Test func expectContinueIsAnsweredBeforeTheBodyIsSent() throws {
    let server = try HTTPServer(handler: echo)
    defer { server.stop() }
    let client = try RawHTTPClient(port: server.port)
    client.send("POST /push HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
    let interim = try #require(try client.readResponse())
    #expect(interim.status == 100)
    client.send("hello")
    let final = try #require(try client.readResponse())
    #expect(final.status == 200)
    #expect(final.text.hasSuffix("body=hello"))
  }

  @Test func headOmitsTheBodyButKeepsItsLength() throws {
    let server = try HTTPServer { _ in .text("twelve bytes") }
    defer { server.stop() }
    let client = try RawHTTPClient(port: server.port)
    client.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")
    // The GET's response must start right after the HEAD's headers.
    let head = try #require(try client.readResponseWithoutBody())
    #expect(head.header("Content-Length") == "12")
    #expect(try client.readResponse()?.text == "twelve bytes")
  }

  @Test func handlerFramingHeadersAreReplacedAndLineBreaksStripped() throws {
    let server = try HTTPServer { _ in
      HTTPResponse(
        status: 201, headers: [("Content-Length", "999"), ("X-Injected", "a\r\nSet-Cookie: evil")],
        body: Array("ok".utf8))
    }
    defer { server.stop() }
    let client = try RawHTTPClient(port: server.port)
    client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    let response = try #require(try client.readResponse())
    #expect(response.status == 201)
    #expect(response.header("Content-Length") == "2")
    #expect(response.header("X-Injected") == "aSet-Cookie: evil")
    #expect(response.header("Set-Cookie") == nil)
    #expect(response.text == "ok")
  }
}
