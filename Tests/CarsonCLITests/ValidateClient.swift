import CarsonHTTP
import CarsonModel
import Foundation
import Testing

@testable import CarsonCLI

/// A `ValidateEndpoint` on a free loopback port for one test, and the real `curl` to talk to it:
/// the editor plugins and Jenkins' documented scripts all call curl or send what it sends.
final class ValidateServer {
  let server: HTTPServer
  let crumb = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
  var url: String { server.baseURL }

  /// The tool installations of Jenkins' test harness, which the conformance corpus expects.
  static let harnessTools = ["maven": ["apache-maven-3.0.1", "apache-maven-3.5.0"], "ant": ["default"]]

  /// `tools` as `--tool` gives them.
  init(tools: [String: [String]]? = ValidateServer.harnessTools) throws {
    let endpoint = ValidateEndpoint(crumb: crumb, options: ValidationOptions(installedTools: tools))
    server = try HTTPServer(port: 0, limits: ValidateEndpoint.limits, handler: endpoint.respond)
  }

  deinit { server.stop() }
}

struct CurlResult {
  var status: Int32
  /// `%{http_code}` of each transfer, in order.
  var codes: [Int]
  var bodies: [String]
  var stderr: String
  var code: Int { codes.first ?? 0 }
  var body: String { bodies.first ?? "" }
}

enum Curl {
  static let separator = "\n@@carson-test-end@@"
  static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") }

  /// Runs `curl -s -S ARGS…`; each transfer (several with `--next`) must end with
  /// `-w Curl.writeOut` so its body and status can be told apart.
  static func run(_ arguments: [String], directory: String? = nil) throws -> CurlResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    process.arguments = ["-s", "-S"] + arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let errorData = Locked(Data())
    let reader = Thread { errorData.withLock { $0 = err.fileHandleForReading.readDataToEndOfFile() } }
    reader.start()
    let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    while !reader.isFinished { usleep(1000) }
    var codes: [Int] = []
    var bodies: [String] = []
    var rest = Substring(output)
    while let mark = rest.range(of: separator) {
      bodies.append(String(rest[..<mark.lowerBound]))
      rest = rest[mark.upperBound...]
      let line = rest.prefix { $0 != "\n" }
      codes.append(Int(line) ?? 0)
      rest = rest.dropFirst(line.count + 1)
    }
    return CurlResult(
      status: process.terminationStatus, codes: codes, bodies: bodies,
      stderr: String(decoding: errorData.withLock { $0 }, as: UTF8.self))
  }

  /// `-w` value that ends a transfer's output with the separator and its status code.
  static let writeOut = separator + "%{http_code}\n"
}

/// A value shared with a reader thread.
final class Locked<Value>: @unchecked Sendable {
  private var value: Value
  private let lock = NSLock()
  init(_ value: Value) { self.value = value }
  func withLock<T>(_ body: (inout Value) -> T) -> T { lock.withLock { body(&value) } }
}
