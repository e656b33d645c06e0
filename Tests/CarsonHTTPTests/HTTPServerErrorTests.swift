import CarsonHTTP
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Bad requests get a 4xx/5xx answer and a closed connection; nothing crashes or hangs.
@Suite struct HTTPServerErrorTests {
  func answer(_ request: String, limits: HTTPLimits = HTTPLimits()) throws -> (RawHTTPClient.Response?, closed: Bool) {
    let server = try HTTPServer(limits: limits, handler: echo)
    defer { server.stop() }
    let client = try RawHTTPClient(port: server.port)
    client.send(request)
    let response = try client.readResponse()
    return (response, client.serverClosed())
  }

  @Test(arguments: [
    "this is not http\r\n\r\n",
    "GET /\r\n\r\n",
    "GET / HTTP/1.1 extra\r\n\r\n",
    "GET / XTTP/1.1\r\n\r\n",
    "G(T / HTTP/1.1\r\n\r\n",
    "GET / HTTP/1.1\r\nno colon here\r\n\r\n",
    "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n",
    "GET / HTTP/1.1\r\n: empty name\r\n\r\n",
    "GET / HTTP/1.1\r\nX: a\u{1}b\r\n\r\n",
    "POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
    "POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
    "POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n",
    "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n",
    "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n",
  ])
  func malformedRequestGets400AndTheConnectionCloses(request: String) throws {
    let (response, closed) = try answer(request)
    #expect(response?.status == 400, "\(request.debugDescription)")
    #expect(response?.text.hasPrefix("bad request: ") == true)
    #expect(closed)
  }

  @Test func unknownTransferCodingGets501() throws {
    let (response, closed) = try answer("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n")
    #expect(response?.status == 501)
    #expect(closed)
  }

  @Test func otherHTTPVersionsGet505() throws {
    let (response, _) = try answer("GET / HTTP/2.0\r\n\r\n")
    #expect(response?.status == 505)
  }

  @Test func unknownExpectationGets417() throws {
    let (response, _) = try answer("POST / HTTP/1.1\r\nExpect: something-else\r\nContent-Length: 1\r\n\r\nx")
    #expect(response?.status == 417)
  }

  @Test func oversizedHeadersGet431() throws {
    let limits = HTTPLimits(maxHeaderBytes: 1024)
    let (response, closed) = try answer(
      "GET / HTTP/1.1\r\nX-Big: \(String(repeating: "a", count: 2000))\r\n\r\n", limits: limits)
    #expect(response?.status == 431)
    #expect(closed)
    // Without any line break at all, too.
    let (endless, _) = try answer(String(repeating: "G", count: 5000), limits: limits)
    #expect(endless?.status == 431)
  }

  @Test func oversizedBodiesGet413WhetherDeclaredOrChunked() throws {
    let limits = HTTPLimits(maxBodyBytes: 100)
    let (declared, closed) = try answer("POST / HTTP/1.1\r\nContent-Length: 101\r\n\r\n", limits: limits)
    #expect(declared?.status == 413)
    #expect(closed)
    let chunk = "40\r\n" + String(repeating: "x", count: 64) + "\r\n"
    let (chunked, _) = try answer(
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + chunk + "0\r\n\r\n", limits: limits)
    #expect(chunked?.status == 413)
    let (fits, _) = try answer(
      "POST / HTTP/1.1\r\nContent-Length: 100\r\nConnection: close\r\n\r\n" + String(repeating: "y", count: 100),
      limits: limits)
    #expect(fits?.status == 200)
  }

  @Test func dropConnectionClosesWithoutAnAnswer() throws {
    let server = try HTTPServer { _ in .dropConnection }
    defer { server.stop() }
    let client = try RawHTTPClient(port: server.port)
    client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    #expect(try client.readResponse() == nil)
  }

  @Test func aClientThatLeavesMidResponseDoesNotKillTheServer() throws {
    let big = [UInt8](repeating: 65, count: 8 << 20)
    let server = try HTTPServer { _ in HTTPResponse(status: 200, body: big) }
    defer { server.stop() }
    for _ in 0..<3 {
      let leaving = try RawHTTPClient(port: server.port)
      leaving.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
      // Closing with unread data makes the kernel reset the connection: the server's next
      // send fails with ECONNRESET, and the server must go on serving others.
      var linger = linger(l_onoff: 1, l_linger: 0)
      setsockopt(leaving.fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
    }
    let client = try RawHTTPClient(port: server.port)
    client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    #expect(try client.readResponse()?.body.count == big.count)
  }

  @Test func stopClosesTheListenerAndOpenConnections() throws {
    let server = try HTTPServer(handler: echo)
    let idle = try RawHTTPClient(port: server.port)
    idle.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    #expect(try idle.readResponse()?.status == 200)
    server.stop()
    #expect(idle.serverClosed())
    #expect(throws: RawHTTPClient.Failure.self) { try RawHTTPClient(port: server.port) }
    server.stop()  // a second stop does nothing
  }

  @Test func stopDoesNotWaitForARunningHandler() throws {
    let release = DispatchSemaphore(value: 0)
    let entered = DispatchSemaphore(value: 0)
    let server = try HTTPServer { _ in
      entered.signal()
      release.wait()
      return .text("late")
    }
    let client = try RawHTTPClient(port: server.port)
    client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    entered.wait()
    server.stop()
    #expect(try client.readResponse() == nil)
    // The handler's answer now goes to a socket shut down for writing: EPIPE, which must not
    // raise SIGPIPE (the default action would end the test process). Give the write time to
    // happen inside this test.
    release.signal()
    Thread.sleep(forTimeInterval: 0.3)
  }

  @Test func listeningOnANonAddressIsAClearError() {
    #expect(throws: HTTPServerError.invalidHost("localhost")) { try HTTPServer(host: "localhost") { _ in .text("") } }
  }

  @Test func aTakenPortIsAClearError() throws {
    let first = try HTTPServer(handler: echo)
    defer { first.stop() }
    #expect {
      try HTTPServer(port: first.port, handler: echo)
    } throws: { error in
      "\(error)".hasPrefix("cannot listen on 127.0.0.1:\(first.port): ")
    }
  }
}
