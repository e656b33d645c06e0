import CarsonModel
import CarsonSyntax
import CarsonTestSupport
import Foundation
import Testing

/// JSON companions that Carson's output is not held to, each with the reason. Their JSON is still
/// produced and compared, and the outcome printed, but a difference does not fail the test.
let jenkinsJSONExclusions: [String: String] = [
  "json/agent__multipleVariablesForAgent.json":
    "uses the agent type 'otherField', a test-only Jenkins extension that Carson (like a stock Jenkins) rejects as an invalid agent type",
  "json/when__conditions__changelog__changeset.json":
    "the JSON companion is not Jenkins' conversion of its Groovy file: it records `changeset pattern: '.*\\.js', comparator: 'regexp'` as the single argument '.*\\.js', dropping the named arguments and the comparator",
  "json/when__whenEnv.json":
    "the JSON companion is not Jenkins' conversion of its Groovy file: it stores `ignoreCase: true` as the string \"true\", where the Groovy file has the boolean constant true (ModelParser keeps it a Boolean)",
]

/// Tools configured in Jenkins' test harness, so `tools { maven 'apache-maven-3.0.1' }` validates.
private let harnessTools = ["maven": ["apache-maven-3.0.1", "apache-maven-3.5.0"], "ant": ["default"]]

/// Jenkins compares `script`/`expression` bodies line by line with each line trimmed
/// (`AbstractModelASTCodeBlock.equals`), and its corpus relies on that: some companions were
/// written with other indentation than their Groovy file. Both sides are compared that way.
func normalizedForComparison(_ json: JSONValue) -> JSONValue {
  switch json {
  case .array(let items): return .array(items.map(normalizedForComparison))
  case .object(let pairs):
    if json["key"]?.stringValue == "scriptBlock", let text = json["value"]?["value"]?.stringValue {
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      return .object([("key", .string("scriptBlock")), ("value", .object([("isLiteral", .bool(true)), ("value", .string(lines.joined(separator: "\n")))]))])
    }
    return .object(pairs.map { ($0.0, normalizedForComparison($0.1)) })
  default: return json
  }
}

/// Where two JSON values first differ, as a path and the two sides (compact).
func firstDifference(_ actual: JSONValue, _ expected: JSONValue, path: String = "$") -> String? {
  if actual == expected { return nil }
  switch (actual, expected) {
  case (.object(let a), .object(let e)):
    let aKeys = Set(a.map(\.0))
    let eKeys = Set(e.map(\.0))
    if let missing = eKeys.subtracting(aKeys).sorted().first { return "\(path).\(missing): missing (expected \(short(expected[missing])))" }
    if let extra = aKeys.subtracting(eKeys).sorted().first { return "\(path).\(extra): unexpected \(short(actual[extra]))" }
    for (key, value) in e {
      if let inner = actual[key], let d = firstDifference(inner, value, path: "\(path).\(key)") { return d }
    }
  case (.array(let a), .array(let e)):
    if a.count != e.count { return "\(path): \(a.count) items, expected \(e.count)" }
    for (i, (x, y)) in zip(a, e).enumerated() {
      if let d = firstDifference(x, y, path: "\(path)[\(i)]") { return d }
    }
  default: break
  }
  return "\(path): got \(short(actual)), expected \(short(expected))"
}

private func short(_ json: JSONValue?) -> String {
  guard let json else { return "nothing" }
  let text = json.compact
  return text.count > 160 ? String(text.prefix(160)) + "…" : text
}

/// Carson's JSON for a Jenkinsfile, or the reason there is none.
func jenkinsJSON(forFile relative: String) -> (json: JSONValue?, problem: String?) {
  guard let bytes = SharedCorpus.read("conformance/" + relative) else { return (nil, "cannot read") }
  let result = Linter.check(SourceFile(path: relative, bytes: bytes), options: ValidationOptions(installedTools: harnessTools))
  guard let pipeline = result.pipeline else { return (nil, "no pipeline model") }
  let errors = result.diagnostics.filter { $0.severity == .error }
  let json = JenkinsJSON.document(for: pipeline)
  if let first = errors.first { return (json, "lint errors: \(first.message)") }
  return (json, nil)
}

func expectedJenkinsJSON(_ relative: String) -> JSONValue? {
  guard let bytes = SharedCorpus.read("conformance/" + relative) else { return nil }
  return try? JSONValue.parse(bytes)
}

@Suite struct JenkinsJSONTests {
  // MARK: Conformance corpus

  @Test func validCompanionsEqualJenkinsJSON() throws {
    guard SharedCorpus.root != nil else {
      print(SharedCorpus.skipMessage("jenkins-json conformance"))
      return
    }
    var total = 0
    var equal = 0
    var excluded = 0
    var excludedEqual = 0
    var failures: [String] = []
    for entry in SharedCorpus.jsonManifest {
      guard entry["kind"]?.stringValue == "valid", entry["format"]?.stringValue == "pipeline",
        let jsonFile = entry["file"]?.stringValue, let groovy = entry["jenkinsfile"]?.stringValue
      else { continue }
      if jenkinsJSONExclusions[jsonFile] != nil {
        excluded += 1
        let (actual, problem) = jenkinsJSON(forFile: groovy)
        let expected = expectedJenkinsJSON(jsonFile)
        let outcome: String
        if let actual, let expected {
          outcome = firstDifference(normalizedForComparison(actual), normalizedForComparison(expected)) ?? "equal"
          if outcome == "equal" { excludedEqual += 1 }
        } else {
          outcome = problem ?? "no JSON"
        }
        FileHandle.standardError.write(Data("jenkins-json: excluded \(jsonFile): \(outcome)\n".utf8))
        continue
      }
      total += 1
      let expected = try #require(expectedJenkinsJSON(jsonFile), Comment(rawValue: "\(jsonFile) does not parse"))
      let (actual, problem) = jenkinsJSON(forFile: groovy)
      if let problem {
        failures.append("\(groovy): \(problem)")
        continue
      }
      guard let actual else { continue }
      if let difference = firstDifference(normalizedForComparison(actual), normalizedForComparison(expected)) {
        failures.append("\(jsonFile): \(difference)")
      } else {
        equal += 1
      }
    }
    FileHandle.standardError.write(Data("jenkins-json: \(equal)/\(total) equal (\(excluded) excluded, \(excludedEqual) of them equal anyway)\n".utf8))
    #expect(total > 0)
    #expect(failures.isEmpty, "\(failures.count) JSON companions differ:\n\(failures.joined(separator: "\n"))")
  }

  /// JSON files of invalid pipelines (Jenkins' JSON-validation tests): where Carson can still
  /// model the Groovy companion, count how often its JSON equals Jenkins'. Informational only.
  @Test func invalidCompanionsAreCounted() throws {
    guard SharedCorpus.root != nil else {
      print(SharedCorpus.skipMessage("jenkins-json invalid companions"))
      return
    }
    var modelled = 0
    var equal = 0
    var notes: [String] = []
    for entry in SharedCorpus.jsonManifest {
      guard entry["kind"]?.stringValue == "invalid", entry["format"]?.stringValue == "pipeline",
        let jsonFile = entry["file"]?.stringValue, let groovy = entry["jenkinsfile"]?.stringValue,
        let expected = expectedJenkinsJSON(jsonFile)
      else { continue }
      guard let actual = jenkinsJSON(forFile: groovy).json else { continue }
      modelled += 1
      if let difference = firstDifference(normalizedForComparison(actual), normalizedForComparison(expected)) {
        notes.append("  \(jsonFile): \(difference)")
      } else {
        equal += 1
      }
    }
    FileHandle.standardError.write(
      Data(("jenkins-json invalid companions: \(equal)/\(modelled) equal\n" + notes.joined(separator: "\n") + "\n").utf8))
    #expect(modelled > 0)
  }

  @Test func exclusionsNameCorpusFiles() {
    guard SharedCorpus.root != nil else { return }
    let files = Set(SharedCorpus.jsonManifest.compactMap { $0["file"]?.stringValue })
    for file in jenkinsJSONExclusions.keys { #expect(files.contains(file), "\(file) is not in json-manifest.jsonl") }
  }

  // MARK: Focused cases

  /// Carson's JSON for an inline Jenkinsfile, which must lint without errors.
  func document(_ text: String) throws -> JSONValue {
    let result = Linter.check(SourceFile(path: "Jenkinsfile", text: text))
    let errors = result.diagnostics.filter { $0.severity == .error }.map(\.message)
    #expect(errors.isEmpty, "\(errors)")
    let pipeline = try #require(result.pipeline)
    return JenkinsJSON.document(for: pipeline)
  }

  /// The steps of the first stage of a pipeline whose only stage has `body` as its steps.
  func steps(_ body: String) throws -> [JSONValue] {
    let json = try document("pipeline {\n  agent any\n  stages {\n    stage('s') {\n      steps {\n\(body)\n      }\n    }\n  }\n}\n")
    return try #require(json["pipeline"]?["stages"]?[0]?["branches"]?[0]?["steps"]?.arrayValue)
  }

  func raw(_ isLiteral: Bool, _ value: JSONValue) -> JSONValue {
    .object([("isLiteral", .bool(isLiteral)), ("value", value)])
  }

  func named(_ key: String, _ value: JSONValue) -> JSONValue {
    .object([("key", .string(key)), ("value", value)])
  }

  func parse(_ text: String) throws -> JSONValue { try JSONValue.parse(text) }

  @Test func literalsAndGStrings() throws {
    let s = try steps(
      """
      echo 'single'
      echo "double"
      echo "FOO is $FOO"
      echo "${env.A} and ${B}"
      echo env.BRANCH_NAME
      echo('[' + acmeVar.baz() + ']')
      echo '''multi
      line'''
      sleep 10
      rhombus(size: 1.5, negative: -2, on: true)
      milestone null
      writeFile file: 'a.txt', text: "${X}", encoding: 'UTF-8'
      """)
    #expect(s[0]["arguments"] == .array([named("message", raw(true, .string("single")))]))
    #expect(s[1]["arguments"] == .array([named("message", raw(true, .string("double")))]))
    #expect(s[2]["arguments"] == .array([named("message", raw(false, .string("\"FOO is $FOO\"")))]))
    #expect(s[3]["arguments"]?[0]?["value"] == raw(false, .string("\"${env.A} and ${B}\"")))
    #expect(s[4]["arguments"]?[0]?["value"] == raw(false, .string("${env.BRANCH_NAME}")))
    #expect(s[5]["arguments"]?[0]?["value"] == raw(false, .string("${'['+acmeVar.baz()+']'}")))
    #expect(s[6]["arguments"]?[0]?["value"] == raw(true, .string("multi\nline")))
    #expect(s[7]["arguments"] == .array([named("time", raw(true, .integer(10)))]))
    #expect(s[8]["arguments"] == .array([named("size", raw(true, .double(1.5))), named("negative", raw(true, .integer(-2))), named("on", raw(true, .bool(true)))]))
    #expect(s[9]["arguments"] == .array([named("ordinal", raw(true, .null))]))
    #expect(s[10]["arguments"]?[1] == named("text", raw(false, .string("\"${X}\""))))
  }

  @Test func singleUnnamedArgumentOfKnownAndUnknownSteps() throws {
    let s = try steps(
      """
      sh 'make'
      rhombus(123)
      rhombus 1, 2
      dir('sub') {
        echo 'in sub'
      }
      retry(3) {
        sh 'flaky'
      }
      myLibraryStep()
      """)
    // Known step without a block: stored under its sole required parameter.
    #expect(s[0] == (try parse(#"{"name":"sh","arguments":[{"key":"script","value":{"isLiteral":true,"value":"make"}}]}"#)))
    // Unknown step: the single argument stays bare; several are a positional list.
    #expect(s[1] == (try parse(#"{"name":"rhombus","arguments":{"isLiteral":true,"value":123}}"#)))
    #expect(s[2]["arguments"] == (try parse(#"[{"isLiteral":true,"value":1},{"isLiteral":true,"value":2}]"#)))
    // Block steps keep their argument as written and list their steps as children.
    #expect(
      s[3]
        == (try parse(
          #"{"name":"dir","arguments":{"isLiteral":true,"value":"sub"},"children":[{"name":"echo","arguments":[{"key":"message","value":{"isLiteral":true,"value":"in sub"}}]}]}"#
        )))
    #expect(s[4]["arguments"] == raw(true, .integer(3)))
    #expect(s[4]["children"]?[0]?["name"] == .string("sh"))
    #expect(s[5] == (try parse(#"{"name":"myLibraryStep","arguments":[]}"#)))
  }

  @Test func scriptBlockText() throws {
    // From the first statement to the end of the last; inner lines keep their indentation.
    let s = try steps(
      "script {\n    def x = 'a' // comment\n    if (x) {\n        echo \"x is ${x}\"\n    }\n}\nscript { echo 'one line' }\n"
        + "script {\n    // Jenkins starts at the first statement\n    /* and ends\n at the last */ echo 'a'; echo 'b' // trailing\n    // after\n}")
    let text = "def x = 'a' // comment\n    if (x) {\n        echo \"x is ${x}\"\n    }"
    #expect(s[0] == .object([("name", .string("script")), ("arguments", .array([named("scriptBlock", raw(true, .string(text)))]))]))
    #expect(s[1]["arguments"]?[0]?["value"] == raw(true, .string("echo 'one line'")))
    #expect(s[2]["arguments"]?[0]?["value"] == raw(true, .string("echo 'a'; echo 'b'")))
  }

  @Test func agentForms() throws {
    func agent(_ text: String) throws -> JSONValue? {
      try document("pipeline {\n  agent \(text)\n  stages { stage('s') { steps { echo 'x' } } }\n}\n")["pipeline"]?["agent"]
    }
    #expect(try agent("any") == (try parse(#"{"type":"any"}"#)))
    #expect(try agent("none") == (try parse(#"{"type":"none"}"#)))
    #expect(try agent("{ label 'linux' }") == (try parse(#"{"type":"label","argument":{"isLiteral":true,"value":"linux"}}"#)))
    #expect(try agent("{ label '' }") == (try parse(#"{"type":"any"}"#)))
    #expect(try agent("{ node { label '' } }") == (try parse(#"{"type":"any"}"#)))
    #expect(try agent("{ docker 'maven:3' }") == (try parse(#"{"type":"docker","argument":{"isLiteral":true,"value":"maven:3"}}"#)))
    #expect(
      try agent("{ label {\n label 'linux'\n customWorkspace \"ws-${BUILD_ID}\"\n } }")
        == (try parse(
          #"{"type":"node","arguments":[{"key":"label","value":{"isLiteral":true,"value":"linux"}},{"key":"customWorkspace","value":{"isLiteral":false,"value":"\"ws-${BUILD_ID}\""}}]}"#
        )))
    #expect(
      try agent("{ docker {\n image 'node:20'\n args '-v /tmp:/tmp'\n reuseNode true\n } }")
        == (try parse(
          #"{"type":"docker","arguments":[{"key":"image","value":{"isLiteral":true,"value":"node:20"}},{"key":"args","value":{"isLiteral":true,"value":"-v /tmp:/tmp"}},{"key":"reuseNode","value":{"isLiteral":true,"value":true}}]}"#
        )))
  }

  @Test func postEnvironmentOptionsAndOldStyleParallel() throws {
    let json = try document(
      """
      pipeline {
        agent none
        environment {
          CREDS = credentials('my-id')
          JOINED = 'a' + "${CREDS}" + 'c'
          PLAIN = 'x' + 'y'
        }
        options {
          buildDiscarder(logRotator(numToKeepStr: '5'))
          timeout(time: 1, unit: 'HOURS')
          retry(2)
        }
        triggers { cron('H * * * *') }
        stages {
          stage('p') {
            steps {
              parallel(one: {
                echo 'first'
              }, 'two words': {
                sh 'second'
              }, failFast: true)
            }
            post { failure { echo 'stage failed' } }
          }
        }
        post {
          always { echo 'done' }
          cleanup { deleteDir() }
        }
      }
      """)
    let p = try #require(json["pipeline"])
    #expect(
      p["environment"]
        == (try parse(
          #"[{"key":"CREDS","value":{"name":"credentials","arguments":[{"isLiteral":true,"value":"my-id"}]}},{"key":"JOINED","value":{"isLiteral":false,"value":"a${CREDS}c"}},{"key":"PLAIN","value":{"isLiteral":true,"value":"xy"}}]"#
        )))
    #expect(
      p["options"]
        == (try parse(
          #"{"options":[{"name":"buildDiscarder","arguments":[{"name":"logRotator","arguments":[{"key":"numToKeepStr","value":{"isLiteral":true,"value":"5"}}]}]},{"name":"timeout","arguments":[{"key":"time","value":{"isLiteral":true,"value":1}},{"key":"unit","value":{"isLiteral":true,"value":"HOURS"}}]},{"name":"retry","arguments":[{"isLiteral":true,"value":2}]}]}"#
        )))
    #expect(p["triggers"] == (try parse(#"{"triggers":[{"name":"cron","arguments":[{"isLiteral":true,"value":"H * * * *"}]}]}"#)))
    let stage = try #require(p["stages"]?[0])
    #expect(stage["branches"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["one", "two words"])
    #expect(stage["branches"]?[1]?["steps"]?[0]?["arguments"] == .array([named("script", raw(true, .string("second")))]))
    #expect(stage["failFast"] == .bool(true))
    #expect(stage["post"]?["conditions"]?[0]?["condition"] == .string("failure"))
    #expect(
      p["post"]
        == (try parse(
          #"{"conditions":[{"condition":"always","branch":{"name":"default","steps":[{"name":"echo","arguments":[{"key":"message","value":{"isLiteral":true,"value":"done"}}]}]}},{"condition":"cleanup","branch":{"name":"default","steps":[{"name":"deleteDir","arguments":[]}]}}]}"#
        )))
  }

  @Test func whenNesting() throws {
    let json = try document(
      """
      pipeline {
        agent none
        stages {
          stage('w') {
            when {
              beforeAgent true
              allOf {
                branch 'main'
                not { environment name: 'DEPLOY', value: 'no' }
                expression { return params.RUN }
              }
              changeRequest()
            }
            steps { echo 'x' }
          }
        }
      }
      """)
    let when = try #require(json["pipeline"]?["stages"]?[0]?["when"])
    #expect(
      when
        == (try parse(
          #"""
          {"conditions":[
            {"name":"allOf","children":[
              {"name":"branch","arguments":{"isLiteral":true,"value":"main"}},
              {"name":"not","children":[{"name":"environment","arguments":[{"key":"name","value":{"isLiteral":true,"value":"DEPLOY"}},{"key":"value","value":{"isLiteral":true,"value":"no"}}]}]},
              {"name":"expression","arguments":[{"key":"scriptBlock","value":{"isLiteral":true,"value":"return params.RUN"}}]}
            ]},
            {"name":"changeRequest","arguments":[]}
          ],"beforeAgent":true}
          """#)))
  }

  @Test func matrix() throws {
    let json = try document(
      """
      pipeline {
        agent none
        stages {
          stage('m') {
            failFast true
            matrix {
              agent { label "${PLATFORM}" }
              axes {
                axis {
                  name 'PLATFORM'
                  values 'linux', 'windows'
                }
                axis {
                  name 'JDK'
                  values '11', '17'
                }
              }
              excludes {
                exclude {
                  axis {
                    name 'PLATFORM'
                    notValues 'linux'
                  }
                  axis {
                    name 'JDK'
                    values '11'
                  }
                }
              }
              stages {
                stage('build') { steps { echo "${PLATFORM}/${JDK}" } }
              }
            }
          }
        }
      }
      """)
    let stage = try #require(json["pipeline"]?["stages"]?[0])
    #expect(stage["failFast"] == .bool(true))
    let matrix = try #require(stage["matrix"])
    #expect(matrix["agent"] == (try parse(#"{"type":"label","argument":{"isLiteral":false,"value":"\"${PLATFORM}\""}}"#)))
    #expect(
      matrix["axes"]
        == (try parse(
          #"[{"name":"PLATFORM","values":[{"isLiteral":true,"value":"linux"},{"isLiteral":true,"value":"windows"}]},{"name":"JDK","values":[{"isLiteral":true,"value":"11"},{"isLiteral":true,"value":"17"}]}]"#
        )))
    #expect(
      matrix["excludes"]
        == (try parse(
          #"[[{"name":"PLATFORM","values":[{"isLiteral":true,"value":"linux"}],"inverse":true},{"name":"JDK","values":[{"isLiteral":true,"value":"11"}]}]]"#
        )))
    #expect(matrix["stages"]?[0]?["name"] == .string("build"))
  }

  @Test func inputToolsAndLibraries() throws {
    let json = try document(
      """
      pipeline {
        agent any
        libraries { lib('shared@main') }
        tools { maven 'apache-maven-3.0.1' }
        stages {
          stage('i') {
            input {
              message 'Deploy?'
              ok 'Yes'
              submitter 'admin'
              parameters { string(name: 'WHO', defaultValue: 'me') }
            }
            steps { echo "${WHO}" }
          }
        }
      }
      """)
    let p = try #require(json["pipeline"])
    #expect(p["libraries"] == (try parse(#"{"libraries":[{"isLiteral":true,"value":"shared@main"}]}"#)))
    #expect(p["tools"] == (try parse(#"[{"key":"maven","value":{"isLiteral":true,"value":"apache-maven-3.0.1"}}]"#)))
    #expect(
      p["stages"]?[0]?["input"]
        == (try parse(
          #"{"message":{"isLiteral":true,"value":"Deploy?"},"ok":{"isLiteral":true,"value":"Yes"},"submitter":{"isLiteral":true,"value":"admin"},"parameters":{"parameters":[{"name":"string","arguments":[{"key":"name","value":{"isLiteral":true,"value":"WHO"}},{"key":"defaultValue","value":{"isLiteral":true,"value":"me"}}]}]}}"#
        )))
  }
}
