import CCarsonCurl
import CarsonHTTP
import CarsonTestSupport
import Foundation
import Testing

@testable import CarsonGitLab

#if canImport(Glibc)
  import Glibc
#endif

/// The libcurl transport itself (CCarsonCurl through CurlRequest), against loopback servers:
/// what is sent, what comes back, and how it fails.
@Suite struct CurlRequestTests {
  static let token = "glpat-CURL-token-never-printed-321"

  /// A server that records every request and answers with `answer`.
  final class RecordingServer: @unchecked Sendable {
    private let lock = NSLock()
    private var received: [HTTPRequest] = []
    private(set) var server: HTTPServer!

    init(answer: HTTPResponse) throws {
      server = try HTTPServer { [weak self] request in
        self?.lock.withLock { self?.received.append(request) }
        return answer
      }
    }

    var requests: [HTTPRequest] { lock.withLock { received } }
  }

  func request(_ url: String, method: String = "POST", headers: [String] = [], body: [UInt8]? = nil, timeout: TimeInterval = 10)
    -> CurlRequest
  {
    CurlRequest(method: method, url: url, headerLines: headers, body: body, timeout: timeout, connectTimeout: timeout)
  }

  @Test func theStatusAndTheBodyComeBackAsTheServerSentThem() throws {
    // Every byte value, several times over: more than one libcurl write callback, not UTF-8.
    let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
    let recording = try RecordingServer(answer: HTTPResponse(status: 418, body: bytes))
    let answer = try request(recording.server.baseURL + "/teapot", method: "GET").send().get()
    #expect(answer.status == 418)
    #expect(answer.body == bytes)
  }

  @Test func theMethodPathHeaderLinesAndBodyReachTheServer() throws {
    let recording = try RecordingServer(answer: .text("ok", status: 201))
    // Over 1 MiB: libcurl would send "Expect: 100-continue" and wait for an interim answer
    // (beyond 1 KiB before libcurl 8) unless told not to.
    let body = Array(("a=1&b=" + String(repeating: "x", count: 1_200_000)).utf8)
    let answer = try request(
      recording.server.baseURL + "/api/v4/projects/group%2Fproject/things?x=1", method: "PUT",
      headers: ["PRIVATE-TOKEN: \(Self.token)", "X-Carson-Test: two words", "Content-Type: application/x-www-form-urlencoded"],
      body: body
    ).send().get()
    #expect(answer == CurlRequest.Answer(status: 201, body: Array("ok".utf8)))
    let received = try #require(recording.requests.first)
    #expect(recording.requests.count == 1)
    #expect(received.method == "PUT")
    #expect(received.target == "/api/v4/projects/group%2Fproject/things?x=1")
    #expect(received.header("PRIVATE-TOKEN") == Self.token)
    #expect(received.header("X-Carson-Test") == "two words")
    #expect(received.header("Content-Type") == "application/x-www-form-urlencoded")
    #expect(received.header("Expect") == nil)
    #expect(received.body == body)
  }

  @Test func concurrentRequestsEachGetTheirOwnAnswer() throws {
    let server = try HTTPServer { request in .text(request.path) }
    final class Answers: @unchecked Sendable {
      let lock = NSLock()
      var byIndex: [Int: String] = [:]
    }
    let answers = Answers()
    DispatchQueue.concurrentPerform(iterations: 8) { index in
      let result = request(server.baseURL + "/request-\(index)", method: "GET").send()
      let text = (try? result.get()).map { String(decoding: $0.body, as: UTF8.self) } ?? "\(result)"
      answers.lock.withLock { answers.byIndex[index] = text }
    }
    #expect(answers.byIndex == Dictionary(uniqueKeysWithValues: (0..<8).map { ($0, "/request-\($0)") }))
  }

  @Test func anEmptyBodyIsSentAsAnEmptyBody() throws {
    let recording = try RecordingServer(answer: .text(""))
    _ = try request(recording.server.baseURL + "/empty", body: []).send().get()
    #expect(recording.requests.first?.method == "POST")
    #expect(recording.requests.first?.header("Content-Length") == "0")
  }

  @Test func aRefusedConnectionFailsWithLibcurlsTextAndNoToken() throws {
    let port = try LoopbackSockets.closedPort()
    let result = request("http://127.0.0.1:\(port)/api/v4/x", headers: ["PRIVATE-TOKEN: \(Self.token)"]).send()
    guard case .failure(let failure) = result else {
      Issue.record("answered: \(result)")
      return
    }
    #expect(failure.kind == .failed)
    #expect(failure.message.contains("127.0.0.1"), "\(failure.message)")
    #expect(failure.message.lowercased().contains("connect"), "\(failure.message)")
    #expect(!failure.message.contains(Self.token))
  }

  @Test func aListenerThatNeverAnswersTimesOutWithinTheTimeout() throws {
    let (fd, port) = try LoopbackSockets.silentListener()
    defer { close(fd) }
    let started = Date()
    let result = request("http://127.0.0.1:\(port)/api/v4/x", headers: ["PRIVATE-TOKEN: \(Self.token)"], timeout: 0.5).send()
    let elapsed = Date().timeIntervalSince(started)
    guard case .failure(let failure) = result else {
      Issue.record("answered: \(result)")
      return
    }
    #expect(failure.kind == .timedOut, "\(failure.message)")
    #expect(!failure.message.contains(Self.token))
    // Bounded by the timeout (slack for a loaded machine), not by the silent peer.
    #expect(elapsed >= 0.45 && elapsed < 2.5, "took \(elapsed) s")
  }

  @Test func aHeaderWithALineBreakIsNotSentAndNotQuoted() throws {
    let recording = try RecordingServer(answer: .text("ok"))
    let result = request(recording.server.baseURL + "/x", headers: ["PRIVATE-TOKEN: \(Self.token)\r\nX-Injected: 1"]).send()
    #expect(result == .failure(CurlRequest.Failure(kind: .invalidRequest, message: "a request header contains a line break")))
    #expect(recording.requests.isEmpty)
  }

  @Test func onlyHTTPAndHTTPSAreAllowed() {
    let result = request("file:///etc/passwd", method: "GET").send()
    guard case .failure(let failure) = result else {
      Issue.record("answered: \(result)")
      return
    }
    #expect(failure.kind == .invalidURL, "\(failure.message)")
  }

  @Test func aLibraryThatCannotBeLoadedIsNamedWithTheLoadersReason() throws {
    var error: UnsafeMutablePointer<CChar>?
    let names = ["libcurl-carson-missing.so.4", "/nonexistent/libcurl.so.4"]
    let handle = names.map { strdup($0) }.withUnsafeBufferPointer { pointers -> UnsafeMutableRawPointer? in
      defer { pointers.forEach { free($0) } }
      return pointers.map { UnsafePointer($0) }.withUnsafeBufferPointer {
        carson_curl_open_library($0.baseAddress, $0.count, &error)
      }
    }
    #expect(handle == nil)
    let text = try #require(error.map { String(cString: $0) })
    free(error)
    #expect(text.hasPrefix("libcurl could not be loaded"), "\(text)")
    #expect(text.contains("libcurl-carson-missing.so.4: cannot open shared object file"), "\(text)")
    #expect(text.contains("; /nonexistent/libcurl.so.4: cannot open shared object file"), "\(text)")
  }

  @Test func theMillisecondsGivenToLibcurlAreNeverZero() {
    #expect(CurlRequest.milliseconds(0) == 1)
    #expect(CurlRequest.milliseconds(0.0001) == 1)
    #expect(CurlRequest.milliseconds(0.5) == 500)
    #expect(CurlRequest.milliseconds(10) == 10_000)
    #expect(CurlRequest.milliseconds(.infinity) == Int(Int32.max))
  }
}
