import CarsonModel
import CarsonSyntax
import Testing

@testable import CarsonLSP

let samplePipeline = """
  pipeline {
    agent { docker { image 'maven:3' } }
    options { timeout(time: 1, unit: 'HOURS') }
    stages {
      stage('Build') {
        steps {
          sh script: 'make', returnStatus: true
        }
      }
      stage('Tests') {
        parallel {
          stage('Unit') { steps { echo 'u' } }
          stage('UI') { steps { echo 'i' } }
        }
      }
      stage('Matrix') {
        matrix {
          axes { axis { name 'OS'; values 'linux', 'mac' } }
          stages { stage('Cell') { steps { echo "${OS}" } } }
        }
      }
      stage('Deploy') {
        when { branch 'main' }
        steps { echo 'deploy' }
      }
    }
    post { always { echo 'done' } }
  }

  """

@Suite struct DocumentSymbolTests {
  @Test func pipelineStagesParallelAndMatrix() throws {
    let harness = ServerHarness()
    harness.open("file:///p", samplePipeline)
    let symbols = harness.result("textDocument/documentSymbol", ServerHarness.document("file:///p"))
    let pipeline = try #require(symbols[0])
    #expect(pipeline["name"]?.stringValue == "pipeline")
    let children = pipeline["children"]?.arrayValue ?? []
    #expect(children.map { $0["name"]?.stringValue } == ["Build", "Tests", "Matrix", "Deploy", "post"])
    #expect(children[1]["detail"]?.stringValue == "parallel")
    #expect(children[1]["children"]?.arrayValue?.map { $0["name"]?.stringValue } == ["Unit", "UI"])
    let matrix = try #require(children[2]["children"]?[0])
    #expect(matrix["name"]?.stringValue == "matrix")
    #expect(matrix["detail"]?.stringValue == "axes: OS")
    #expect(matrix["children"]?.arrayValue?.map { $0["name"]?.stringValue } == ["Cell"])
    #expect(children[4]["children"]?[0]?["name"]?.stringValue == "always")
    // The Build stage's range is the stage, its selection range the name.
    let (line, character) = utf16Position(of: "stage('Build')", in: samplePipeline)
    #expect(children[0]["range"]?["start"] == ServerHarness.position(line, character))
    #expect(children[0]["selectionRange"]?["start"] == ServerHarness.position(line, character + 6))
  }

  @Test func scriptedFilesHaveNoSymbols() {
    let harness = ServerHarness()
    harness.open("file:///s", "node { echo 'x' }")
    #expect(harness.result("textDocument/documentSymbol", ServerHarness.document("file:///s")) == .array([]))
  }
}

@Suite struct HoverTests {
  func hover(_ text: String, on needle: String, offset: Int = 0) -> String? {
    let harness = ServerHarness()
    harness.open("file:///h", text)
    let (line, character) = utf16Position(of: needle, in: text)
    return harness.result("textDocument/hover", ServerHarness.at("file:///h", line, character + offset))["contents"]?["value"]?.stringValue
  }

  @Test func sectionsDirectivesAndConditions() {
    #expect(hover(samplePipeline, on: "stages {")?.hasPrefix("**stages** — section") == true)
    #expect(hover(samplePipeline, on: "parallel {")?.hasPrefix("**parallel** — section") == true)
    #expect(hover(samplePipeline, on: "docker {")?.hasPrefix("**docker** — agent type") == true)
    #expect(hover(samplePipeline, on: "image 'maven")?.hasPrefix("**image** — parameter of `docker`") == true)
    #expect(hover(samplePipeline, on: "timeout(")?.hasPrefix("**timeout** — option") == true)
    #expect(hover(samplePipeline, on: "branch 'main'")?.hasPrefix("**branch** — when condition") == true)
    #expect(hover(samplePipeline, on: "always {")?.hasPrefix("**always** — post condition") == true)
  }

  @Test func stepsAndTheirParameters() throws {
    let sh = try #require(hover(samplePipeline, on: "sh script", offset: 1))
    #expect(sh.hasPrefix("**sh** — step"))
    #expect(sh.contains("`script`"))
    #expect(hover(samplePipeline, on: "returnStatus")?.hasPrefix("**returnStatus** — parameter of `sh`") == true)
    #expect(hover(samplePipeline, on: "time: 1")?.hasPrefix("**time** — parameter of `timeout`") == true)
  }

  @Test func nothingForStringsAndUnknownNames() {
    #expect(hover(samplePipeline, on: "make'", offset: 1) == nil)
    #expect(hover("pipeline { agent any; stages { stage('a') { steps { myLibraryStep() } } } }", on: "myLibraryStep") == nil)
  }
}

@Suite struct CompletionTests {
  /// Labels offered at the `|` in `text`.
  func labels(_ marked: String) -> [String]? {
    let text = marked.replacingOccurrences(of: "|", with: "")
    let harness = ServerHarness()
    harness.open("file:///c", text)
    let (line, character) = utf16Position(of: "|", in: marked)
    let result = harness.result("textDocument/completion", ServerHarness.at("file:///c", line, character))
    return result["items"]?.arrayValue?.compactMap { $0["label"]?.stringValue }
  }

  @Test func sectionsInsidePipeline() throws {
    let items = try #require(labels("pipeline {\n  ag|\n}\n"))
    #expect(Set(items) == Set(Catalogue.standard.sections(in: .pipeline).map(\.name)))
    #expect(items.contains("agent") && items.contains("stages") && !items.contains("steps"))
  }

  @Test func directivesInsideStage() throws {
    let items = try #require(labels("pipeline {\n  stages {\n    stage('a') {\n      |\n    }\n  }\n}\n"))
    for name in ["steps", "when", "parallel", "matrix", "agent", "post", "input", "failFast"] { #expect(items.contains(name), "\(name)") }
    #expect(!items.contains("triggers"))
  }

  @Test func agentTypesAfterAgentAndInsideIt() {
    #expect(labels("pipeline {\n  agent d|\n}\n") == ["any", "none", "label", "node", "docker", "dockerfile", "kubernetes"])
    #expect(labels("pipeline {\n  agent {\n    |\n  }\n}\n")?.contains("dockerfile") == true)
    #expect(labels("pipeline {\n  agent { docker { im| } }\n}\n")?.contains("image") == true)
  }

  @Test func postConditionsInJenkinsOrder() {
    #expect(labels("pipeline {\n  post {\n    |\n  }\n}\n") == Post.conditionOrder)
  }

  @Test func whenConditions() throws {
    let items = try #require(labels("pipeline { stages { stage('a') { when { anyOf { |} } } } }"))
    #expect(items.contains("branch") && items.contains("expression") && items.contains("changeRequest"))
  }

  @Test func optionsAtPipelineAndStageLevel() throws {
    let pipeline = try #require(labels("pipeline {\n  options {\n    |\n  }\n}\n"))
    #expect(pipeline.contains("buildDiscarder") && pipeline.contains("timeout"))
    let stage = try #require(labels("pipeline { stages { stage('a') { options { | } } } }"))
    #expect(stage.contains("timeout") && !stage.contains("buildDiscarder"))
  }

  @Test func stepNamesInStepsPostAndBlockSteps() throws {
    for marked in [
      "pipeline { stages { stage('a') { steps { e| } } } }",
      "pipeline { post { failure { | } } }",
      "pipeline { stages { stage('a') { steps { dir('x') { | } } } } }",
    ] {
      let items = try #require(labels(marked), "\(marked)")
      #expect(items.contains("sh") && items.contains("echo"), "\(marked)")
    }
  }

  @Test func namedParametersOfSteps() {
    #expect(labels("pipeline { stages { stage('a') { steps { sh scr| } } } }")?.contains("returnStdout") == true)
    #expect(labels("pipeline { stages { stage('a') { steps { sh(script: 'x', |) } } } }")?.contains("returnStatus") == true)
    #expect(labels("pipeline { options { timeout(|) } }") == ["time", "activity", "unit"].filter { Catalogue.standard.steps["timeout"]?.parameter(named: $0) != nil })
  }

  @Test func nothingInsideStrings() {
    #expect(labels("pipeline { stages { stage('a|') {} } }") == nil)
    #expect(labels("pipeline { stages { stage('a') { steps { echo \"x | y\" } } } }") == nil)
  }

  @Test func parameterCompletionInsertsTheColon() throws {
    let harness = ServerHarness()
    harness.open("file:///c", "pipeline { stages { stage('a') { steps { sh scr } } } }")
    let result = harness.result("textDocument/completion", ServerHarness.at("file:///c", 0, 47))
    let script = try #require(result["items"]?.arrayValue?.first { $0["label"]?.stringValue == "script" })
    #expect(script["textEdit"]?["newText"]?.stringValue == "script: ")
    #expect(script["textEdit"]?["range"] == ServerHarness.range(0, 44, 0, 47))
  }
}

@Suite struct CodeActionAndFoldingTests {
  @Test func fixItsBecomeQuickFixes() throws {
    let text = "pipeline {\n  agent any\n  stages { stage('é') { steps { echo 'x' } } }\n  post { alwayz { echo 'y' } }\n}\n"
    let harness = ServerHarness()
    harness.open("file:///f", text)
    let (line, character) = utf16Position(of: "alwayz", in: text)
    let actions = harness.result(
      "textDocument/codeAction",
      .object([
        ("textDocument", .object([("uri", .string("file:///f"))])), ("range", ServerHarness.range(line, character, line, character)),
        ("context", .object([("diagnostics", .array([]))])),
      ]))
    let action = try #require(actions[0])
    #expect(action["title"]?.stringValue == "Replace 'alwayz' with 'always'")
    #expect(action["kind"]?.stringValue == "quickfix")
    let edit = try #require(action["edit"]?["changes"]?["file:///f"]?[0])
    #expect(edit["range"] == ServerHarness.range(line, character, line, character + 6))
    #expect(edit["newText"]?.stringValue == "always")
    // Elsewhere there is nothing to fix.
    let none = harness.result(
      "textDocument/codeAction",
      .object([("textDocument", .object([("uri", .string("file:///f"))])), ("range", ServerHarness.range(0, 0, 0, 3)), ("context", .object([]))]))
    #expect(none == .array([]))
  }

  /// Actions are offered for what the editor shows: the published diagnostics of the version
  /// (a check that is not `carson lint`'s makes that visible), not a check of its own.
  @Test func quickFixesComeFromThePublishedDiagnostics() throws {
    var configuration = LanguageServer.Configuration()
    configuration.check = { _ in
      [Diagnostic(.unknownStep, "published only", at: SourceRange(0, 8), fixIts: [Diagnostic.FixIt(title: "Rename", range: SourceRange(0, 8), replacement: "renamed")])]
    }
    let harness = ServerHarness(configuration: configuration)
    harness.open("file:///p", "pipeline { }\n")
    #expect(harness.diagnostics(uri: "file:///p", version: 1) != nil)
    let actions = harness.result(
      "textDocument/codeAction",
      .object([("textDocument", .object([("uri", .string("file:///p"))])), ("range", ServerHarness.range(0, 2, 0, 2)), ("context", .object([]))]))
    #expect(actions.arrayValue?.compactMap { $0["title"]?.stringValue } == ["Rename"])
  }

  @Test func foldingRangesForBlocks() {
    let harness = ServerHarness()
    harness.open("file:///f", samplePipeline)
    let ranges = harness.result("textDocument/foldingRange", ServerHarness.document("file:///f")).arrayValue ?? []
    let pairs = ranges.map { [$0["startLine"]?.intValue ?? -1, $0["endLine"]?.intValue ?? -1] }
    let lines = samplePipeline.split(separator: "\n", omittingEmptySubsequences: false).count
    #expect(pairs.first == [0, lines - 3])  // pipeline { … } without its closing line
    #expect(pairs.contains([3, 24]))  // stages
    #expect(pairs.contains([5, 6]))  // steps of Build
    #expect(!pairs.contains { $0[0] == 2 })  // one-line options block
  }
}

@Suite struct FormattingTests {
  @Test func oneWholeDocumentEditOrNone() {
    let source = SourceFile(path: "x", text: "pipeline {\nagent any\n}\n")
    let edits = Formatting.edits(source, formatted: "pipeline {\n  agent any\n}\n")
    #expect(edits[0]?["range"] == ServerHarness.range(0, 0, 3, 0))
    #expect(edits[0]?["newText"]?.stringValue == "pipeline {\n  agent any\n}\n")
    #expect(Formatting.edits(source, formatted: "pipeline {\nagent any\n}\n") == .array([]))
  }

  @Test func advertisedOnlyWithAFormatter() {
    let harness = ServerHarness(initialize: false)
    let capabilities = harness.result("initialize", .object([]))["capabilities"]
    #expect((capabilities?["documentFormattingProvider"] != nil) == (Formatting.formatter != nil))
  }
}
