import CarsonModel
import CarsonSyntax
import Testing

// when conditions.

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
      #expect(ruleDiagnostics(pipeline(when: "        branch 'main'")) == [])
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
      #expect(ruleDiagnostics(pipeline(when: "        beforeAgent true\n        beforeInput false\n        beforeOptions true\n        branch 'main'")) == [])
    }

    @Test func unknownConditionListsTheValidConditionals() {
      let text = pipeline(when: "        banana 'x'")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.unknownWhenCondition, "Unknown conditional banana. Valid conditionals are: \(conditionList)", (6, 9), (6, 15))
        ])
      #expect(ruleDiagnostics(pipeline(when: "        changeset 'x'")) == [])
    }

    @Test func unknownConditionNestedInAllOfIsReportedToo() {
      let text = pipeline(when: "        allOf { branch 'a'; banana() }")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.unknownWhenCondition, "Unknown conditional banana. Valid conditionals are: \(conditionList)", (6, 29), (6, 35))
        ])
      #expect(ruleDiagnostics(pipeline(when: "        allOf { branch 'a'; isRestartedRun() }")) == [])
    }

    @Test func statementThatIsNotAConditionIsReportedWhole() {
      let text = pipeline(when: "        branch 'a'\n        expression\n        allOf { 'x'; branch 'b' }")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.expectedWhen, "Expected a when condition", (7, 9), (7, 19)),
          RuleDiagnostic(.expectedWhen, "Expected a when condition", (8, 17), (8, 20)),
        ])
      #expect(ruleDiagnostics(pipeline(when: "        branch 'a'\n        expression { true }\n        allOf { tag 'x'; branch 'b' }")) == [])
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
      #expect(ruleDiagnostics(pipeline(when: "        allOf { branch 'a' }\n        anyOf { branch 'b'; tag 'c' }")) == [])
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
      #expect(ruleDiagnostics(pipeline(when: "        allOf { branch('main'); tag 'x' }")) == [])
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
}
