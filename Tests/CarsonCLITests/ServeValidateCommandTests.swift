import CarsonHTTP
import CarsonTestSupport
import Foundation
import Testing

@testable import CarsonCLI

/// The command around the endpoint: addresses, refusals, HTTP errors, and the real binary
/// stopping on SIGTERM.
@Suite(.enabled(if: Curl.available, "needs /usr/bin/curl")) struct ServeValidateCommandTests {
  // MARK: HTTP errors

  @Test func wrongPathsMethodsAndBodiesGetClearStatuses() throws {
    let server = try ValidateServer()
    let converter = server.url + "/pipeline-model-converter/"
    let run = try Curl.run([
      "-w", Curl.writeOut, server.url + "/job/x/build", "--next",
      "-w", Curl.writeOut, converter + "validate", "--next",
      "-X", "POST", "-w", Curl.writeOut, converter + "validate", "--next",
      "-H", "Content-Type: text/plain", "--data-binary", "pipeline {}", "-w", Curl.writeOut, converter + "validate", "--next",
      "-H", "Content-Type: multipart/form-data; boundary=b", "--data-binary", "--b\r\nContent-Disposition: form-data; name=\"jenkinsfile\"\r\n\r\npipe",
      "-w", Curl.writeOut, converter + "validate", "--next",
      "-F", "json={}", "-w", Curl.writeOut, converter + "stepsToJson", "--next",
      "-w", Curl.writeOut, server.url + "/",
    ])
    #expect(run.codes == [404, 405, 200, 415, 400, 501, 200], "\(run.bodies)")
    #expect(run.bodies[0] == "Not found: /job/x/build\n")
    #expect(run.bodies[1] == "This URL requires POST\n")
    #expect(run.bodies[2] == "No Jenkinsfile specified")
    #expect(run.bodies[3].contains("unsupported Content-Type 'text/plain'"))
    #expect(run.bodies[4] == "bad request: multipart body ends inside a part (no closing boundary)\n")
    #expect(run.bodies[5].contains("does not implement /pipeline-model-converter/stepsToJson"))
    #expect(run.bodies[6].contains("/pipeline-model-converter/validate"))
  }

  @Test func methodNotAllowedSaysWhatIs() throws {
    let endpoint = ValidateEndpoint(crumb: "c")
    let get = endpoint.respond(HTTPRequest(method: "GET", target: "/pipeline-model-converter/validate"))
    #expect(get.status == 405 && get.header("Allow") == "POST")
    let put = endpoint.respond(HTTPRequest(method: "PUT", target: "/crumbIssuer/api/json"))
    #expect(put.status == 405 && put.header("Allow") == "GET, POST, HEAD")
    #expect(endpoint.respond(HTTPRequest(method: "HEAD", target: "/crumbIssuer/api/json")).status == 200)
    #expect(endpoint.respond(HTTPRequest(method: "GET", target: "/crumbIssuer/api/xml?xpath=//crumb/text()")).body == Array("c".utf8))
    #expect(endpoint.respond(HTTPRequest(method: "GET", target: "/crumbIssuer/api/xml?xpath=//nonsense")).status == 400)
  }

  /// A body over the limit is refused from its Content-Length, before it is read; curl sends
  /// `Expect: 100-continue` for large bodies and so never sends it.
  @Test func hugeBodyIsRefusedWith413() throws {
    let server = try ValidateServer()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("carson-validate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let big = directory.appendingPathComponent("Jenkinsfile").path
    try Data(repeating: UInt8(ascii: "x"), count: ValidateEndpoint.limits.maxBodyBytes + 1).write(to: URL(fileURLWithPath: big))
    let run = try Curl.run(["-F", "jenkinsfile=<" + big, "-w", Curl.writeOut, server.url + "/pipeline-model-converter/validate"])
    #expect(run.code == 413, "\(run.stderr)")
    #expect(run.body == "request body larger than \(ValidateEndpoint.limits.maxBodyBytes) bytes\n")
  }

  // MARK: Addresses

  @Test func listenAddressesParse() throws {
    #expect(try ListenAddress.parse("8722") == ListenAddress(host: "127.0.0.1", port: 8722))
    #expect(try ListenAddress.parse("localhost:0") == ListenAddress(host: "127.0.0.1", port: 0))
    #expect(try ListenAddress.parse(":9000") == ListenAddress(host: "127.0.0.1", port: 9000))
    #expect(try ListenAddress.parse("[::1]:80") == ListenAddress(host: "::1", port: 80))
    #expect(try ListenAddress.parse("0.0.0.0:80").isLoopback == false)
    #expect(try ListenAddress.parse("127.1.2.3:80").isLoopback)
    #expect(try ListenAddress.parse("[::ffff:127.0.0.1]:80").isLoopback)
    #expect(try ListenAddress.parse("[::]:80").isLoopback == false)
    #expect(try ListenAddress.parse("[::1]:80").authority == "[::1]:80")
    for bad in ["", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", "example.com:80", "::1:80", "[::1]80"] {
      #expect(throws: ListenAddress.Invalid.self, "\(bad)") { try ListenAddress.parse(bad) }
    }
  }

  @Test func nonLoopbackNeedsAllowRemote() {
    let refused = carson(["serve-validate", "--listen", "0.0.0.0:0"])
    #expect(refused.code == 64)
    #expect(
      refused.stderr
        == "carson: error: refusing to listen on 0.0.0.0:0: not a loopback address, and the endpoint has no authentication. Pass --allow-remote to serve other machines.\n")
    let bad = carson(["serve-validate", "--listen", "example.com:80"])
    #expect(bad.code == 64)
    #expect(bad.stderr.hasPrefix("carson: error: --listen: 'example.com' is not an IPv4 or IPv6 address"))
    #expect(carson(["serve-validate", "extra"]).code == 64)
  }

  @Test func busyPortIsAClearError() throws {
    let holder = try HTTPServer(port: 0) { _ in .text("") }
    let run = carson(["serve-validate", "--listen", "127.0.0.1:\(holder.port)"])
    #expect(run.code == 69)
    #expect(run.stderr.hasPrefix("carson: error: cannot listen on 127.0.0.1:\(holder.port): "), "\(run.stderr)")
  }

  // MARK: The real binary

  /// Starts, announces its URL, answers, logs each request without its query, and on SIGTERM
  /// stops, frees the port and exits 0.
  @Test func binaryServesUntilSigterm() throws {
    let binary = SharedCorpus.repositoryRoot.appendingPathComponent(".build/debug/carson").path
    guard FileManager.default.isExecutableFile(atPath: binary) else {
      Issue.record("\(binary) is missing: build with `swift build --build-tests` first")
      return
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["serve-validate", "--listen", "127.0.0.1:0"]
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    defer { if process.isRunning { process.terminate() } }
    // The first line names the address: "carson serve-validate: listening on http://127.0.0.1:PORT".
    var announced = Data()
    while !announced.contains(UInt8(ascii: "\n")) {
      let chunk = out.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      announced += chunk
    }
    let line = String(decoding: announced, as: UTF8.self)
    let url = try #require(line.split(separator: "\n").first?.components(separatedBy: "listening on ").last)
    let answer = try Curl.run(["-F", "jenkinsfile=pipeline { }", "-w", Curl.writeOut, url + "/pipeline-model-converter/validate?token=s3cret"])
    #expect(answer.body.hasPrefix("Errors encountered validating Jenkinsfile:\nWorkflowScript: 1: "), "\(answer.body)")
    process.terminate()  // SIGTERM
    process.waitUntilExit()
    let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 0, "\(log)")
    #expect(log == "POST /pipeline-model-converter/validate 200\ncarson serve-validate: stopped\n")
    let after = try Curl.run(["-w", Curl.writeOut, url + "/"])
    #expect(after.status == 7, "the port is still open after stopping")  // curl: couldn't connect
  }
}
