import CarsonModel
import CarsonSyntax
import Testing

// steps: statements that are not steps, blocked steps, the old-style parallel step.

extension ValidatorRuleTests {
  @Suite struct Steps {
    @Test func emptyStepsBlockHasNoStepsForBranch() {
      let text = """
        pipeline {
          agent any
          stages {
            stage('a') { steps { } }
          }
        }
        """
      #expect(ruleDiagnostics(text) == [RuleDiagnostic(.noSteps, "No steps specified for branch", (4, 18), (4, 27))])
      let fixed = """
        pipeline {
          agent any
          stages {
            stage('a') { steps { echo 'x' } }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func statementThatIsNotACallIsNotAStep() {
      let text = """
        pipeline {
          agent any
          stages {
            stage('a') {
              steps {
                def x = 1
                currentBuild.result = 'FAILURE'
                script
                echo 'x'
              }
            }
          }
        }
        """
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.expectedStep, "Expected a step", (6, 9), (6, 18)),
          RuleDiagnostic(.expectedStep, "Expected a step", (7, 9), (7, 40)),
          RuleDiagnostic(.expectedStep, "Expected a step", (8, 9), (8, 15)),
        ])
      let fixed = """
        pipeline {
          agent any
          stages {
            stage('a') {
              steps {
                script {
                  def x = 1
                  currentBuild.result = 'FAILURE'
                }
                echo 'x'
              }
            }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func methodCallOnAnObjectNeedsAScriptBlock() {
      let text = """
        pipeline {
          agent any
          stages {
            stage('a') {
              steps {
                foo.bar('x')
                echo 'x'
              }
            }
          }
        }
        """
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.objectMethodCall, "Method calls on objects not allowed outside \"script\" blocks.", (6, 9), (6, 21))
        ])
      let fixed = """
        pipeline {
          agent any
          stages {
            stage('a') {
              steps {
                script { foo.bar('x') }
              }
            }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func scriptWithoutBlockIsReportedAtItsName() {
      let text = """
        pipeline {
          agent any
          stages {
            stage('a') {
              steps {
                script('x')
                echo 'x'
              }
            }
          }
        }
        """
      #expect(ruleDiagnostics(text) == [RuleDiagnostic(.stepWithoutBlock, "Script step without a block", (6, 9), (6, 15))])
      let fixed = """
        pipeline {
          agent any
          stages {
            stage('a') {
              steps {
                script { echo 'x' }
              }
            }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func stageAndPropertiesStepsAreBlockedInDeclarative() {
      let text = """
        pipeline {
          agent any
          stages {
            stage('a') {
              steps {
                stage('inner') { echo 'x' }
                properties([])
              }
            }
          }
        }
        """
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(
            .blockedStep,
            "Invalid step \"stage\" used - not allowed in this context - The stage step cannot be used in Declarative Pipelines",
            (6, 9), (6, 14)),
          RuleDiagnostic(
            .blockedStep,
            "Invalid step \"properties\" used - not allowed in this context - The properties step cannot be used in Declarative Pipelines",
            (7, 9), (7, 19)),
        ])
      let fixed = """
        pipeline {
          agent any
          stages {
            stage('inner') {
              steps { echo 'x' }
            }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    // MARK: The old-style parallel step

    @Test func parallelStepMustBeTheOnlyStepOfItsBlock() {
      let text = """
        pipeline {
          agent any
          stages {
            stage('a') {
              steps {
                echo 'x'
                parallel(one: { echo '1' }, two: { echo '2' })
              }
            }
          }
        }
        """
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(
            .blockedStep,
            "Invalid step \"parallel\" used - not allowed in this context - The parallel step can only be used as the only top-level step in a stages step block",
            (7, 9), (7, 17))
        ])
      let fixed = """
        pipeline {
          agent any
          stages {
            stage('a') {
              steps {
                parallel(one: { echo '1' }, two: branchTwo, failFast: true)
              }
            }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func parallelStepBranchMustBeAClosureAndFailFastABoolean() {
      let text = """
        pipeline {
          agent any
          stages {
            stage('a') {
              steps {
                parallel(one: { echo '1' }, two: 'nope', failFast: 'yes')
              }
            }
          }
        }
        """
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.expectedClosureOrFailFast, "Expected closure or failFast", (6, 42), (6, 48)),
          RuleDiagnostic(.expectedBoolean, "Expected a boolean with failFast", (6, 60), (6, 65)),
        ])
      let fixed = """
        pipeline {
          agent any
          stages {
            stage('a') {
              steps {
                parallel(one: { echo '1' }, two: { echo '2' }, failFast: true)
              }
            }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func duplicateParallelBranchIsGroovysDuplicateNamedParameter() {
      let text = """
        pipeline {
          agent any
          stages {
            stage('a') {
              steps {
                parallel(a: { echo 'x' }, a: { echo 'y' })
              }
            }
          }
        }
        """
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.duplicateNamedArgument, "Duplicate named parameter 'a' found", (6, 35), (6, 36))
        ])
      let fixed = """
        pipeline {
          agent any
          stages {
            stage('a') {
              steps {
                parallel(a: { echo 'x' }, b: { echo 'y' })
              }
            }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func stepsBlockWhoseOnlyStepIsInvalidIsNotAlsoReportedEmpty() {
      // Jenkins keeps the broken step in the branch (`parseBranch` adds whatever `parseStep`
      // returns), so the block is not "empty": only the step's own error is reported.
      let text = """
        pipeline {
          agent any
          stages {
            stage('a') {
              steps {
                foo.bar('x')
              }
            }
          }
        }
        """
            #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.objectMethodCall, "Method calls on objects not allowed outside \"script\" blocks.", (6, 9), (6, 21))
        ])
    }
  }
}
