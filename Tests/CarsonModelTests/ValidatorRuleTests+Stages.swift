import CarsonModel
import CarsonSyntax
import Testing

// stages, stage, steps, blocked steps, the old-style parallel step.

extension ValidatorRuleTests {
  @Suite struct Stages {
    // MARK: stages and stage

    @Test func emptyStagesIsReportedOverTheWholeSection() {
      let text = """
        pipeline {
          agent any
          stages { }
        }
        """
      #expect(ruleDiagnostics(text) == [RuleDiagnostic(.noStages, "No stages specified", (3, 3), (3, 13))])
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

    @Test func emptyNestedStagesIsReportedToo() {
      let text = """
        pipeline {
          agent any
          stages {
            stage('group') {
              stages {
              }
            }
          }
        }
        """
      #expect(ruleDiagnostics(text) == [RuleDiagnostic(.noStages, "No stages specified", (5, 7), (6, 8))])
      let fixed = """
        pipeline {
          agent any
          stages {
            stage('group') {
              stages { stage('inner') { steps { echo 'x' } } }
            }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func statementInStagesThatIsNotAStageIsReportedWhole() {
      let text = """
        pipeline {
          agent any
          stages {
            echo 'x'
            stage('a') {
              parallel {
                sh 'y'
                stage('b') { steps { echo 'x' } }
              }
            }
          }
        }
        """
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.expectedStage, "Expected a stage", (4, 5), (4, 13)),
          RuleDiagnostic(.expectedStage, "Expected a stage", (7, 9), (7, 15)),
        ])
      let fixed = """
        pipeline {
          agent any
          stages {
            stage('a') {
              parallel {
                stage('b') { steps { echo 'x'; sh 'y' } }
              }
            }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func stageNameMustBeAPlainStringLiteral() {
      let text = """
        pipeline {
          agent any
          stages {
            stage(name) { steps { echo 'x' } }
            stage("build ${n}") { steps { echo 'x' } }
            stage { steps { echo 'x' } }
          }
        }
        """
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.expectedStringLiteral, "Expected string literal", (4, 11), (4, 15)),
          RuleDiagnostic(.expectedStringLiteral, "Expected string literal", (5, 11), (5, 23)),
          RuleDiagnostic(.expectedStringLiteral, "Expected string literal", (6, 5), (6, 10)),
        ])
      let fixed = """
        pipeline {
          agent any
          stages {
            stage('name') { steps { echo 'x' } }
            stage("build") { steps { echo 'x' } }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func stageWithoutBlockIsReportedAtTheStageKeyword() {
      let text = """
        pipeline {
          agent any
          stages {
            stage('a') { steps { echo 'x' } }
            stage('b')
          }
        }
        """
      #expect(ruleDiagnostics(text) == [RuleDiagnostic(.stageWithoutBlock, "Stage does not have a block", (5, 5), (5, 10))])
      let fixed = """
        pipeline {
          agent any
          stages {
            stage('b') { steps { echo 'x' } }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func stepWrittenDirectlyInAStageIsAnUnknownStageSection() {
      let text = """
        pipeline {
          agent any
          stages {
            stage('a') {
              echo 'x'
              steps { echo 'y' }
            }
          }
        }
        """
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(
            .unknownStageSection,
            "Unknown stage section \"echo\". Starting with version 0.5, steps in a stage must be in a ‘steps’ block.",
            (5, 7), (5, 11))
        ])
      let fixed = """
        pipeline {
          agent any
          stages {
            stage('a') {
              steps { echo 'x'; echo 'y' }
            }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func stageWithNothingToRunIsReportedAtItsName() {
      let text = """
        pipeline {
          agent any
          stages {
            stage('empty') { }
            stage('agentOnly') { agent any }
            stage('emptyParallel') { parallel { } }
            stage('parallelStepWithoutBranches') { steps { parallel() } }
          }
        }
        """
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.nothingForStage, "Expected one of \"steps\", \"stages\", or \"parallel\" for stage \"empty\"", (4, 5), (4, 19)),
          RuleDiagnostic(.nothingForStage, "Expected one of \"steps\", \"stages\", or \"parallel\" for stage \"agentOnly\"", (5, 5), (5, 23)),
          RuleDiagnostic(.nothingForStage, "Expected one of \"steps\", \"stages\", or \"parallel\" for stage \"emptyParallel\"", (6, 5), (6, 27)),
          RuleDiagnostic(
            .nothingForStage, "Expected one of \"steps\", \"stages\", or \"parallel\" for stage \"parallelStepWithoutBranches\"", (7, 5), (7, 41)),
        ])
      let fixed = """
        pipeline {
          agent any
          stages {
            stage('empty') { steps { echo 'x' } }
            stage('agentOnly') { agent any; steps { echo 'x' } }
            stage('parallel') { parallel { stage('b') { steps { echo 'x' } } } }
            stage('parallelStep') { steps { parallel(one: { echo '1' }) } }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func stageWithTwoKindsOfContentIsReportedAtItsName() {
      let text = """
        pipeline {
          agent any
          stages {
            stage('a') {
              steps { echo 'x' }
              stages { stage('b') { steps { echo 'x' } } }
            }
            stage('c') {
              steps { echo 'x' }
              parallel { stage('d') { steps { echo 'x' } } }
            }
          }
        }
        """
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.onlyOneOfStepsStagesParallel, "Only one of \"matrix\", \"parallel\", \"stages\", or \"steps\" allowed for stage \"a\"", (4, 5), (4, 15)),
          RuleDiagnostic(.onlyOneOfStepsStagesParallel, "Only one of \"matrix\", \"parallel\", \"stages\", or \"steps\" allowed for stage \"c\"", (8, 5), (8, 15)),
        ])
      let fixed = """
        pipeline {
          agent any
          stages {
            stage('a') {
              stages { stage('b') { steps { echo 'x' } } }
            }
            stage('c') {
              parallel { stage('d') { steps { echo 'x' } } }
            }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func duplicateStageNamesAreReportedPerBlock() {
      let text = """
        pipeline {
          agent any
          stages {
            stage('a') { steps { echo 'x' } }
            stage('a') { steps { echo 'y' } }
            stage('p') {
              parallel {
                stage('q') { steps { echo 'x' } }
                stage('q') { steps { echo 'y' } }
              }
            }
          }
        }
        """
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.duplicateStageName, "Duplicate stage name: \"a\"", (5, 5), (5, 15)),
          RuleDiagnostic(.duplicateStageName, "Duplicate stage name: \"q\"", (9, 9), (9, 19)),
        ])
      // Names only need to be unique within one block.
      let fixed = """
        pipeline {
          agent any
          stages {
            stage('a') { steps { echo 'x' } }
            stage('p') {
              stages {
                stage('a') { steps { echo 'y' } }
              }
            }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func agentAndToolsAreRejectedInAStageWithParallelStages() {
      let text = """
        pipeline {
          agent any
          stages {
            stage('p') {
              agent any
              tools { maven 'm' }
              parallel {
                stage('q') { steps { echo 'x' } }
              }
            }
          }
        }
        """
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.agentInParallelStage, "\"agent\" is not allowed in stage \"p\" as it contains parallel or matrix stages", (5, 7), (5, 16)),
          RuleDiagnostic(.toolsInParallelStage, "\"tools\" is not allowed in stage \"p\" as it contains parallel or matrix stages", (6, 7), (6, 26)),
        ])
      let fixed = """
        pipeline {
          agent any
          stages {
            stage('p') {
              parallel {
                stage('q') { agent any; tools { maven 'm' }; steps { echo 'x' } }
              }
            }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func parallelInsideAParallelBranchIsNestedParallel() {
      let text = """
        pipeline {
          agent any
          stages {
            stage('p') {
              parallel {
                stage('q') {
                  parallel { stage('r') { steps { echo 'x' } } }
                }
                stage('s') {
                  steps { parallel(one: { echo '1' }) }
                }
              }
            }
          }
        }
        """
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.nestedParallel, "\"matrix\" or \"parallel\" cannot be nested inside another \"matrix\" or \"parallel\".", (6, 9), (6, 19)),
          RuleDiagnostic(.nestedParallel, "\"matrix\" or \"parallel\" cannot be nested inside another \"matrix\" or \"parallel\".", (10, 19), (10, 27)),
        ])
      // Sequential stages inside a parallel branch are fine.
      let fixed = """
        pipeline {
          agent any
          stages {
            stage('p') {
              parallel {
                stage('q') {
                  stages { stage('r') { steps { echo 'x' } } }
                }
              }
            }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func failFastMustBeABooleanLiteral() {
      let text = """
        pipeline {
          agent any
          stages {
            stage('p') {
              failFast 'yes'
              parallel { stage('q') { steps { echo 'x' } } }
            }
          }
        }
        """
      #expect(ruleDiagnostics(text) == [RuleDiagnostic(.expectedBoolean, "Expected a boolean with failFast", (5, 7), (5, 15))])
      let fixed = """
        pipeline {
          agent any
          stages {
            stage('p') {
              failFast true
              parallel { stage('q') { steps { echo 'x' } } }
            }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func stageSectionsWrittenWithoutBlockExpectABlock() {
      let text = """
        pipeline {
          agent any
          stages {
            stage('a') { steps 'x' }
            stage('b') { parallel 'x' }
            stage('c') { matrix 'x' }
            stage('d') { stages 'x' }
            stage('e') { when 'x'; options 'x'; tools 'x'; environment 'x'; input 'x'; post 'x'; steps { echo 'x' } }
          }
        }
        """
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.expectedBlock, "Expected a block for steps", (4, 18), (4, 23)),
          // With no branches the stage has nothing to run, as in Jenkins.
          RuleDiagnostic(.nothingForStage, "Expected one of \"steps\", \"stages\", or \"parallel\" for stage \"b\"", (5, 5), (5, 15)),
          RuleDiagnostic(.expectedBlock, "Expected a block for parallel", (5, 18), (5, 26)),
          RuleDiagnostic(.expectedBlock, "Expected a block for matrix", (6, 18), (6, 24)),
          RuleDiagnostic(.expectedBlock, "Expected a block for stages", (7, 18), (7, 24)),
          RuleDiagnostic(.expectedBlock, "Expected a block for when", (8, 18), (8, 22)),
          RuleDiagnostic(.expectedBlock, "Expected a block for options", (8, 28), (8, 35)),
          RuleDiagnostic(.expectedBlock, "Expected a block for tools", (8, 41), (8, 46)),
          RuleDiagnostic(.expectedBlock, "Expected a block for environment", (8, 52), (8, 63)),
          RuleDiagnostic(.expectedBlock, "Expected a block for input", (8, 69), (8, 74)),
          RuleDiagnostic(.expectedBlock, "Expected a block", (8, 80), (8, 84)),
        ])
      let fixed = """
        pipeline {
          agent any
          stages {
            stage('e') {
              when { branch 'main' }
              options { timestamps() }
              tools { maven 'm' }
              environment { A = 'a' }
              input { message 'Go?' }
              post { always { echo 'x' } }
              steps { echo 'x' }
            }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }
  }
}
