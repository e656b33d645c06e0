import CarsonModel
import CarsonSyntax
import Testing

// matrix: axes, excludes, nesting.

extension ValidatorRuleTests {
  @Suite struct Matrix {
    /// A pipeline with a matrix stage whose `matrix { … }` holds `body` (from line 6).
    func pipeline(matrix body: String) -> String {
      """
      pipeline {
        agent any
        stages {
          stage('m') {
            matrix {
      \(body)
            }
          }
        }
      }
      """
    }

    let stages = "        stages { stage('x') { steps { echo 'x' } } }"
    let identifierRule =
      "is not a valid identifier and cannot be used for an environment variable. Identifiers must start with a letter or underscore and can contain only letters, numbers or underscores."

    @Test func wellFormedMatrixIsClean() {
      let text = pipeline(
        matrix: """
                  axes {
                    axis { name 'OS'; values 'linux', 'mac' }
                    axis { name 'JDK'; values 8, 11, true }
                  }
                  excludes {
                    exclude {
                      axis { name 'OS'; values 'mac' }
                      axis { name 'JDK'; notValues 11 }
                    }
                  }
                  agent { label "${OS}" }
                  stages { stage('x') { steps { echo 'x' } } }
          """)
      #expect(ruleDiagnostics(text) == [])
    }

    @Test func matrixWithoutAxesOrStagesIsReportedOverTheMatrix() {
      let text = pipeline(matrix: "")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.missingRequiredSection, "Missing required section \"axes\"", (5, 7), (7, 8)),
          RuleDiagnostic(.missingRequiredSection, "Missing required section \"stages\"", (5, 7), (7, 8)),
        ])
      #expect(ruleDiagnostics(pipeline(matrix: "        axes { axis { name 'A'; values 'a', 'b' } }\n\(stages)")) == [])
    }

    @Test func emptyAxesAndEmptyExcludeHaveNoAxisDirectives() {
      let text = pipeline(
        matrix: """
                  axes { }
                  excludes { exclude { } }
          \(stages)
          """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.noAxes, "No axis directives specified", (6, 9), (6, 17)),
          RuleDiagnostic(.noAxes, "No axis directives specified", (7, 20), (7, 31)),
        ])
      #expect(ruleDiagnostics(pipeline(matrix: "        axes { axis { name 'A'; values 'a', 'b' } }\n        excludes { exclude { axis { name 'A'; values 'a' } } }\n\(stages)")) == [])
    }

    @Test func emptyExcludesHasNoExcludeDirectives() {
      let text = pipeline(
        matrix: """
                  axes { axis { name 'A'; values 'a' } }
                  excludes { }
          \(stages)
          """)
      #expect(ruleDiagnostics(text) == [RuleDiagnostic(.noExcludes, "No exclude directives specified", (7, 9), (7, 21))])
      #expect(ruleDiagnostics(pipeline(matrix: "        axes { axis { name 'A'; values 'a', 'b' } }\n\(stages)")) == [])
    }

    @Test func duplicateAxisNamesAndValuesAreReportedAtTheRepeat() {
      let text = pipeline(
        matrix: """
                  axes {
                    axis { name 'OS'; values 'linux', 'mac', 'linux' }
                    axis { name 'OS'; values 'a' }
                  }
          \(stages)
          """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.duplicateAxisValue, "Duplicate axis value: \"linux\"", (7, 52), (7, 59)),
          RuleDiagnostic(.duplicateAxisName, "Duplicate axis name: \"OS\"", (8, 23), (8, 27)),
        ])
      #expect(ruleDiagnostics(pipeline(matrix: "        axes {\n          axis { name 'OS'; values 'linux', 'mac' }\n          axis { name 'ARCH'; values 'a' }\n        }\n\(stages)")) == [])
    }

    @Test func duplicatesInsideAnExcludeAreReportedToo() {
      let text = pipeline(
        matrix: """
                  axes { axis { name 'OS'; values 'a', 'b' } }
                  excludes {
                    exclude {
                      axis { name 'OS'; values 'a' }
                      axis { name 'OS'; notValues 'b', 'b' }
                    }
                  }
          \(stages)
          """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.duplicateAxisName, "Duplicate axis name: \"OS\"", (10, 25), (10, 29)),
          RuleDiagnostic(.duplicateAxisValue, "Duplicate axis value: \"b\"", (10, 46), (10, 49)),
        ])
      #expect(ruleDiagnostics(pipeline(matrix: "        axes { axis { name 'OS'; values 'a', 'b' }; axis { name 'X'; values 'c' } }\n        excludes { exclude { axis { name 'OS'; notValues 'b' }; axis { name 'X'; values 'c' } } }\n\(stages)")) == [])
    }

    @Test func axisNameMustBeAnIdentifierStringLiteral() {
      let text = pipeline(
        matrix: """
                  axes {
                    axis { name '1NUM'; values 'a' }
                    axis { name 'HY-PHEN'; values 'a' }
                    axis { name "${x}"; values 'a' }
                  }
          \(stages)
          """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.invalidIdentifier, "\"1NUM\" \(identifierRule)", (7, 23), (7, 29)),
          RuleDiagnostic(.invalidIdentifier, "\"HY-PHEN\" \(identifierRule)", (8, 23), (8, 32)),
          RuleDiagnostic(.expectedStringLiteral, "Expected string literal", (9, 23), (9, 29)),
        ])
      #expect(ruleDiagnostics(pipeline(matrix: "        axes { axis { name 'NUM_1'; values 'a' }; axis { name '_HY'; values 'a' } }\n\(stages)")) == [])
    }

    @Test func axisValueMustBeALiteral() {
      let text = pipeline(
        matrix: """
                  axes {
                    axis { name 'A'; values "${v}", [1, 2], 'ok' }
                  }
          \(stages)
          """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.expectedLiteralAxisValue, "Expected string literal but got \"${v}\"", (7, 35), (7, 41)),
          RuleDiagnostic(.expectedLiteralAxisValue, "Expected string literal but got ${[1, 2]}", (7, 43), (7, 49)),
        ])
      #expect(ruleDiagnostics(pipeline(matrix: "        axes { axis { name 'A'; values 'v', 1, 2, 'ok' } }\n\(stages)")) == [])
    }

    @Test func axisWithoutNameOrValuesMissesTheSection() {
      let text = pipeline(
        matrix: """
                  axes {
                    axis { values 'a' }
                    axis { name 'B' }
                  }
          \(stages)
          """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.missingRequiredSection, "Missing required section \"name\"", (7, 11), (7, 30)),
          RuleDiagnostic(.missingRequiredSection, "Missing required section \"values\"", (8, 11), (8, 28)),
        ])
      #expect(ruleDiagnostics(pipeline(matrix: "        axes { axis { name 'A'; values 'a' }; axis { name 'B'; values 'b' } }\n\(stages)")) == [])
    }

    @Test func notValuesIsOnlyAllowedInExcludes() {
      let text = pipeline(
        matrix: """
                  axes {
                    axis { name 'C'; notValues 'a' }
                  }
          \(stages)
          """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.missingRequiredSection, "Missing required section \"values\"", (7, 11), (7, 43)),
          RuleDiagnostic(.undefinedSection, "Undefined section \"notValues\"", (7, 28), (7, 37)),
        ])
      #expect(ruleDiagnostics(pipeline(matrix: "        axes { axis { name 'C'; values 'a', 'b' } }\n        excludes { exclude { axis { name 'C'; notValues 'a' } } }\n\(stages)")) == [])
    }

    @Test func excludeAxisTakesValuesOrNotValuesButNotBoth() {
      let text = pipeline(
        matrix: """
                  axes { axis { name 'OS'; values 'linux', 'mac' } }
                  excludes {
                    exclude {
                      axis { name 'OS'; values 'linux'; notValues 'mac' }
                    }
                  }
          \(stages)
          """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.excludeValuesAndNotValues, "Exclude axis must contain either \"values\" or \"notValues\"", (9, 13), (9, 64))
        ])
      #expect(ruleDiagnostics(pipeline(matrix: "        axes { axis { name 'OS'; values 'linux', 'mac' } }\n        excludes { exclude { axis { name 'OS'; values 'linux' } } }\n\(stages)")) == [])
    }

    @Test func axisFieldArgumentsAreCounted() {
      let text = pipeline(
        matrix: """
                  axes {
                    axis { name 'E'; values() }
                    axis { name 'G', 'H'; values 'a' }
                  }
          \(stages)
          """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.noArgumentForField, "No argument for field \"values\"", (7, 28), (7, 34)),
          RuleDiagnostic(.missingRequiredSection, "Missing required section \"name\"", (8, 11), (8, 45)),
          RuleDiagnostic(.tooManyArguments, "Too many arguments for field \"name\"", (8, 18), (8, 22)),
        ])
      #expect(ruleDiagnostics(pipeline(matrix: "        axes { axis { name 'E'; values 'e' }; axis { name 'G'; values 'a' } }\n\(stages)")) == [])
    }

    @Test func unknownEntriesInAxesAxisAndMatrixAreReported() {
      let text = pipeline(
        matrix: """
                  axes {
                    axis { name 'F'; values 'a'; banana 'x' }
                    'x'
                    axis 'y'
                  }
                  banana { }
          \(stages)
          """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.undefinedSection, "Undefined section \"banana\"", (7, 40), (7, 46)),
          RuleDiagnostic(.expectedAxis, "Expected an axis", (8, 11), (8, 14)),
          RuleDiagnostic(.expectedBlock, "Expected a block for axis", (9, 11), (9, 15)),
          RuleDiagnostic(.undefinedSection, "Undefined section \"banana\"", (11, 9), (11, 15)),
        ])
      #expect(ruleDiagnostics(pipeline(matrix: "        axes { axis { name 'F'; values 'a' } }\n\(stages)")) == [])
    }

    @Test func excludesEntryThatIsNotAnExcludeIsUndefined() {
      let text = pipeline(
        matrix: """
                  axes { axis { name 'A'; values 'a', 'b' } }
                  excludes {
                    exclude { axis { name 'A'; values 'a' } }
                    'y'
                  }
          \(stages)
          """)
      #expect(ruleDiagnostics(text) == [RuleDiagnostic(.undefinedSection, "Undefined section \"'y'\"", (9, 11), (9, 14))])
      #expect(ruleDiagnostics(pipeline(matrix: "        axes { axis { name 'A'; values 'a', 'b' } }\n        excludes { exclude { axis { name 'A'; values 'a' } } }\n\(stages)")) == [])
    }

    @Test func excludeWithoutBlockOnlyExpectsABlock() {
      let text = pipeline(
        matrix: """
                  axes { axis { name 'A'; values 'a', 'b' } }
                  excludes {
                    exclude { axis { name 'A'; values 'a' } }
                    exclude 'x'
                  }
          \(stages)
          """)
      #expect(ruleDiagnostics(text) == [RuleDiagnostic(.expectedBlock, "Expected a block for exclude", (9, 11), (9, 18))])
    }

    @Test func matrixSectionsWithoutBlockExpectABlock() {
      let text = pipeline(matrix: "        axes 'z'\n        stages 'q'\n        excludes 'e'")
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.expectedBlock, "Expected a block for axes", (6, 9), (6, 13)),
          RuleDiagnostic(.expectedBlock, "Expected a block for stages", (7, 9), (7, 15)),
          RuleDiagnostic(.expectedBlock, "Expected a block for excludes", (8, 9), (8, 17)),
        ])
      #expect(ruleDiagnostics(pipeline(matrix: "        axes { axis { name 'A'; values 'a', 'b' } }\n\(stages)\n        excludes { exclude { axis { name 'A'; values 'b' } } }")) == [])
    }

    @Test func matrixDirectivesAreValidatedLikeStageDirectives() {
      let text = pipeline(
        matrix: """
                  axes { axis { name 'A'; values 'a' } }
                  agent { banana 'x' }
                  environment { }
                  tools { }
                  when { }
                  input { id 'x' }
                  post { }
          \(stages)
          """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.invalidAgentType, "Invalid agent type \"banana\" specified. Must be one of \(agentTypeList)", (7, 17), (7, 23)),
          RuleDiagnostic(.noEnvironmentVariables, "No variables specified for environment", (8, 9), (8, 24)),
          RuleDiagnostic(.noTools, "No tools specified", (9, 9), (9, 18)),
          RuleDiagnostic(.emptyWhen, "Empty when closure, remove the property or add some content.", (10, 9), (10, 17)),
          RuleDiagnostic(.missingInputMessage, "No message specified for input", (11, 9), (11, 25)),
          RuleDiagnostic(.emptySection, "post can not be empty", (12, 9), (12, 17)),
        ])
      let fixed = pipeline(
        matrix: """
                  axes { axis { name 'A'; values 'a' } }
                  agent { label 'x' }
                  environment { E = 'e' }
                  tools { maven 'm' }
                  when { branch 'main' }
                  input { message 'Go?' }
                  post { always { echo 'x' } }
          \(stages)
          """)
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func matrixStagesCannotNestAnotherMatrixOrParallel() {
      let text = pipeline(
        matrix: """
                  axes { axis { name 'A'; values 'a' } }
                  stages {
                    stage('x') {
                      parallel { stage('y') { steps { echo 'x' } } }
                    }
                  }
          """)
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.nestedParallel, "\"matrix\" or \"parallel\" cannot be nested inside another \"matrix\" or \"parallel\".", (8, 11), (8, 21))
        ])
      let fixed = pipeline(
        matrix: """
                  axes { axis { name 'A'; values 'a' } }
                  stages {
                    stage('x') {
                      stages { stage('y') { steps { echo 'x' } } }
                    }
                  }
          """)
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func stageWithMatrixCannotHaveAgentToolsOrSteps() {
      let text = """
        pipeline {
          agent any
          stages {
            stage('m') {
              agent any
              tools { maven 'm' }
              steps { echo 'x' }
              matrix {
                axes { axis { name 'A'; values 'a' } }
                stages { stage('x') { steps { echo 'x' } } }
              }
            }
          }
        }
        """
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.onlyOneOfStepsStagesParallel, "Only one of \"matrix\", \"parallel\", \"stages\", or \"steps\" allowed for stage \"m\"", (4, 5), (4, 15)),
          RuleDiagnostic(.agentInParallelStage, "\"agent\" is not allowed in stage \"m\" as it contains parallel or matrix stages", (5, 7), (5, 16)),
          RuleDiagnostic(.toolsInParallelStage, "\"tools\" is not allowed in stage \"m\" as it contains parallel or matrix stages", (6, 7), (6, 26)),
        ])
      let fixed = """
        pipeline {
          agent any
          stages {
            stage('m') {
              matrix {
                agent any
                tools { maven 'm' }
                axes { axis { name 'A'; values 'a' } }
                stages { stage('x') { steps { echo 'x' } } }
              }
            }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }

    @Test func matrixInsideAParallelBranchIsNestedParallel() {
      let text = """
        pipeline {
          agent any
          stages {
            stage('p') {
              parallel {
                stage('m') {
                  matrix {
                    axes { axis { name 'A'; values 'a' } }
                    stages { stage('x') { steps { echo 'x' } } }
                  }
                }
              }
            }
          }
        }
        """
      #expect(
        ruleDiagnostics(text) == [
          RuleDiagnostic(.nestedParallel, "\"matrix\" or \"parallel\" cannot be nested inside another \"matrix\" or \"parallel\".", (6, 9), (6, 19))
        ])
      let fixed = """
        pipeline {
          agent any
          stages {
            stage('p') {
              parallel {
                stage('m') { steps { echo 'x' } }
              }
            }
            stage('m') {
              matrix {
                axes { axis { name 'A'; values 'a' } }
                stages { stage('x') { steps { echo 'x' } } }
              }
            }
          }
        }
        """
      #expect(ruleDiagnostics(fixed) == [])
    }
  }
}
