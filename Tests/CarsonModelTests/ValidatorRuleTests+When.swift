import CarsonModel
import CarsonSyntax
import Testing

// when, input, post.

extension ValidatorRuleTests {
  @Suite struct When {
    /// A pipeline whose stage `a` has `when { … }` holding `conditions` (one per line, from line 6).
    func pipeline(when conditions: String) -> String {
      """
      pipeline {
        agent any
        stages {
          stage('a') {
            when {
      \(conditions)
            }
            steps { echo 'x' }
          }
        }
      }
      """
    }

    let conditionList =
      "allOf, anyOf, branch, buildingTag, changeRequest, changelog, changeset, environment, equals, expression, isRestartedRun, not, tag, triggeredBy"

    @Test func emptyWhenIsReportedOverTheWholeDirective() {
      let text = pipeline(when: "")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.emptyWhen, "Empty when closure, remove the property or add some content.", (5, 7), (7, 8))
        ])
    }

    @Test func whenWithOnlyBeforeFlagsIsStillEmpty() {
      let text = pipeline(when: "        beforeAgent true")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.emptyWhen, "Empty when closure, remove the property or add some content.", (5, 7), (7, 8))
        ])
      #expect(ruleDiagnostics(pipeline(when: "        beforeAgent true\n        branch 'main'")) == [])
    }

    @Test func beforeFlagsMustBeBooleanLiterals() {
      let text = pipeline(when: "        beforeAgent 'yes'\n        beforeInput 1\n        beforeOptions true\n        branch 'main'")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.expectedBoolean, "Expected a boolean with beforeAgent", (6, 9), (6, 20)),
          RuleDiagnostic(.expectedBoolean, "Expected a boolean with beforeInput", (7, 9), (7, 20)),
        ])
    }

    @Test func unknownConditionListsTheValidConditionals() {
      let text = pipeline(when: "        banana 'x'")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.unknownWhenCondition, "Unknown conditional banana. Valid conditionals are: \(conditionList)", (6, 9), (6, 15))
        ])
    }

    @Test func unknownConditionNestedInAllOfIsReportedToo() {
      let text = pipeline(when: "        allOf { branch 'a'; banana() }")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.unknownWhenCondition, "Unknown conditional banana. Valid conditionals are: \(conditionList)", (6, 29), (6, 35))
        ])
    }

    @Test func statementThatIsNotAConditionIsReportedWhole() {
      let text = pipeline(when: "        branch 'a'\n        expression\n        allOf { 'x'; branch 'b' }")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.expectedWhen, "Expected a when condition", (7, 9), (7, 19)),
          RuleDiagnostic(.expectedWhen, "Expected a when condition", (8, 17), (8, 20)),
        ])
    }

    @Test func expressionWithoutBlockIsAWhenStepWithoutBlock() {
      let text = pipeline(when: "        expression('x')\n        branch 'a'")
      #expect(ruleDiagnostics(text) == [RuleDiagnostic(.stepWithoutBlock, "When step without a block", (6, 9), (6, 19))])
      #expect(ruleDiagnostics(pipeline(when: "        expression { return true }")) == [])
    }

    @Test func nestedConditionTakesNoArguments() {
      let text = pipeline(when: "        allOf('x') { branch 'a' }")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.nestedWhenArguments, "No additional arguments are allowed for children when condition \"allOf\".", (6, 9), (6, 14))
        ])
      #expect(ruleDiagnostics(pipeline(when: "        allOf { branch 'a' }")) == [])
    }

    @Test func allOfAndAnyOfNeedAtLeastOneChild() {
      let text = pipeline(when: "        allOf { }\n        anyOf { }")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.nestedWhenChildren, "Nested when condition \"allOf\" requires at least one child condition.", (6, 9), (6, 14)),
          RuleDiagnostic(.nestedWhenChildren, "Nested when condition \"anyOf\" requires at least one child condition.", (7, 9), (7, 14)),
        ])
    }

    @Test func notNeedsExactlyOneChild() {
      let text = pipeline(when: "        not { }\n        not { branch 'a'; branch 'b' }")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.nestedWhenChildren, "Nested when condition \"not\" requires exactly 1 child condition(s).", (6, 9), (6, 12)),
          RuleDiagnostic(.nestedWhenChildren, "Nested when condition \"not\" requires exactly 1 child condition(s).", (7, 9), (7, 12)),
        ])
      #expect(ruleDiagnostics(pipeline(when: "        not { anyOf { branch 'a'; branch 'b' } }")) == [])
    }

    @Test func leafConditionCannotHaveChildren() {
      let text = pipeline(when: "        branch('main') { tag 'x' }")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.noNestedWhenAllowed, "No children when conditions are allowed for when condition \"branch\".", (6, 9), (6, 15))
        ])
    }

    @Test func conditionArgumentsAreCheckedLikeSteps() {
      let text = pipeline(
        when: """
                  environment name: 'A'
                  environment(name: 'A', valu: 'b')
                  branch 4
          """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.missingRequiredParameter, "Missing required parameter: \"value\"", (6, 9), (6, 20)),
          RuleDiagnostic(.missingRequiredParameter, "Missing required parameter: \"value\"", (7, 9), (7, 20)),
          RuleDiagnostic(.invalidParameterName, "Invalid parameter \"valu\", did you mean \"value\"?", (7, 32), (7, 36)),
          RuleDiagnostic(.invalidParameterType, "Expecting \"class java.lang.String\" but got \"4\" of type class java.lang.Integer instead", (8, 16), (8, 17)),
        ])
      let fixed = pipeline(
        when: """
                  environment name: 'A', value: 'b'
                  branch '4'
                  tag pattern: 'v*', comparator: 'GLOB'
                  triggeredBy 'TimerTrigger'
                  buildingTag()
          """)
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func changelogPatternMustBeARegularExpression() {
      let text = pipeline(when: "        changelog '['")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.invalidRegex, "\"[\" is not a valid regular expression. The pattern does not compile.", (6, 19), (6, 22))
        ])
      #expect(ruleDiagnostics(pipeline(when: "        changelog '.*\\\\[ci skip\\\\].*'")) == [])
    }
  }

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
    }

    @Test func fieldNeedsExactlyOneArgument() {
      let text = pipeline(input: "        message 'Go?'\n        ok()\n        id 'a', 'b'\n        submitter 'x' { }")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.noArgumentForField, "No argument for field \"ok\"", (7, 9), (7, 11)),
          RuleDiagnostic(.tooManyArguments, "Too many arguments for field \"id\"", (8, 9), (8, 11)),
          RuleDiagnostic(.tooManyArguments, "Too many arguments for field \"submitter\"", (9, 9), (9, 18)),
        ])
    }

    @Test func repeatedFieldAndNonFieldStatementAreReported() {
      let text = pipeline(input: "        message 'Go?'\n        message 'Again?'\n        def x = 1")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.duplicateSection, "Multiple occurrences of the message section", (7, 9), (7, 16)),
          RuleDiagnostic(.invalidSectionDefinition, "Not a valid section definition: \"def x = 1\". Some extra configuration is required.", (8, 9), (8, 18)),
        ])
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
    }
  }
}
