import CarsonModel
import CarsonSyntax
import Testing

// One or more tests per diagnostic of the declarative layer (`pipeline-*`, `validate-*`,
// `lint-unknown-step`): each asserts the id, the exact message (Jenkins' text, with its
// MessageFormat quirks) and the exact range, and checks that a corrected snippet is clean.
// The rules are grouped by directive in `ValidatorRuleTests+*.swift`.

/// A diagnostic as these tests compare it: id, message and 1-based line/column range.
struct RuleDiagnostic: Equatable, CustomStringConvertible {
  struct Location: Equatable {
    var line: Int
    var column: Int
  }

  var id: DiagnosticID
  var message: String
  var start: Location
  var end: Location

  init(_ id: DiagnosticID, _ message: String, _ start: (Int, Int), _ end: (Int, Int)) {
    self.id = id
    self.message = message
    self.start = Location(line: start.0, column: start.1)
    self.end = Location(line: end.0, column: end.1)
  }

  var description: String {
    "\(id.rawValue) \(start.line):\(start.column)-\(end.line):\(end.column) \(message)"
  }
}

/// Lints `text` and returns every diagnostic (all severities) in source order.
func ruleDiagnostics(_ text: String, strict: Bool = false, installedTools: [String: [String]]? = nil) -> [RuleDiagnostic] {
  let result = ruleLint(text, strict: strict, installedTools: installedTools)
  return result.diagnostics.map { diagnostic in
    let start = result.source.location(of: diagnostic.range.start)
    let end = result.source.location(of: diagnostic.range.end)
    return RuleDiagnostic(diagnostic.id, diagnostic.message, (start.line, start.column), (end.line, end.column))
  }
}

func ruleLint(_ text: String, strict: Bool = false, installedTools: [String: [String]]? = nil) -> LintResult {
  Linter.check(
    SourceFile(path: "Jenkinsfile", text: text),
    options: ValidationOptions(strict: strict, installedTools: installedTools))
}

/// Jenkins' build conditions, in the order its messages list them.
let postConditionList = "[always, changed, fixed, regression, aborted, success, unsuccessful, unstable, failure, notBuilt, cleanup]"
/// The agent types Carson knows, as its messages list them.
let agentTypeList = "[any, docker, dockerfile, kubernetes, label, none]"

@Suite struct ValidatorRuleTests {
  // MARK: What kind of file

  @Test func scriptedPipelineIsANoteOnItsFirstLine() throws {
    let text = """
      node {
        echo 'hi'
      }
      """
    let result = ruleLint(text)
    #expect(result.kind == .scripted)
    #expect(result.pipeline == nil)
    #expect(
      ruleDiagnostics(text) == [
        RuleDiagnostic(
          .scriptedPipeline,
          "Not a Declarative Pipeline: this is a Scripted Pipeline (top-level 'node'). Carson checks its Groovy syntax only; 'carson run' executes Declarative Pipelines.",
          (1, 1), (1, 7))
      ])
    #expect(try #require(result.diagnostics.first).severity == .note)
    #expect(!result.hasErrors)
  }

  @Test func groovyWithoutPipelineBlockIsANoteOnItsFirstStatement() {
    let text = """
      import foo.Bar
      def helper() { return 1 }
      """
    #expect(ruleLint(text).kind == .scripted)
    #expect(
      ruleDiagnostics(text) == [
        RuleDiagnostic(
          .scriptedPipeline,
          "Not a Declarative Pipeline: this is Groovy without a top-level 'pipeline { … }' block. Carson checks its Groovy syntax only; 'carson run' executes Declarative Pipelines.",
          (2, 1), (2, 26))
      ])
  }

  @Test func fileWithOnlyCommentsDidNotContainThePipelineStep() {
    for text in ["// only a comment\n", ""] {
      let result = ruleLint(text)
      #expect(result.kind == .unknown)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.notDeclarative, "Jenkinsfile content did not contain the 'pipeline' step", (1, 1), (1, 1))
        ])
      #expect(result.hasErrors)
    }
    #expect(ruleLint("pipeline { agent any; stages { stage('a') { steps { echo 'x' } } } }").kind == .declarative)
  }

  @Test func pipelineInsideAnotherBlockIsReportedAtTheNestedKeyword() {
    let text = """
      node {
        pipeline {
          agent any
        }
      }
      """
    #expect(
      ruleDiagnostics(text) == [
        RuleDiagnostic(
          .scriptedPipeline,
          "Not a Declarative Pipeline: this is a Scripted Pipeline (top-level 'node'). Carson checks its Groovy syntax only; 'carson run' executes Declarative Pipelines.",
          (1, 1), (1, 7)),
        RuleDiagnostic(.pipelineNotAtTop, "pipeline block must be at the top-level, not within another block.", (2, 3), (2, 11)),
      ])
  }

  @Test func pipelineCallWithoutBlockIsReportedAtTheKeyword() {
    let diagnostics = ruleDiagnostics("pipeline()\n")
    #expect(
      diagnostics.first == RuleDiagnostic(.pipelineWithoutBlock, "Expected a block with the \"pipeline\" step", (1, 1), (1, 9)))
    #expect(diagnostics.filter { $0.id != .scriptedPipeline }.count == 1)
    #expect(ruleDiagnostics("pipeline { agent any; stages { stage('a') { steps { echo 'x' } } } }\n") == [])
  }

  @Test func secondPipelineBlockIsAWarningAtItsKeyword() throws {
    let text = """
      pipeline { agent any; stages { stage('a') { steps { echo 'x' } } } }
      pipeline { agent any; stages { stage('a') { steps { echo 'x' } } } }
      """
    #expect(
      ruleDiagnostics(text) == [
        RuleDiagnostic(.multiplePipelines, "Only one pipeline { ... } block can be executed in a single run.", (2, 1), (2, 9))
      ])
    let result = ruleLint(text)
    #expect(try #require(result.diagnostics.first).severity == .warning)
    #expect(result.kind == .declarative)
  }

  @Test func grabAnnotationIsRejectedAsTheSandboxWould() {
    let text = """
      @Grab('org.foo:bar:1.0')
      import org.foo.Bar
      pipeline { agent any; stages { stage('a') { steps { echo 'x' } } } }
      """
    #expect(
      ruleDiagnostics(text) == [
        RuleDiagnostic(.blockedAnnotation, "Annotation Grab cannot be used in the sandbox.", (1, 1), (1, 25))
      ])
    let fixed = """
      import org.foo.Bar
      pipeline { agent any; stages { stage('a') { steps { echo 'x' } } } }
      """
    #expect(ruleDiagnostics(fixed) == [])
  }

  // MARK: The pipeline block

  @Test func missingAgentAndStagesAreReportedAtThePipelineKeyword() {
    let text = """
      pipeline {
        environment { FOO = 'x' }
      }
      """
    #expect(
      ruleDiagnostics(text) == [
        RuleDiagnostic(.missingRequiredSection, "Missing required section \"agent\"", (1, 1), (1, 9)),
        RuleDiagnostic(.missingRequiredSection, "Missing required section \"stages\"", (1, 1), (1, 9)),
      ])
    let fixed = """
      pipeline {
        agent any
        environment { FOO = 'x' }
        stages { stage('a') { steps { echo 'x' } } }
      }
      """
    #expect(ruleDiagnostics(fixed) == [])
  }

  @Test func unknownTopLevelSectionIsUndefinedAtItsName() {
    let text = """
      pipeline {
        agent any
        node { }
        matrix { }
        stages { stage('a') { steps { echo 'x' } } }
      }
      """
    #expect(
      ruleDiagnostics(text) == [
        RuleDiagnostic(.undefinedSection, "Undefined section \"node\"", (3, 3), (3, 7)),
        RuleDiagnostic(.undefinedSection, "Undefined section \"matrix\"", (4, 3), (4, 9)),
      ])
  }

  @Test func renamedAndRemovedSectionsUseJenkinsCurlyQuotes() {
    let text = """
      pipeline {
        agent any
        properties { }
        jobProperties { }
        notifications { }
        postBuild { }
        wrappers { }
        stages { stage('a') { steps { echo 'x' } } }
      }
      """
    #expect(
      ruleDiagnostics(text) == [
        RuleDiagnostic(.removedSection, "The ‘properties’ section has been renamed as of version 0.8. Use ‘options’ instead.", (3, 3), (3, 13)),
        RuleDiagnostic(.removedSection, "The ‘jobProperties’ section has been renamed as of version 0.7. Use ‘properties’ instead.", (4, 3), (4, 16)),
        RuleDiagnostic(.removedSection, "The ‘notifications’ section has been removed as of version 0.6. Use ‘post’ for all post-build actions.", (5, 3), (5, 16)),
        RuleDiagnostic(.removedSection, "The ‘postBuild’ section has been renamed as of version 0.6. Use ‘post’ for all post-build actions.", (6, 3), (6, 12)),
        // Jenkins hard-codes this one with straight quotes.
        RuleDiagnostic(.removedSection, "The 'wrappers' section has been removed as of version 0.8. Use 'options' instead.", (7, 3), (7, 11)),
      ])
    let fixed = """
      pipeline {
        agent any
        options { timestamps() }
        post { always { echo 'done' } }
        stages { stage('a') { steps { echo 'x' } } }
      }
      """
    #expect(ruleDiagnostics(fixed) == [])
  }

  @Test func repeatedSectionIsReportedAtItsSecondName() {
    let text = """
      pipeline {
        agent any
        stages { stage('a') { steps { echo 'x' } } }
        agent none
      }
      """
    #expect(
      ruleDiagnostics(text) == [
        RuleDiagnostic(.duplicateSection, "Multiple occurrences of the agent section", (4, 3), (4, 8))
      ])
  }

  @Test func repeatedStageSectionIsReportedAtItsSecondName() {
    let text = """
      pipeline {
        agent any
        stages {
          stage('a') {
            steps { echo 'x' }
            steps { echo 'y' }
          }
        }
      }
      """
    #expect(
      ruleDiagnostics(text) == [
        RuleDiagnostic(.duplicateSection, "Multiple occurrences of the steps section", (6, 7), (6, 12))
      ])
  }

  @Test func statementThatIsNotASectionIsAnInvalidSectionDefinition() {
    let text = """
      pipeline {
        agent
        def x = 1
        stages { stage('a') { steps { echo 'x' } } }
      }
      """
    // A bare `agent` still counts as written: no "Missing required section" on top.
    #expect(
      ruleDiagnostics(text) == [
        RuleDiagnostic(.invalidSectionDefinition, "Not a valid section definition: \"agent\". Some extra configuration is required.", (2, 3), (2, 8)),
        RuleDiagnostic(.invalidSectionDefinition, "Not a valid section definition: \"def x = 1\". Some extra configuration is required.", (3, 3), (3, 12)),
      ])
  }

  @Test func bareSectionNameInAStageIsAnInvalidStageSectionDefinition() {
    let text = """
      pipeline {
        agent none
        stages {
          stage('foo') {
            agent
            steps { echo 'x' }
          }
        }
      }
      """
    #expect(
      ruleDiagnostics(text) == [
        RuleDiagnostic(.invalidSectionDefinition, "Not a valid stage section definition: \"agent\". Some extra configuration is required.", (5, 7), (5, 12))
      ])
    let fixed = """
      pipeline {
        agent none
        stages {
          stage('foo') {
            agent any
            steps { echo 'x' }
          }
        }
      }
      """
    #expect(ruleDiagnostics(fixed) == [])
  }

  @Test func sectionsWrittenWithoutBlockExpectABlockAtTheirName() {
    let text = """
      pipeline {
        agent any
        stages 'x'
        options 'a'
        triggers()
        parameters 'b'
        tools x: 1
        libraries 'c'
        environment 'd'
        post 'x'
      }
      """
    #expect(
      ruleDiagnostics(text) == [
        RuleDiagnostic(.expectedBlock, "Expected a block for stages", (3, 3), (3, 9)),
        RuleDiagnostic(.expectedBlock, "Expected a block for options", (4, 3), (4, 10)),
        RuleDiagnostic(.expectedBlock, "Expected a block for triggers", (5, 3), (5, 11)),
        RuleDiagnostic(.expectedBlock, "Expected a block for parameters", (6, 3), (6, 13)),
        RuleDiagnostic(.expectedBlock, "Expected a block for tools", (7, 3), (7, 8)),
        RuleDiagnostic(.expectedBlock, "Expected a block for libraries", (8, 3), (8, 12)),
        RuleDiagnostic(.expectedBlock, "Expected a block for environment", (9, 3), (9, 14)),
        // Jenkins' post message has no "for".
        RuleDiagnostic(.expectedBlock, "Expected a block", (10, 3), (10, 7)),
      ])
  }

  // MARK: All errors in one pass

  @Test func everyIndependentErrorOfAFileIsReportedInOnePass() {
    let text = """
      pipeline {
        agent { banana 'x' }
        environment { }
        options { skipDefaultCheckout(); skipDefaultCheckout() }
        stages {
          stage('a') { steps { sleep(tme: 1) } }
          stage('a') { steps { echo 'x' } }
        }
        post { sometimes { echo 'x' } }
      }
      """
    #expect(
      ruleDiagnostics(text) == [
        RuleDiagnostic(.invalidAgentType, "Invalid agent type \"banana\" specified. Must be one of \(agentTypeList)", (2, 11), (2, 17)),
        RuleDiagnostic(.noEnvironmentVariables, "No variables specified for environment", (3, 3), (3, 18)),
        RuleDiagnostic(.duplicateOption, "Duplicate option name: \"skipDefaultCheckout\"", (4, 36), (4, 55)),
        RuleDiagnostic(.missingRequiredParameter, "Missing required parameter: \"time\"", (6, 26), (6, 31)),
        RuleDiagnostic(.invalidParameterName, "Invalid parameter \"tme\", did you mean \"time\"?", (6, 32), (6, 35)),
        RuleDiagnostic(.duplicateStageName, "Duplicate stage name: \"a\"", (7, 5), (7, 15)),
        RuleDiagnostic(.invalidCondition, "Invalid condition \"sometimes\" - valid conditions are \(postConditionList)", (9, 10), (9, 19)),
      ])
    let fixed = """
      pipeline {
        agent { label 'x' }
        environment { A = 'b' }
        options { skipDefaultCheckout() }
        stages {
          stage('a') { steps { sleep(time: 1) } }
          stage('b') { steps { echo 'x' } }
        }
        post { always { echo 'x' } }
      }
      """
    #expect(ruleDiagnostics(fixed) == [])
  }

  @Test func diagnosticsComeOutInSourceOrderWhateverPassFoundThem() {
    // Reader errors (expected a stage) and validator errors (empty environment) interleave.
    let text = """
      pipeline {
        agent any
        environment { }
        stages {
          echo 'x'
          stage('a') { steps { } }
        }
      }
      """
    #expect(
      ruleDiagnostics(text) == [
        RuleDiagnostic(.noEnvironmentVariables, "No variables specified for environment", (3, 3), (3, 18)),
        RuleDiagnostic(.expectedStage, "Expected a stage", (5, 5), (5, 13)),
        RuleDiagnostic(.noSteps, "No steps specified for branch", (6, 18), (6, 27)),
      ])
  }

  @Test func rangesCountCharactersNotBytesAndAcceptCRLF() {
    let text = "pipeline {\r\n  agent any\r\n  stages {\r\n    stage('Bäume') { steps { echo 'x' } }\r\n    stage('Bäume') { steps { echo 'ü' } }\r\n  }\r\n}\r\n"
    #expect(
      ruleDiagnostics(text) == [
        RuleDiagnostic(.duplicateStageName, "Duplicate stage name: \"Bäume\"", (5, 5), (5, 19))
      ])
  }
}
