import CarsonCLI
import Foundation
import Testing

@Suite struct FormatCommandTests {
  static let messy = "pipeline {\n  agent any\n  stages { stage('a') { steps { sh 'make' } } }\n}\n"
  static let tidy = """
    pipeline {
        agent any
        stages {
            stage('a') {
                steps {
                    sh 'make'
                }
            }
        }
    }

    """
  static let broken = "pipeline {\n    agent any\n"

  /// A fresh directory holding `files`, removed by the caller.
  func directory(_ files: [String: String]) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("carson-fmt-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path + "/ci", withIntermediateDirectories: true)
    for (name, text) in files { try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8) }
    return path
  }

  func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

  @Test func rewritesTheDefaultJenkinsfileInPlace() throws {
    let dir = try directory(["Jenkinsfile": Self.messy])
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: dir + "/Jenkinsfile")
    let run = carson(["fmt"], in: dir)
    #expect(run.code == 0)
    #expect(run.stdout == "" && run.stderr == "")
    #expect(try read(dir + "/Jenkinsfile") == Self.tidy)
    let permissions = try FileManager.default.attributesOfItem(atPath: dir + "/Jenkinsfile")[.posixPermissions] as? Int
    #expect(permissions == 0o640)
  }

  @Test func checkListsFilesThatWouldChangeAndRewritesNothing() throws {
    let dir = try directory(["Jenkinsfile": Self.tidy, "ci/deploy.Jenkinsfile": Self.messy])
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let run = carson(["fmt", "--check", "."], in: dir)
    #expect(run.code == 1)
    #expect(run.stdout == "./ci/deploy.Jenkinsfile\n")
    #expect(try read(dir + "/ci/deploy.Jenkinsfile") == Self.messy)
    let clean = carson(["fmt", "--check", "Jenkinsfile"], in: dir)
    #expect(clean.code == 0)
    #expect(clean.stdout == "")
  }

  @Test func aFileWithSyntaxErrorsIsReportedAndNeverRewritten() throws {
    let dir = try directory(["Jenkinsfile": Self.broken, "ok.groovy": Self.messy])
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for arguments in [["fmt", "Jenkinsfile", "ok.groovy"], ["fmt", "--check", "Jenkinsfile"]] {
      let run = carson(arguments, in: dir)
      #expect(run.code == 2)
      #expect(run.stderr.hasPrefix("Jenkinsfile:1:10: error: Missing '}'"))
      #expect(run.stderr.contains("carson: Jenkinsfile was not formatted"))
      #expect(try read(dir + "/Jenkinsfile") == Self.broken)
    }
    #expect(try read(dir + "/ok.groovy") == Self.tidy, "the good file is still formatted")
  }

  @Test func standardInputGoesToStandardOutput() {
    let run = carson(["fmt", "-"], stdin: Self.messy)
    #expect(run.code == 0)
    #expect(run.stdout == Self.tidy)
    let check = carson(["fmt", "--check", "-"], stdin: Self.messy)
    #expect(check.code == 1)
    #expect(check.stdout == "<stdin>\n")
  }

  @Test func aMissingPathExits66() throws {
    let dir = try directory([:])
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let run = carson(["fmt", "nope.groovy"], in: dir)
    #expect(run.code == 66)
    #expect(run.stderr == "carson: error: nope.groovy: no such file or directory\n")
  }
}
