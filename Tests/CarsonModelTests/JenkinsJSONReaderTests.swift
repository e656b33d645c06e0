import CarsonModel
import CarsonSyntax
import CarsonTestSupport
import Foundation
import Testing

/// Tools configured in Jenkins' test harness, so `tools { maven 'apache-maven-3.0.1' }` validates.
private let harnessTools = ["maven": ["apache-maven-3.0.1", "apache-maven-3.5.0"], "ant": ["default"]]

/// Valid JSON pipelines whose round trip (JSON → text → lint → Carson's JSON) is not held to, with
/// the reason: the companions Carson's writer is not held to (`jenkinsJSONExclusions`), and these.
/// Their outcome is still printed.
let jenkinsJSONRoundTripExclusions: [String: String] = jenkinsJSONExclusions.merging([
  "json/agentTypeOrdering.json":
    "its agent is a list of key/value pairs without a type, a form Jenkins' JSON schema no longer has (no Jenkins test reads the file); the reader refuses it with the path `pipeline.agent`",
  "json/errors__jsonMismatchedQuotes.json":
    "its `timeout(time: \"5\")` gives the int parameter a string, which Jenkins rejects too (errors__jsonParameterTypeCoercion.json); only an @Ignore'd Jenkins test reads it",
]) { a, _ in a }

/// Invalid JSON pipelines whose Jenkinsfile Carson accepts, with the reason.
private let sameAsValidMatrix =
  "the file is byte-for-byte json/matrix__matrixPipelineTwoAxisExcludeNot.json, a valid pipeline: it cannot hold the error its name describes, and no Jenkins test asserts one"
let jenkinsJSONInvalidAccepted: [String: String] = [
  "json/errors__matrixAxisDuplicateValue.json": sameAsValidMatrix,
  "json/errors__matrixAxisNonLiteralValue.json": sameAsValidMatrix,
  "json/errors__matrixExcludeAxisDuplicateValue.json": sameAsValidMatrix,
  "json/errors__matrixExcludeValuesWithNotValues.json": sameAsValidMatrix,
]

/// The Jenkinsfile for a JSON file of the corpus, and what linting it found.
private func convert(_ relative: String) throws -> (text: String, result: LintResult) {
  let bytes = try #require(SharedCorpus.read("conformance/" + relative))
  let json = try JSONValue.parse(bytes)
  let text = try JenkinsJSONReader.jenkinsfile(fromJSON: json)
  let result = Linter.check(SourceFile(path: relative, text: text), options: ValidationOptions(installedTools: harnessTools))
  return (text, result)
}

/// Why a JSON file does not convert, lint cleanly and come back as itself; nil when it does.
private func roundTripProblem(_ file: String) -> String? {
  let converted: (text: String, result: LintResult)
  do {
    converted = try convert(file)
  } catch {
    return "\(error)"
  }
  if let first = converted.result.diagnostics.first(where: { $0.severity == .error }) {
    return "lint error '\(first.message)' in\n\(converted.text)"
  }
  guard let pipeline = converted.result.pipeline, let expected = expectedJenkinsJSON(file) else { return "no pipeline model" }
  let actual = JenkinsJSON.document(for: pipeline)
  return firstDifference(normalizedForComparison(actual), normalizedForComparison(expected)).map { "\($0)\n\(converted.text)" }
}

@Suite struct JenkinsJSONReaderTests {
  // MARK: Conformance corpus

  /// Every valid JSON pipeline of Jenkins' corpus converts to a Jenkinsfile that lints without
  /// errors and whose JSON (Carson's writer) equals the original.
  @Test func validPipelinesRoundTrip() throws {
    guard SharedCorpus.root != nil else {
      print(SharedCorpus.skipMessage("jenkins-json round trip"))
      return
    }
    var total = 0
    var failures: [String] = []
    for entry in SharedCorpus.jsonManifest {
      guard entry["kind"]?.stringValue == "valid", entry["format"]?.stringValue == "pipeline",
        let file = entry["file"]?.stringValue
      else { continue }
      total += 1
      let problem = roundTripProblem(file)
      if jenkinsJSONRoundTripExclusions[file] != nil {
        FileHandle.standardError.write(Data("jenkins-json round trip: excluded \(file): \(problem ?? "round-trips")\n".utf8))
      } else if let problem {
        failures.append("\(file): \(problem)")
      }
    }
    #expect(total > 40)
    #expect(failures.isEmpty, "\(failures.count) of \(total) JSON pipelines do not round-trip:\n\(failures.joined(separator: "\n"))")
  }

  /// Every invalid JSON pipeline is refused: by the reader (shape) or by linting its text.
  @Test func invalidPipelinesAreRefused() throws {
    guard SharedCorpus.root != nil else { return }
    var total = 0
    var accepted: [String] = []
    for entry in SharedCorpus.jsonManifest {
      guard entry["kind"]?.stringValue == "invalid", entry["format"]?.stringValue == "pipeline",
        let file = entry["file"]?.stringValue
      else { continue }
      total += 1
      guard let bytes = SharedCorpus.read("conformance/" + file), let json = try? JSONValue.parse(bytes) else { continue }
      guard let text = try? JenkinsJSONReader.jenkinsfile(fromJSON: json) else { continue }
      let result = Linter.check(SourceFile(path: file, text: text), options: ValidationOptions(installedTools: harnessTools))
      if !result.diagnostics.contains(where: { $0.severity == .error }), jenkinsJSONInvalidAccepted[file] == nil {
        accepted.append("\(file):\n\(text)")
      }
    }
    #expect(total > 50)
    #expect(accepted.isEmpty, "\(accepted.count) invalid JSON pipelines accepted:\n\(accepted.joined(separator: "\n"))")
    for (file, reason) in jenkinsJSONInvalidAccepted {
      // Still the same pipeline as the valid file it copies: it must round-trip as that one does.
      #expect(roundTripProblem(file) == nil, "\(file) (\(reason))")
    }
  }

  // MARK: Layout and errors

  @Test func layoutFollowsJenkinsPrettyGroovy() throws {
    let json = try JSONValue.parse(
      """
      {"pipeline": {"stages": [{"name": "build", "branches": [{"name": "default", "steps": [
        {"name": "echo", "arguments": [{"key": "message", "value": {"isLiteral": true, "value": "it's"}}]},
        {"name": "sh", "arguments": [{"key": "script", "value": {"isLiteral": false, "value": "\\"make ${TARGET}\\""}},
                                      {"key": "returnStatus", "value": {"isLiteral": true, "value": true}}]},
        {"name": "timeout", "arguments": [{"key": "time", "value": {"isLiteral": true, "value": 5}}],
         "children": [{"name": "script", "arguments": [{"key": "scriptBlock", "value": {"isLiteral": true, "value": "if (x) {\\n  echo 'y'\\n}"}}]}]}
      ]}]}],
      "agent": {"type": "any"},
      "environment": [{"key": "TOKEN", "value": {"name": "credentials", "arguments": [{"isLiteral": true, "value": "tok"}]}}],
      "options": {"options": [{"name": "buildDiscarder", "arguments": [{"name": "logRotator", "arguments": [{"key": "numToKeepStr", "value": {"isLiteral": true, "value": "10"}}]}]}]}
      }}
      """)
    let text = try JenkinsJSONReader.jenkinsfile(fromJSON: json)
    #expect(
      text == """
        pipeline {
          agent any
          stages {
            stage('build') {
              steps {
                echo('it\\'s')
                sh(script: "make ${TARGET}", returnStatus: true)
                timeout(time: 5) {
                  script {
                    if (x) {
                      echo 'y'
                    }
                  }
                }
              }
            }
          }
          environment {
            TOKEN = credentials('tok')
          }
          options {
            buildDiscarder(logRotator(numToKeepStr: '10'))
          }
        }
        """)
  }

  @Test func oldStyleParallelBranches() throws {
    let json = try JSONValue.parse(
      """
      {"pipeline": {"agent": {"type": "none"}, "stages": [{"name": "p", "failFast": true, "branches": [
        {"name": "a", "steps": [{"name": "echo", "arguments": [{"key": "message", "value": {"isLiteral": true, "value": "A"}}]}]},
        {"name": "b", "steps": [{"name": "echo", "arguments": [{"key": "message", "value": {"isLiteral": true, "value": "B"}}]}]}]}]}}
      """)
    let text = try JenkinsJSONReader.jenkinsfile(fromJSON: json)
    #expect(text.contains("parallel(\n          'a': {\n            echo('A')\n          },\n          'b': {"))
    #expect(text.contains("failFast: true\n        )"))
    let result = Linter.check(SourceFile(path: "Jenkinsfile", text: text))
    #expect(!result.diagnostics.contains { $0.severity == .error }, "\(result.diagnostics.map(\.message))")
    let back = JenkinsJSON.document(for: try #require(result.pipeline))
    #expect(firstDifference(back, json) == nil)
  }

  @Test func errorsNameTheJSONPath() throws {
    func error(_ text: String) throws -> String {
      do {
        _ = try JenkinsJSONReader.jenkinsfile(fromJSON: try JSONValue.parse(text))
        return "no error"
      } catch {
        return "\(error)"
      }
    }
    let stage = #"{"name": "s", "branches": [{"name": "default", "steps": []}]}"#
    #expect(
      try error(#"{"pipeline": {"agent": {"type": "any"}, "stages": [\#(stage), \#(stage), {"name": "t", "branches": [{"name": "default", "steps": {}}]}]}}"#)
        == "pipeline.stages[2].branches[0].steps: expected an array, got an object")
    #expect(try error(#"{"pipeline": {"agent": {"type": "any"}}}"#) == "pipeline.stages: missing")
    #expect(try error(#"[1]"#) == "expected an object, got an array")
    #expect(
      try error(#"{"pipeline": {"stages": [], "notifications": {}}}"#).hasPrefix("pipeline: unexpected key 'notifications'"))
    #expect(
      try error(#"{"pipeline": {"stages": [{"name": 3}]}}"#) == "pipeline.stages[0].name: expected a string, got a number")
    #expect(
      try error(#"{"pipeline": {"stages": [], "tools": [{"key": "maven", "value": {"isLiteral": true, "value": [1]}}]}}"#)
        == "pipeline.tools[0].value.value: expected a constant (string, number, boolean or null), got an array")
    // A name that would change the text's structure is refused, not written.
    #expect(
      try error(#"{"pipeline": {"stages": [{"name": "s", "branches": [{"name": "default", "steps": [{"name": "echo('x')\n}", "arguments": []}]}]}]}}"#)
        == "pipeline.stages[0].branches[0].steps[0].name: 'echo('x')\n}' is not a valid name (letters, digits, _ and $, not starting with a digit)")
    #expect(
      try error(#"{"pipeline": {"stages": [], "environment": [{"key": "F OO", "value": {"isLiteral": true, "value": "x"}}]}}"#)
        == "pipeline.environment[0].key: 'F OO' is not a valid name (letters, digits, _ and $, not starting with a digit)")
    // Quotes and line breaks in names and strings are escaped, so they cannot end the string.
    let text = try JenkinsJSONReader.jenkinsfile(
      fromJSON: try JSONValue.parse(
        #"{"pipeline": {"agent": {"type": "any"}, "stages": [{"name": "it's\n}", "branches": [{"name": "default", "steps": [{"name": "echo", "arguments": {"isLiteral": true, "value": "a\\b'c"}}]}]}]}}"#))
    #expect(text.contains(#"stage('it\'s\n}') {"#) && text.contains(#"echo('a\\b\'c')"#), "\(text)")
  }
}
