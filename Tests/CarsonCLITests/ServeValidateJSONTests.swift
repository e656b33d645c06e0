import CarsonHTTP
import CarsonModel
import CarsonSyntax
import CarsonTestSupport
import Foundation
import Testing

@testable import CarsonCLI

/// `POST /pipeline-model-converter/validateJson` and `/toJenkinsfile` (form field `json`,
/// Jenkins' JSON form of a pipeline), through the real curl.
@Suite(.enabled(if: Curl.available, "needs /usr/bin/curl")) struct ServeValidateJSONTests {
  static let valid = """
    {"pipeline": {"agent": {"type": "any"}, "stages": [{"name": "a", "branches": [{"name": "default",
      "steps": [{"name": "echo", "arguments": [{"key": "message", "value": {"isLiteral": true, "value": "hi"}}]}]}]}]}}
    """
  /// Converts, but the pipeline is not valid: no agent, and a post condition Jenkins does not have.
  static let invalid = """
    {"pipeline": {"stages": [{"name": "a", "branches": [{"name": "default", "steps": [{"name": "echo", "arguments": {"isLiteral": true, "value": "x"}}]}]}],
      "post": {"conditions": [{"condition": "banana", "branch": {"name": "default", "steps": [{"name": "echo", "arguments": {"isLiteral": true, "value": "y"}}]}}]}}}
    """
  static let wrongShape = #"{"pipeline": {"agent": {"type": "any"}, "stages": [{"name": "a", "branches": [{"name": "default", "steps": {}}]}]}}"#

  func scratchFile(_ content: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("carson-validate-json-\(UUID().uuidString).json").path
    try content.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func validateJsonAnswersAsJenkins() throws {
    let server = try ValidateServer()
    let url = server.url + "/pipeline-model-converter/validateJson"
    let run = try Curl.run([
      "--data-urlencode", "json@" + (try scratchFile(Self.valid)), "-w", Curl.writeOut, url, "--next",
      "-F", "json=<" + (try scratchFile(Self.invalid)), "-w", Curl.writeOut, url, "--next",
      "--data-urlencode", "json={\"pipeline\": [", "-w", Curl.writeOut, url, "--next",
      "--data-urlencode", "json@" + (try scratchFile(Self.wrongShape)), "-w", Curl.writeOut, url, "--next",
      "-d", "json=", "-w", Curl.writeOut, url, "--next",
      "-w", Curl.writeOut, url,
    ])
    #expect(run.codes == [200, 200, 200, 200, 200, 405], "\(run.bodies)")
    #expect(run.bodies[0] == #"{"status":"ok","data":{"result":"success"}}"#)
    let failure = try JSONValue.parse(run.bodies[1])["data"]
    #expect(failure?["result"]?.stringValue == "failure")
    let messages = failure?["errors"]?.arrayValue?.compactMap { $0["error"]?.stringValue } ?? []
    #expect(messages.contains(#"Missing required section "agent""#), "\(run.bodies[1])")
    #expect(messages.contains { $0.hasPrefix(#"Invalid condition "banana""#) }, "\(run.bodies[1])")
    let broken = try JSONValue.parse(run.bodies[2])["data"]
    #expect(broken?["result"]?.stringValue == "failure")
    #expect(broken?["errors"]?[0]?["error"]?.stringValue?.hasPrefix("Invalid JSON: ") == true, "\(run.bodies[2])")
    #expect(
      run.bodies[3] == #"{"status":"ok","data":{"result":"failure","errors":[{"error":"pipeline.stages[0].branches[0].steps: expected an array, got an object"}]}}"#)
    #expect(run.bodies[4] == #"{"status":"ok","data":{"result":"failure","errors":[{"error":"No content found for 'json' parameter"}]}}"#)
    #expect(run.bodies[5] == "This URL requires POST\n")
  }

  @Test func toJenkinsfileAnswersTheTextThatValidates() throws {
    let server = try ValidateServer()
    let converter = server.url + "/pipeline-model-converter/"
    let run = try Curl.run([
      "-F", "json=<" + (try scratchFile(Self.valid)), "-w", Curl.writeOut, converter + "toJenkinsfile", "--next",
      "-F", "json=<" + (try scratchFile(Self.invalid)), "-w", Curl.writeOut, converter + "toJenkinsfile", "--next",
      "--data-urlencode", "json=nonsense", "-w", Curl.writeOut, converter + "toJenkinsfile",
    ])
    #expect(run.codes == [200, 200, 200], "\(run.bodies)")
    let answer = try JSONValue.parse(run.bodies[0])["data"]
    #expect(answer?["result"]?.stringValue == "success")
    let jenkinsfile = try #require(answer?["jenkinsfile"]?.stringValue)
    #expect(jenkinsfile == "pipeline {\n  agent any\n  stages {\n    stage('a') {\n      steps {\n        echo('hi')\n      }\n    }\n  }\n}")
    let failure = try JSONValue.parse(run.bodies[1])["data"]
    #expect(failure?["result"]?.stringValue == "failure" && failure?["jenkinsfile"] == nil, "\(run.bodies[1])")
    #expect(try JSONValue.parse(run.bodies[2])["data"]?["result"]?.stringValue == "failure")
    // The text back through /toJson gives the JSON that went in.
    let back = try Curl.run([
      "--data-urlencode", "jenkinsfile@" + (try scratchFile(jenkinsfile)), "-w", Curl.writeOut, converter + "toJson",
    ])
    #expect(try JSONValue.parse(back.body)["data"]?["json"] == JSONValue.parse(Self.valid))
  }

  /// One of Jenkins' own JSON files, as Blue Ocean's editor would send it.
  @Test func toJenkinsfileOfJenkinsOwnJSON() throws {
    guard let root = SharedCorpus.root, let expected = SharedCorpus.read("conformance/json/matrix__matrixPipeline.json") else {
      print(SharedCorpus.skipMessage("serve-validate toJenkinsfile"))
      return
    }
    let server = try ValidateServer()
    let path = root.appendingPathComponent("conformance/json/matrix__matrixPipeline.json").path
    let run = try Curl.run(["--data-urlencode", "json@" + path, "-w", Curl.writeOut, server.url + "/pipeline-model-converter/toJenkinsfile"])
    let jenkinsfile = try #require(try JSONValue.parse(run.body)["data"]?["jenkinsfile"]?.stringValue, "\(run.body)")
    let result = Linter.check(SourceFile(path: "Jenkinsfile", text: jenkinsfile))
    #expect(try JenkinsJSON.document(for: #require(result.pipeline)) == JSONValue.parse(expected))
  }
}
