import CarsonFormat
import CarsonSyntax
import Testing

@Suite struct FormatterTests {
  func format(_ text: String) -> String? {
    JenkinsfileFormatter.format(SourceFile(path: "Jenkinsfile", text: text))
  }

  @Test func syntaxErrorGivesNil() {
    #expect(format("pipeline {\n  stages {\n    stage('a') { steps { sh 'x' }\n") == nil)
    #expect(format("pipeline { agent any; stages { stage('a') { steps { sh \"unterminated } } } }") == nil)
  }

  @Test func invalidUTF8GivesNilInsteadOfLosingBytes() {
    let bytes = Array("pipeline {\n  agent any // caf".utf8) + [0xE9] + Array("\n}\n".utf8)
    #expect(JenkinsfileFormatter.format(SourceFile(path: "Jenkinsfile", bytes: bytes)) == nil)
  }

  @Test func oneLinePipelineIsBrokenIntoOneDirectivePerLine() {
    let text = "pipeline { agent any; stages { stage('Build') { steps { sh 'make'; echo \"done\" } } } }"
    #expect(
      format(text) == """
        pipeline {
            agent any
            stages {
                stage('Build') {
                    steps {
                        sh 'make'
                        echo "done"
                    }
                }
            }
        }

        """)
  }

  @Test func semicolonsBetweenDeclarativeStatementsBecomeLineBreaks() {
    #expect(format("pipeline { agent any ; stages { stage('a') { steps { echo 'x' ; } } } ; }\n")?.contains(";") == false)
    // Before a bracket a `;` stays: the statement would otherwise read differently.
    let kept = format("pipeline { agent any\n stages { stage('a') { steps { echo 'x'; [1].each { echo it } } } } }\n")
    #expect(kept?.contains("                echo 'x';\n                [1].each { echo it }\n") == true)
    // Inside `script { }` and in Groovy code the line structure is the author's.
    #expect(format("pipeline { agent any\n stages { stage('a') { steps { script { a = 1; b = 2 } } } } }\n")?.contains("a = 1; b = 2\n") == true)
  }

  @Test func allmanBracesMoveUpUnlessACommentIsInTheWay() {
    let text = "pipeline\n{\n  agent any\n  stages\n  {\n    stage('a') // first\n    {\n      steps { sh 'x' }\n    }\n  }\n}\n"
    #expect(
      format(text) == """
        pipeline {
            agent any
            stages {
                stage('a') // first
                {
                    steps {
                        sh 'x'
                    }
                }
            }
        }

        """)
  }

  @Test func multiLineStringsAreKeptByteForByte() {
    let script = "sh '''\n\t  make \\\n     all   \n'''"
    let text = "pipeline {\nagent any\nstages {\nstage('a') {\nsteps {\n\(script)\nsh \"\"\"\n  echo ${x}\n\"\"\"\n}\n}\n}\n}\n"
    let formatted = format(text) ?? ""
    #expect(formatted.contains("            " + script + "\n"))
    #expect(formatted.contains("            sh \"\"\"\n  echo ${x}\n\"\"\"\n"))
  }

  @Test func scriptBodyKeepsItsLinesButIsReindented() {
    let text = """
      pipeline {
       agent any
       stages { stage('a') { steps { script {
       def xs = [1, 2].collect { it * 2 }; echo "${xs}"
       if (xs) { echo 'yes' } else { echo 'no' }
       } } } }
      }
      """
    #expect(
      format(text) == """
        pipeline {
            agent any
            stages {
                stage('a') {
                    steps {
                        script {
                            def xs = [1, 2].collect { it * 2 }; echo "${xs}"
                            if (xs) { echo 'yes' } else { echo 'no' }
                        }
                    }
                }
            }
        }

        """)
  }

  @Test func blankLinesCollapseToOneAndLeadingOnesGo() {
    let text = "\n\n// top\n\n\n\npipeline {\n  agent any\n\n\n\n  stages { stage('a') { steps { echo 'x' } } }\n}\n\n\n"
    #expect(format(text)?.hasPrefix("// top\n\npipeline {\n    agent any\n\n    stages {\n") == true)
    #expect(format(text)?.hasSuffix("}\n") == true)
    #expect(format(text)?.hasSuffix("\n\n") == false)
  }

  @Test func commentsStayWhereTheyWere() throws {
    let text = """
      /* header
         block */
      pipeline { // the pipeline
        agent any   // aligned trailing comment
          // own line, before a directive
        stages {
          stage('a') { /* inline */ steps { sh 'x' /* after */ } }
          // last in block
        }
      }
      // end
      """
    let formatted = try #require(format(text))
    #expect(
      formatted == """
        /* header
           block */
        pipeline { // the pipeline
            agent any   // aligned trailing comment
            // own line, before a directive
            stages {
                stage('a') { /* inline */
                    steps {
                        sh 'x' /* after */
                    }
                }
                // last in block
            }
        }
        // end

        """)
  }

  @Test func continuationLinesGetOneExtraLevel() {
    let text = """
      pipeline {
      agent any
      stages { stage('a') { steps {
      withCredentials([usernamePassword(credentialsId: 'c',
      usernameVariable: 'U', passwordVariable: 'P')]) {
      sh script: 'make',
      returnStatus: true
      }
      } } }
      }
      """
    #expect(
      format(text) == """
        pipeline {
            agent any
            stages {
                stage('a') {
                    steps {
                        withCredentials([usernamePassword(credentialsId: 'c',
                            usernameVariable: 'U', passwordVariable: 'P')]) {
                            sh script: 'make',
                                returnStatus: true
                        }
                    }
                }
            }
        }

        """)
  }

  @Test func crlfFilesStayCRLF() {
    let formatted = format("pipeline {\r\n  agent any\r\n}\r\n")
    #expect(formatted == "pipeline {\r\n    agent any\r\n}\r\n")
  }

  @Test func emptyAndCommentOnlyFiles() {
    #expect(format("") == "")
    #expect(format("\n\n") == "")
    #expect(format("  // only a comment  \n") == "// only a comment\n")
  }
}
