import CarsonModel
import CarsonSyntax
import Testing

// environment, bare `${…}` values and BigInteger constants.

extension ValidatorRuleTests {
  @Suite struct Environment {
    /// A pipeline whose `environment` block holds `entries` (one per line, from line 4).
    func pipeline(environment entries: String) -> String {
      """
      pipeline {
        agent any
        environment {
      \(entries)
        }
        stages { stage('a') { steps { echo 'x' } } }
      }
      """
    }

    @Test func emptyEnvironmentIsReportedOverTheWholeSection() {
      let text = """
        pipeline {
          agent any
          environment { }
          stages {
            stage('a') {
              environment {
              }
              steps { echo 'x' }
            }
          }
        }
        """
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.noEnvironmentVariables, "No variables specified for environment", (3, 3), (3, 18)),
          RuleDiagnostic(.noEnvironmentVariables, "No variables specified for environment", (6, 7), (7, 8)),
        ])
      let fixed = """
        pipeline {
          agent any
          environment { A = 'a' }
          stages {
            stage('a') {
              environment {
                B = 'b'
              }
              steps { echo 'x' }
            }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func acceptedValueFormsProduceNoError() {
      let text = pipeline(
        environment: """
              A = 'single'
              B = "double ${BUILD_NUMBER}"
              C = 1
              D = -1
              E = 1.5
              F = true
              G = null
              H = credentials('my-creds')
              I = 'a' + "b ${x}" + 'c'
              J = someFunction('x')
              _UNDERSCORE = 'ok'
          """)
      #expect(ruleDiagnostics(text) == [])
    }

    @Test func duplicateVariableIsReportedAtItsSecondName() {
      let text = pipeline(
        environment: """
              FOO = 'x'
              FOO = 'y'
          """)
      #expect(ruleDiagnostics(text) == [RuleDiagnostic(.duplicateEnvironmentVariable, "Duplicate environment variable name: \"FOO\"", (5, 5), (5, 8))])
      #expect(ruleDiagnostics(pipeline(environment: "    FOO = 'x'\n    BAR = 'y'")) == [])
    }

    @Test func nameThatIsNotAnIdentifierIsReportedAtTheName() {
      let text = pipeline(
        environment: """
              1BAR = 'x'
              $DOLLAR = 'y'
              OK_1 = 'z'
          """)
      let rule = "is not a valid identifier and cannot be used for an environment variable. Identifiers must start with a letter or underscore and can contain only letters, numbers or underscores."
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.invalidIdentifier, "\"1BAR\" \(rule)", (4, 5), (4, 9)),
          RuleDiagnostic(.invalidIdentifier, "\"$DOLLAR\" \(rule)", (5, 5), (5, 12)),
        ])
      #expect(ruleDiagnostics(pipeline(environment: "    BAR1 = 'x'\n    _DOLLAR = 'y'")) == [])
    }

    @Test func statementThatIsNotAnAssignmentAlsoExpectsNameValuePairsOnce() {
      let text = pipeline(
        environment: """
              echo('HI THERE')
              echo 'again'
              FOO = 'x'
          """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.invalidEnvironment, "Expected name=value pairs", (3, 3), (3, 14)),
          RuleDiagnostic(
            .invalidEnvironment, "\"echo('HI THERE')\" is not a valid environment expression. Use \"key = value\" pairs with valid Java/shell keys.",
            (4, 5), (4, 21)),
          RuleDiagnostic(
            .invalidEnvironment, "\"echo 'again'\" is not a valid environment expression. Use \"key = value\" pairs with valid Java/shell keys.",
            (5, 5), (5, 17)),
        ])
      #expect(ruleDiagnostics(pipeline(environment: "    GREETING = 'HI THERE'\n    FOO = 'x'")) == [])
    }

    @Test func valueThatIsNeitherStringNorCallIsRejected() {
      let text = pipeline(
        environment: """
              A = foo
              B = env.FOO
              C = a ? 'b' : 'c'
              OK = 'x'
          """)
      let message = "Environment variable values must either be single quoted, double quoted, or function calls."
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.invalidEnvironmentValue, message, (4, 9), (4, 12)),
          RuleDiagnostic(.invalidEnvironmentValue, message, (5, 9), (5, 16)),
          RuleDiagnostic(.invalidEnvironmentValue, message, (6, 9), (6, 22)),
        ])
      let fixed = pipeline(
        environment: """
              A = "${foo}"
              B = "${env.FOO}"
              C = "${a ? 'b' : 'c'}"
          """)
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func valuesJoinedByAnOperatorOtherThanPlusUseCurlyQuotes() {
      let text = pipeline(
        environment: """
              A = 'x' - 'y'
              B = 'a' + 'b' - 'c'
              OK = 'x'
          """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.invalidEnvironmentValue, "Environment variable values can only be joined together with ‘+’s.", (4, 9), (4, 18)),
          RuleDiagnostic(.invalidEnvironmentValue, "Environment variable values can only be joined together with ‘+’s.", (5, 9), (5, 24)),
        ])
      #expect(ruleDiagnostics(pipeline(environment: "    A = 'x' + 'y'\n    B = 'a' + 'b' + 'c'")) == [])
    }

    @Test func concatenatedOperandThatIsNotAStringIsReportedAtTheOperand() {
      let text = pipeline(environment: "    A = 'a' + foo\n    OK = 'x'")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(
            .invalidEnvironmentValue, "Environment variable values to be concatenated together must be single or double quoted.", (4, 15), (4, 18))
        ])
      #expect(ruleDiagnostics(pipeline(environment: "    A = 'a' + \"${foo}\"")) == [])
    }

    @Test func concatenationAcceptsAnyConstantAndReportsEveryBadOperand() {
      // Jenkins' `envValueFromArbitraryExpression` accepts any constant (numbers too) and keeps
      // going after a bad operand, so `1 + credentials('x')` is reported at the call, and
      // `foo + bar` twice.
      let message = "Environment variable values to be concatenated together must be single or double quoted."
            #expect(
        ruleDiagnostics(pipeline(environment: "    A = 1 + credentials('x')\n    OK = 'x'")) == [
          RuleDiagnostic(.invalidEnvironmentValue, message, (4, 13), (4, 29))
        ])
      #expect(ruleDiagnostics(pipeline(environment: "    A = 1 + 'x'")) == [])
      #expect(
        ruleDiagnostics(pipeline(environment: "    A = foo + bar\n    OK = 'x'")) == [
          RuleDiagnostic(.invalidEnvironmentValue, message, (4, 9), (4, 12)),
          RuleDiagnostic(.invalidEnvironmentValue, message, (4, 15), (4, 18)),
        ])
    }

    @Test func entryWithABadOperandOrCredentialsArgumentStillCountsAsAVariable() {
      // Jenkins still stores the variable after these two errors, so the block is not empty.
            #expect(
        ruleDiagnostics(pipeline(environment: "    A = 'a' + foo")) == [
          RuleDiagnostic(
            .invalidEnvironmentValue, "Environment variable values to be concatenated together must be single or double quoted.", (4, 15), (4, 18))
        ])
      #expect(
        ruleDiagnostics(pipeline(environment: "    A = credentials(123)")) == [
          RuleDiagnostic(.internalFunctionArgument, "Internal function call parameters must be strings.", (4, 9), (4, 25))
        ])
    }

    @Test func credentialsArgumentMustBeAString() {
      let text = pipeline(environment: "    A = credentials(123)\n    OK = 'x'")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.internalFunctionArgument, "Internal function call parameters must be strings.", (4, 9), (4, 25))
        ])
      #expect(ruleDiagnostics(pipeline(environment: "    A = credentials(\"id-${x}\")")) == [])
    }

    @Test func repeatedNameIsADuplicateWhateverItsValue() {
      // Jenkins checks for a duplicate key before looking at the value.
      let text = pipeline(environment: "    A = 'x'\n    A = foo")
            #expect(ruleDiagnostics(text) == [RuleDiagnostic(.duplicateEnvironmentVariable, "Duplicate environment variable name: \"A\"", (5, 5), (5, 6))])
    }

    @Test func credentialsWithSeveralStringArgumentsIsNotAnArgumentTypeError() {
      // Jenkins' `parseInternalFunctionCall` only rejects arguments that are not strings.
      let text = pipeline(environment: "    A = credentials('a', 'b')")
            #expect(ruleDiagnostics(text) == [])
      #expect(
        ruleDiagnostics(pipeline(environment: "    A = credentials(foo)\n    OK = 'x'")) == [
          RuleDiagnostic(.internalFunctionArgument, "Internal function call parameters must be strings.", (4, 9), (4, 25))
        ])
    }

    // MARK: Bare ${…}

    @Test func bareDollarCurlyInAStepArgumentSuggestsQuotes() {
      let text = """
        pipeline {
          agent any
          stages {
            stage('a') {
              steps {
                sh ${FOO}
                sh "${FOO}"
              }
            }
          }
        }
        """
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.bareDollarCurly, "${FOO} cannot be used as a value directly. Did you mean \"${FOO}\"? (add quotes)", (6, 12), (6, 18))
        ])
      let fixed = """
        pipeline {
          agent any
          stages { stage('a') { steps { sh "${FOO}" } } }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func bareDollarCurlyInAnAgentOptionSuggestsQuotes() {
      let text = """
        pipeline {
          agent { docker { image 'x'; args ${A} } }
          stages { stage('a') { steps { echo 'x' } } }
        }
        """
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.bareDollarCurly, "${A} cannot be used as a value directly. Did you mean \"${A}\"? (add quotes)", (2, 36), (2, 40))
        ])
      let fixed = """
        pipeline {
          agent { docker { image 'x'; args "${A}" } }
          stages { stage('a') { steps { echo 'x' } } }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func bareDollarCurlyAsEnvironmentValueIsReportedOnce() {
      let text = pipeline(environment: "    FOO = ${env.BUILD_NUMBER}")
      let expected = RuleDiagnostic(
        .bareDollarCurly, "${env.BUILD_NUMBER} cannot be used as a value directly. Did you mean \"${env.BUILD_NUMBER}\"? (add quotes)",
        (4, 11), (4, 30))
      #expect(ruleDiagnostics(text).allSatisfy { $0 == expected })
            #expect(ruleDiagnostics(text) == [expected])
      #expect(ruleDiagnostics(pipeline(environment: "    FOO = \"${env.BUILD_NUMBER}\"")) == [])
    }

    @Test func dollarCurlyInsideAScriptBlockIsGroovyAndNotChecked() {
      let text = """
        pipeline {
          agent any
          stages {
            stage('a') {
              steps {
                script { x = ${y}; def n = 99999999999999999999 }
              }
            }
          }
        }
        """
      #expect(ruleDiagnostics(text) == [])
    }

    // MARK: BigInteger

    @Test func integerBeyondSixtyFourBitsIsABigInteger() {
      let text = """
        pipeline {
          agent any
          environment { J = 12345678901234567890 }
          stages {
            stage('a') {
              steps {
                sleep(time: -9223372036854775809)
                sleep 0x1FFFFFFFFFFFFFFFF
              }
            }
          }
        }
        """
      let message =
        "BigIntegers cannot be used as constants in Declarative. The maximum value for an integer is 9,223,372,036,854,775,807 and the minimum value for an integer is -9,223,372,036,854,775,808."
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.bigInteger, message, (3, 21), (3, 41)),
          RuleDiagnostic(.bigInteger, message, (7, 21), (7, 41)),
          RuleDiagnostic(.bigInteger, message, (8, 15), (8, 34)),
        ])
      let fixed = """
        pipeline {
          agent any
          environment { J = '12345678901234567890' }
          stages { stage('a') { steps { sleep 0x7FFFFFFF } } }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func integerAtTheSixtyFourBitLimitsIsALong() {
      let text = """
        pipeline {
          agent any
          environment { A = 9223372036854775807; B = -9223372036854775808 }
          stages { stage('a') { steps { echo 'x' } } }
        }
        """
      #expect(ruleDiagnostics(text) == [])
      let beyond = """
        pipeline {
          agent any
          environment { A = 9223372036854775808 }
          stages { stage('a') { steps { echo 'x' } } }
        }
        """
      #expect(ruleDiagnostics(beyond).map(\.id) == [.bigInteger])
    }
  }
}
