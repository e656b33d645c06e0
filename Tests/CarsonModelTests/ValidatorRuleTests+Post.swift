import CarsonModel
import CarsonSyntax
import Testing

// input (stage directive) and post.

extension ValidatorRuleTests {
  @Suite struct Input {
    /// A pipeline whose stage `a` has `input { … }` holding `fields` (one per line, from line 6).
    func pipeline(input fields: String) -> String {
      """
      pipeline {
        agent any
        stages {
          stage('a') {
            input {
      \(fields)
            }
            steps { echo 'x' }
          }
        }
      }
      """
    }

    @Test func inputWithoutMessageIsReportedOverTheDirective() {
      let text = pipeline(input: "        id 'x'")
      #expect(ruleDiagnostics(text) == [RuleDiagnostic(.missingInputMessage, "No message specified for input", (5, 7), (7, 8))])
      #expect(ruleDiagnostics(pipeline(input: "        message 'Deploy?'\n        id 'x'\n        ok 'Yes'\n        submitter 'admin'")) == [])
    }

    @Test func unknownInputFieldIsReportedAtItsName() {
      let text = pipeline(input: "        message 'Go?'\n        banana 'x'")
      #expect(ruleDiagnostics(text) == [RuleDiagnostic(.invalidInputField, "Not a valid field for input: \"banana\"", (7, 9), (7, 15))])
      #expect(ruleDiagnostics(pipeline(input: "        message 'Go?'\n        submitterParameter 'who'")) == [])
    }

    @Test func fieldNeedsExactlyOneArgument() {
      let text = pipeline(input: "        message 'Go?'\n        ok()\n        id 'a', 'b'\n        submitter 'x' { }")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.noArgumentForField, "No argument for field \"ok\"", (7, 9), (7, 11)),
          RuleDiagnostic(.tooManyArguments, "Too many arguments for field \"id\"", (8, 9), (8, 11)),
          RuleDiagnostic(.tooManyArguments, "Too many arguments for field \"submitter\"", (9, 9), (9, 18)),
        ])
      #expect(ruleDiagnostics(pipeline(input: "        message 'Go?'\n        ok 'Yes'\n        id 'a'\n        submitter 'x'")) == [])
    }

    @Test func repeatedFieldAndNonFieldStatementAreReported() {
      let text = pipeline(input: "        message 'Go?'\n        message 'Again?'\n        def x = 1")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.duplicateSection, "Multiple occurrences of the message section", (7, 9), (7, 16)),
          RuleDiagnostic(.invalidSectionDefinition, "Not a valid section definition: \"def x = 1\". Some extra configuration is required.", (8, 9), (8, 18)),
        ])
      #expect(ruleDiagnostics(pipeline(input: "        message 'Go?'")) == [])
    }

    @Test func inputParametersAreValidatedAsBuildParameters() throws {
      let text = pipeline(input: "        message 'Go?'\n        parameters { string(name: 'A'); bananaParam() }")
      let diagnostics = ruleDiagnostics(text)
      #expect(diagnostics.count == 1)
      let found = try #require(diagnostics.first)
      #expect(found.id == .invalidSectionType)
      #expect(found.message.hasPrefix("Invalid parameter type \"bananaParam\". Valid parameter types: ["))
      #expect(found.start == .init(line: 7, column: 41))
      #expect(found.end == .init(line: 7, column: 52))
      #expect(ruleDiagnostics(pipeline(input: "        message 'Go?'\n        parameters { string(name: 'A'); booleanParam(name: 'B') }")) == [])
    }

    @Test func inputWithoutBlockExpectsABlock() {
      let text = """
        pipeline {
          agent any
          stages {
            stage('a') {
              input 'Go?'
              steps { echo 'x' }
            }
          }
        }
        """
      #expect(ruleDiagnostics(text) == [RuleDiagnostic(.expectedBlock, "Expected a block for input", (5, 7), (5, 12))])
      #expect(ruleDiagnostics(pipeline(input: "        message 'Go?'")) == [])
    }
  }

  @Suite struct Post {
    @Test func emptyPostIsReportedAtPipelineAndStageLevel() {
      let text = """
        pipeline {
          agent any
          stages {
            stage('a') {
              steps { echo 'x' }
              post { }
            }
          }
          post {
          }
        }
        """
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.emptySection, "post can not be empty", (6, 7), (6, 15)),
          RuleDiagnostic(.emptySection, "post can not be empty", (9, 3), (10, 4)),
        ])
      let fixed = """
        pipeline {
          agent any
          stages { stage('a') { steps { echo 'x' } } }
          post {
            always { echo 'x' }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func unknownConditionListsConditionsInJenkinsOrder() {
      let text = """
        pipeline {
          agent any
          stages { stage('a') { steps { echo 'x' } } }
          post {
            always { echo 'x' }
            banana { echo 'x' }
          }
        }
        """
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.invalidCondition, "Invalid condition \"banana\" - valid conditions are \(postConditionList)", (6, 5), (6, 11))
        ])
      let fixed = """
        pipeline {
          agent any
          stages { stage('a') { steps { echo 'x' } } }
          post {
            always { echo 'x' }
            unsuccessful { echo 'x' }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func repeatedConditionIsReportedAtTheRepeat() {
      let text = """
        pipeline {
          agent any
          stages { stage('a') { steps { echo 'x' } } }
          post {
            always { echo 'x' }
            failure { echo 'y' }
            always { echo 'z' }
          }
        }
        """
      #expect(ruleDiagnostics(text) == [RuleDiagnostic(.duplicateBuildCondition, "Duplicate build condition name: \"always\"", (7, 5), (7, 11))])
      let fixed = """
        pipeline {
          agent any
          stages { stage('a') { steps { echo 'x' } } }
          post {
            always { echo 'x' }
            failure { echo 'y' }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func conditionsMayBeWrittenInAnyOrder() {
      let text = """
        pipeline {
          agent any
          stages { stage('a') { steps { echo 'x' } } }
          post {
            cleanup { echo 'c' }
            failure { echo 'f' }
            always { echo 'a' }
            success { echo 's' }
            unsuccessful { echo 'u' }
            notBuilt { echo 'n' }
            changed { echo 'ch' }
            fixed { echo 'fx' }
            regression { echo 'r' }
            aborted { echo 'ab' }
            unstable { echo 'un' }
          }
        }
        """
      #expect(ruleDiagnostics(text) == [])
    }

    @Test func postEntryThatIsNotAConditionWithBlockUsesCurlyQuotes() {
      let text = """
        pipeline {
          agent any
          stages { stage('a') { steps { echo 'x' } } }
          post {
            always { echo 'x' }
            success
            echo 'x'
            failure('x') { echo 'x' }
          }
        }
        """
      let message =
        "The ‘post’ section can only contain build condition names with code blocks. Valid condition names are \(postConditionList)"
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.invalidBuildCondition, message, (6, 5), (6, 12)),
          RuleDiagnostic(.invalidBuildCondition, message, (7, 5), (7, 13)),
          RuleDiagnostic(.invalidBuildCondition, message, (8, 5), (8, 30)),
        ])
      let fixed = """
        pipeline {
          agent any
          stages { stage('a') { steps { echo 'x' } } }
          post {
            always { echo 'x' }
            success { echo 'x' }
            failure { echo 'x' }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func postWithOnlyInvalidEntriesIsAlsoEmpty() {
      let text = """
        pipeline {
          agent any
          stages { stage('a') { steps { echo 'x' } } }
          post { echo 'x' }
        }
        """
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.emptySection, "post can not be empty", (4, 3), (4, 20)),
          RuleDiagnostic(
            .invalidBuildCondition,
            "The ‘post’ section can only contain build condition names with code blocks. Valid condition names are \(postConditionList)",
            (4, 10), (4, 18)),
        ])
      let fixed = """
        pipeline {
          agent any
          stages { stage('a') { steps { echo 'x' } } }
          post {
            always { echo 'x' }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func conditionBlockIsABranchOfSteps() {
      let text = """
        pipeline {
          agent any
          stages { stage('a') { steps { echo 'x' } } }
          post {
            cleanup { }
            always { def x = 1; echo 'x' }
          }
        }
        """
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.noSteps, "No steps specified for branch", (5, 5), (5, 16)),
          RuleDiagnostic(.expectedStep, "Expected a step", (6, 14), (6, 23)),
        ])
      let fixed = """
        pipeline {
          agent any
          stages { stage('a') { steps { echo 'x' } } }
          post {
            cleanup { deleteDir() }
            always { script { def x = 1 }; echo 'x' }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }
  }
}
