import CarsonEngine
import Foundation
import Testing

/// `cleanWs()` and `deleteDir()` never delete the Jenkinsfile's own directory.
@Suite struct WorkspaceSafetyTests {
  static let pipeline = """
    pipeline {
      agent any
      stages { stage('A') { steps { writeFile file: 'build/out.txt', text: 'x'; dir('build') { deleteDir() } } } }
      post { always { cleanWs(); deleteDir() } }
    }
    """

  @Test func sourceDirectoryUsedAsWorkspaceIsKept() throws {
    let scratch = Scratch()
    #expect(FileManager.default.createFile(atPath: scratch.workspace + "/precious.txt", contents: Data("mine".utf8)))
    let run = try runPipeline(Self.pipeline, scratch: scratch)
    #expect(run.result == .success)
    #expect(FileManager.default.fileExists(atPath: scratch.workspace + "/precious.txt"))
    // A subdirectory may still be deleted.
    #expect(!FileManager.default.fileExists(atPath: scratch.workspace + "/build"))
    #expect(run.plain.contains("WARNING: not deleting"))
  }

  @Test func aSeparateWorkspaceIsCleaned() throws {
    let scratch = Scratch()
    let source = scratch.path + "/source"
    try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
    #expect(FileManager.default.createFile(atPath: scratch.workspace + "/leftover.txt", contents: Data("old".utf8)))
    let run = try runPipeline(Self.pipeline, scratch: scratch, configure: { $0.sourceDirectory = source })
    #expect(run.result == .success)
    #expect(!FileManager.default.fileExists(atPath: scratch.workspace + "/leftover.txt"))
    #expect(!run.plain.contains("WARNING: not deleting"))
  }
}
