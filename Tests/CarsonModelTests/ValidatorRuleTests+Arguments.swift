import CarsonModel
import CarsonSyntax
import Testing

// Step arguments (Jenkins' DescribableModel checks), receivers of calls, and `lint --strict`.

extension ValidatorRuleTests {
  @Suite struct Arguments {
    /// A pipeline with one stage whose `steps` block holds `steps` (one per line, from line 6).
    func pipeline(steps: String) -> String {
      """
      pipeline {
        agent any
        stages {
          stage('a') {
            steps {
      \(steps)
            }
          }
        }
      }
      """
    }

    @Test func unknownNamedParameterSuggestsTheNearestOne() {
      let text = pipeline(steps: "        sleep(time: 1, unit: 'SECONDS', banana: 1)")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.invalidParameterName, "Invalid parameter \"banana\", did you mean \"unit\"?", (6, 41), (6, 47))
        ])
      #expect(ruleDiagnostics(pipeline(steps: "        sleep(time: 1, unit: 'SECONDS')")) == [])
    }

    @Test func misspelledParameterIsBothUnknownAndLeavesTheRequiredOneMissing() {
      let text = pipeline(steps: "        sleep(tme: 1)")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.missingRequiredParameter, "Missing required parameter: \"time\"", (6, 9), (6, 14)),
          RuleDiagnostic(.invalidParameterName, "Invalid parameter \"tme\", did you mean \"time\"?", (6, 15), (6, 18)),
        ])
      #expect(ruleDiagnostics(pipeline(steps: "        sleep(time: 1)")) == [])
    }

    @Test func missingRequiredParameterIsReportedAtTheStepName() {
      let text = pipeline(
        steps: """
                  sh()
                  writeFile file: 'a'
          """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.missingRequiredParameter, "Missing required parameter: \"script\"", (6, 9), (6, 11)),
          RuleDiagnostic(.missingRequiredParameter, "Missing required parameter: \"text\"", (7, 9), (7, 18)),
        ])
      let fixed = pipeline(
        steps: """
                  sh('make')
                  writeFile file: 'a', text: 'b'
          """)
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func literalOfTheWrongTypeNamesJavaTypesAsJenkinsDoes() {
      let text = pipeline(
        steps: """
                  sleep 'x'
                  sleep(time: 'x')
                  sleep(time: 3000000000)
          """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.invalidParameterType, "Expecting \"int\" but got \"x\" of type class java.lang.String instead", (6, 15), (6, 18)),
          RuleDiagnostic(
            .invalidParameterType, "Expecting \"int\" for parameter \"time\" but got \"x\" of type class java.lang.String instead", (7, 21), (7, 24)),
          RuleDiagnostic(
            .invalidParameterType, "Expecting \"int\" for parameter \"time\" but got \"3000000000\" of type class java.lang.Long instead", (8, 21), (8, 31)),
        ])
      let fixed = pipeline(
        steps: """
                  sleep 5
                  sleep(time: 5)
          """)
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func severalUnnamedArgumentsMustBeNamed() {
      let text = pipeline(
        steps: """
                  timeout(1, 'MINUTES') { echo 'x' }
                  echo 'a', 'b'
          """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.tooManyUnnamedParameters, "Arguments to \"timeout\" must be explicitly named.", (6, 9), (6, 16)),
          RuleDiagnostic(.tooManyUnnamedParameters, "Arguments to \"echo\" must be explicitly named.", (7, 9), (7, 13)),
        ])
      let fixed = pipeline(
        steps: """
                  timeout(time: 1, unit: 'MINUTES') { echo 'x' }
                  echo 'a'
          """)
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func mixedNamedAndUnnamedArgumentsAreReportedOverTheArguments() {
      let text = pipeline(steps: "        echo(message: 'x', 'y')")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.mixedNamedAndUnnamed, "Cannot mix named and unnamed arguments", (6, 14), (6, 31))
        ])
      #expect(ruleDiagnostics(pipeline(steps: "        echo(message: 'x')")) == [])
    }

    @Test func singleUnnamedArgumentNeedsASingleRequiredParameter() {
      let text = pipeline(steps: "        mail 'x'")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.notSingleRequiredParameter, "Step does not take a single required parameter - use named parameters instead", (6, 14), (6, 17))
        ])
      #expect(ruleDiagnostics(pipeline(steps: "        mail to: 'a@b.c', subject: 's', body: 'b'")) == [])
    }

    @Test func blockStepTakesOneUnnamedArgumentWithoutASoleRequiredParameter() {
      #expect(ruleDiagnostics(pipeline(steps: "        dir('x') { echo 'y' }\n        retry(3) { echo 'y' }")) == [])
    }

    @Test func repeatedNamedArgumentIsGroovysDuplicateNamedParameter() {
      let text = pipeline(steps: "        sleep(time: 1, time: 2)")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.duplicateNamedArgument, "Duplicate named parameter 'time' found", (6, 24), (6, 28))
        ])
      #expect(ruleDiagnostics(pipeline(steps: "        sleep(time: 1, unit: 'SECONDS')")) == [])
    }

    @Test func methodCallOnAPlainVariableIsAnObjectMethodCall() {
      let text = pipeline(steps: "        foo.bar('x')\n        echo 'x'")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.objectMethodCall, "Method calls on objects not allowed outside \"script\" blocks.", (6, 9), (6, 21))
        ])
      #expect(ruleDiagnostics(pipeline(steps: "        this.echo('x')")) == [])
    }

    @Test func methodCallOnAnythingElseIsNotASymbol() {
      // Jenkins' `parseMethodName` only says "object method call" when the receiver is a plain
      // variable; for a constant, property or call receiver it reports "Expected a symbol".
      let text = pipeline(
        steps: """
                  'x'.trim()
                  foo.bar.baz()
                  foo().bar()
                  echo 'x'
          """)
            #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.expectedSymbol, "Expected a symbol", (6, 9), (6, 19)),
          RuleDiagnostic(.expectedSymbol, "Expected a symbol", (7, 9), (7, 22)),
          RuleDiagnostic(.expectedSymbol, "Expected a symbol", (8, 9), (8, 20)),
        ])
    }

    // MARK: lint --strict

    @Test func unknownStepIsAWarningOnlyInStrictMode() throws {
      let text = pipeline(
        steps: """
                  bogus 'x'
                  dir('x') { bogusInBlock() }
                  script { bogusInScript() }
          """)
      #expect(ruleDiagnostics(text) == [])
      let unknown = "not a built-in or common plugin step (fine if a plugin or shared library provides it)"
      #expect(
        ruleDiagnostics(text, strict: true) == [
          RuleDiagnostic(.unknownStep, "Unknown step \"bogus\": \(unknown)", (6, 9), (6, 14)),
          RuleDiagnostic(.unknownStep, "Unknown step \"bogusInBlock\": \(unknown)", (7, 20), (7, 32)),
        ])
      let result = ruleLint(text, strict: true)
      #expect(try #require(result.diagnostics.first).severity == .warning)
      #expect(!result.hasErrors)
      #expect(ruleDiagnostics(pipeline(steps: "        echo 'x'\n        dir('x') { sh 'make' }"), strict: true) == [])
    }

    @Test func unknownStepInAPostConditionIsReportedInStrictMode() {
      let text = """
        pipeline {
          agent any
          stages { stage('a') { steps { echo 'x' } } }
          post { always { notifyTeam() } }
        }
        """
      #expect(
        ruleDiagnostics(text, strict: true) == [
          RuleDiagnostic(
            .unknownStep, "Unknown step \"notifyTeam\": not a built-in or common plugin step (fine if a plugin or shared library provides it)",
            (4, 19), (4, 29))
        ])
      let fixed = """
        pipeline {
          agent any
          stages { stage('a') { steps { echo 'x' } } }
          post { always { echo 'done' } }
        }
        """
      #expect(ruleDiagnostics(fixed, strict: true) == [])
    }
  }
}
