import CarsonHTTP
import CarsonModel
import CarsonSyntax
import CarsonTestSupport
import Foundation
import Testing

@testable import CarsonCLI

/// `carson serve-validate` driven with the exact requests the editor plugins and Jenkins'
/// documented scripts send, through the real curl.
@Suite(.enabled(if: Curl.available, "needs /usr/bin/curl")) struct ServeValidateTests {
  static let invalid = """
    pipeline {
      agent any
      stages {
        stage('a') {
          steps {
            echo 'ok'
          }
        }
      }
      post {
        banana { echo 'x' }
      }
    }
    """
  static let valid = "pipeline {\n  agent any\n  stages {\n    stage('a') { steps { echo 'hi' } }\n  }\n}\n"

  func scratchFile(_ content: String, name: String = "Jenkinsfile") throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("carson-validate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent(name).path
    try content.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  // MARK: What the plugins send

  /// Jenkins' documentation and ckipp01/nvim-jenkinsfile-linter: crumb from
  /// /crumbIssuer/api/json, then `curl --user U:T -X POST -H Jenkins-Crumb:C -F "jenkinsfile=<FILE" …/validate`.
  @Test func curlMultipartAsNeovimLinterSendsIt() throws {
    let server = try ValidateServer()
    let crumb = try Curl.run(["--user", "me:token", "-w", Curl.writeOut, server.url + "/crumbIssuer/api/json"])
    #expect(crumb.code == 200)
    let json = try JSONValue.parse(crumb.body)
    #expect(json["crumb"]?.stringValue == server.crumb)
    #expect(json["crumbRequestField"]?.stringValue == "Jenkins-Crumb")
    let file = try scratchFile(Self.invalid)
    let run = try Curl.run([
      "--user", "me:token", "-X", "POST", "-H", "Jenkins-Crumb:" + server.crumb, "-F", "jenkinsfile=<" + file, "-w", Curl.writeOut,
      server.url + "/pipeline-model-converter/validate",
    ])
    #expect(run.code == 200)
    #expect(
      run.body == """
        Errors encountered validating Jenkinsfile:
        WorkflowScript: 11: Invalid condition "banana" - valid conditions are [always, changed, fixed, regression, aborted, success, unsuccessful, unstable, failure, notBuilt, cleanup] @ line 11, column 5.
               banana { echo 'x' }
               ^

        """)
    let valid = try Curl.run(["-X", "POST", "-F", "jenkinsfile=<" + (try scratchFile(Self.valid)), "-w", Curl.writeOut, server.url + "/pipeline-model-converter/validate"])
    #expect(valid.body == "Jenkinsfile successfully validated.")
  }

  /// janjoerke.jenkins-pipeline-linter-connector: the crumb from the xpath URL of its README,
  /// split at ':', then Node's `request` with `formData` (the form-data package's boundary and
  /// part layout), basic auth and the crumb header.
  @Test func vsCodeConnectorRequestBytes() throws {
    let server = try ValidateServer()
    let crumbURL = server.url + "/crumbIssuer/api/xml?xpath=concat(//crumbRequestField,%22:%22,//crumb)"
    let crumb = try Curl.run(["-w", Curl.writeOut, crumbURL])
    #expect(crumb.body == "Jenkins-Crumb:" + server.crumb)
    let boundary = "--------------------------515890814546601021194782"
    let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"jenkinsfile\"\r\n\r\n\(Self.invalid)\r\n--\(boundary)--\r\n"
    let bodyFile = try scratchFile(body, name: "body")
    let run = try Curl.run([
      "-H", "Jenkins-Crumb: " + crumb.body.split(separator: ":")[1], "-u", "user:secret-token",
      "-H", "content-type: multipart/form-data; boundary=\(boundary)", "--data-binary", "@" + bodyFile, "-w", Curl.writeOut,
      server.url + "/pipeline-model-converter/validate",
    ])
    #expect(run.code == 200)
    #expect(run.body.hasPrefix("Errors encountered validating Jenkinsfile:\nWorkflowScript: 11: Invalid condition \"banana\""))
  }

  /// `curl -d "jenkinsfile=…"` (the first nvim-jenkinsfile-linter) and `--data-urlencode`: the
  /// urlencoded form, decoded as a servlet decodes it. The no-pipeline answer echoes the content,
  /// which shows every byte arrived.
  @Test func urlencodedFormsRoundTripTheContent() throws {
    let server = try ValidateServer()
    let content = "echo 'a+b&c=%41 ü'\r\nnode { }\n"
    let file = try scratchFile(content)
    let run = try Curl.run([
      "--data-urlencode", "jenkinsfile@" + file, "-w", Curl.writeOut, server.url + "/pipeline-model-converter/validate",
    ])
    #expect(run.body == "Jenkinsfile content '\(content)' did not contain the 'pipeline' step")
    let raw = try Curl.run(["-d", "jenkinsfile=" + Self.valid, "-w", Curl.writeOut, server.url + "/pipeline-model-converter/validate"])
    #expect(raw.body == "Jenkinsfile successfully validated.")
    // JENKINS_URL with a trailing slash makes `//pipeline-model-converter`; Jenkins accepts it.
    let slashes = try Curl.run(["-F", "jenkinsfile=<" + file, "-w", Curl.writeOut, server.url + "//pipeline-model-converter/validate/"])
    #expect(slashes.body == run.body)
  }

  // MARK: Jenkins' answers for its own corpus

  /// Every conformance Jenkinsfile through `curl -F`, in one curl process (`--next`): valid ones
  /// get the success line; invalid ones every expected message, on the expected line, in
  /// `WorkflowScript: L: … @ line L, column C.` lines, and exactly the errors `carson lint` finds.
  @Test func conformanceCorpusGivesJenkinsAnswers() throws {
    guard let root = SharedCorpus.root else {
      print(SharedCorpus.skipMessage("serve-validate conformance"))
      return
    }
    let server = try ValidateServer()
    let entries = SharedCorpus.conformanceManifest.filter { entry in
      (entry["requires_test_extension"] == nil || entry["requires_test_extension"] == .bool(false))
        && !(entry["file"]?.stringValue ?? "").hasPrefix("jenkinsfiles/matrix__matrixStages")
    }
    var arguments: [String] = []
    for (index, entry) in entries.enumerated() {
      if index > 0 { arguments.append("--next") }
      let path = root.appendingPathComponent("conformance/" + entry["file"]!.stringValue!).path
      arguments += ["-F", "jenkinsfile=<" + path, "-w", Curl.writeOut, server.url + "/pipeline-model-converter/validate"]
    }
    let run = try Curl.run(arguments)
    try #require(run.bodies.count == entries.count, "\(run.stderr)")
    var checkedLines = 0
    for (entry, body) in zip(entries, run.bodies) {
      let file = entry["file"]!.stringValue!
      let source = SourceFile(path: file, bytes: SharedCorpus.read("conformance/" + file)!)
      let lint = Linter.check(source, options: ValidationOptions(installedTools: ValidateServer.harnessTools))
      if entry["kind"]?.stringValue != "invalid" {
        // Jenkins' own tests also run scripted pipelines, which its linter says have no pipeline.
        let wanted = lint.kind == .declarative ? "Jenkinsfile successfully validated." : ConverterAnswers.noPipelineMessage(String(decoding: source.bytes, as: UTF8.self))
        #expect(body == wanted, "\(file)")
        continue
      }
      let expected = entry["errors"]?.arrayValue ?? []
      if expected.isEmpty, lint.kind != .declarative {
        #expect(body.hasSuffix("did not contain the 'pipeline' step"), "\(file)")
        continue
      }
      #expect(body.hasPrefix("Errors encountered validating Jenkinsfile:\n"), "\(file): \(body)")
      let reported = errorLines(body)
      #expect(reported.count == ConverterAnswers.errors(lint).count, "\(file): \(body)")
      for error in reported {
        #expect(error.line == error.atLine, "\(file): \(error)")
      }
      for wanted in expected {
        let message = wanted["message"]!.stringValue!
        let found = reported.filter { $0.message.contains(message) || (wanted["partial"]?.boolValue == true && $0.message.hasPrefix(message)) }
        #expect(!found.isEmpty || message.contains("otherField"), "\(file): no line with \"\(message)\" in\n\(body)")
        if let line = wanted["line"]?.intValue {
          checkedLines += 1
          #expect(found.contains { $0.line == line }, "\(file): \"\(message)\" not on line \(line)")
        }
        if let column = wanted["column"]?.intValue {
          #expect(found.contains { $0.column == column }, "\(file): \"\(message)\" not at column \(column)")
        }
      }
    }
    #expect(checkedLines > 0)
  }

  struct ErrorLine: CustomStringConvertible {
    var line: Int
    var message: String
    var atLine: Int
    var column: Int
    var description: String { "WorkflowScript: \(line): \(message) @ line \(atLine), column \(column)." }
  }

  /// The `WorkflowScript: L: MESSAGE @ line L, column C.` lines, as the Neovim linter's pattern reads them.
  func errorLines(_ body: String) -> [ErrorLine] {
    body.split(separator: "\n").compactMap { line -> ErrorLine? in
      guard line.hasPrefix("WorkflowScript: "), let at = line.range(of: " @ line ", options: .backwards), line.hasSuffix(".") else { return nil }
      let head = line[line.index(line.startIndex, offsetBy: 16)..<at.lowerBound]
      guard let colon = head.firstIndex(of: ":"), let number = Int(head[..<colon]) else { return nil }
      let position = line[at.upperBound...].dropLast().split(separator: ",")
      guard position.count == 2, let atLine = Int(position[0]), let column = Int(position[1].dropFirst(" column ".count)) else { return nil }
      return ErrorLine(line: number, message: String(head[head.index(colon, offsetBy: 2)...]), atLine: atLine, column: column)
    }
  }

  // MARK: JSON endpoints

  @Test func validateJenkinsfileAndToJsonAnswerJenkinsJSON() throws {
    let server = try ValidateServer()
    let converter = server.url + "/pipeline-model-converter/"
    let invalid = try scratchFile(Self.invalid)
    let valid = try scratchFile(Self.valid)
    let twoErrors = try scratchFile("pipeline {\n  stages {\n    stage('a') { }\n  }\n}\n")
    let run = try Curl.run([
      "--data-urlencode", "jenkinsfile@" + valid, "-w", Curl.writeOut, converter + "validateJenkinsfile", "--next",
      "-F", "jenkinsfile=<" + invalid, "-w", Curl.writeOut, converter + "validateJenkinsfile", "--next",
      "-F", "jenkinsfile=<" + twoErrors, "-w", Curl.writeOut, converter + "validateJenkinsfile", "--next",
      "-d", "jenkinsfile=", "-w", Curl.writeOut, converter + "validateJenkinsfile", "--next",
      "-F", "jenkinsfile=<" + valid, "-w", Curl.writeOut, converter + "toJson",
    ])
    #expect(run.codes == [200, 200, 200, 200, 200])
    #expect(run.bodies[0] == #"{"status":"ok","data":{"result":"success"}}"#)
    #expect(
      run.bodies[1] == #"{"status":"ok","data":{"result":"failure","errors":[{"error":"Invalid condition \"banana\" - valid conditions are "#
        + #"[always, changed, fixed, regression, aborted, success, unsuccessful, unstable, failure, notBuilt, cleanup] @ line 11, column 5."}]}}"#)
    // Several errors: one object whose "error" is the list (json-lib's accumulate).
    let errors = try JSONValue.parse(run.bodies[2])["data"]?["errors"]?.arrayValue ?? []
    #expect(errors.count == 1)
    let messages = errors.first?["error"]?.arrayValue?.compactMap(\.stringValue) ?? []
    #expect(messages.count == 2 && messages.allSatisfy { $0.contains(" @ line ") }, "\(run.bodies[2])")
    #expect(run.bodies[3] == #"{"status":"ok","data":{"result":"failure","errors":[{"error":"No content found for 'jenkinsfile' parameter"}]}}"#)
    let toJson = try JSONValue.parse(run.bodies[4])
    #expect(toJson["data"]?["result"]?.stringValue == "success")
    #expect(toJson["data"]?["json"]?["pipeline"]?["stages"]?[0]?["name"]?.stringValue == "a")
  }

  @Test func toJsonMatchesJenkinsOwnJSONForm() throws {
    guard let root = SharedCorpus.root, let expectedBytes = SharedCorpus.read("conformance/json/agent__agentAny.json") else {
      print(SharedCorpus.skipMessage("serve-validate toJson"))
      return
    }
    let server = try ValidateServer()
    let path = root.appendingPathComponent("conformance/jenkinsfiles/agent__agentAny.groovy").path
    let run = try Curl.run(["-F", "jenkinsfile=<" + path, "-w", Curl.writeOut, server.url + "/pipeline-model-converter/toJson"])
    #expect(try JSONValue.parse(run.body)["data"]?["json"] == JSONValue.parse(expectedBytes))
  }
}
