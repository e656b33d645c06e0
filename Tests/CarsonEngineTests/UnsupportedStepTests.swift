import CarsonEngine
import Foundation
import Testing

/// A step Jenkins has but `carson run` does not implement is announced before the first stage,
/// with its place, instead of being found when a stage reaches it.
@Suite struct UnsupportedStepTests {
  @Test func aPluginStepCarsonDoesNotRunIsAWarningBeforeTheFirstStage() throws {
    let run = try runPipeline("""
      def helper() { echo 'helper ran' }
      pipeline {
        agent any
        stages {
          stage('Build') { steps { echo 'built' } }
          stage('Report') {
            steps {
              timeout(time: 1, unit: 'MINUTES') { allure(results: [[path: 'out']]) }
              helper()
            }
          }
        }
        post { always { script { allure(results: []) } } }
      }
      """)
    let warning = "WARNING: Jenkinsfile:8:45: carson run does not implement the step 'allure' (allure-jenkins-plugin plugin): stage 'Report' will fail when it gets there"
    #expect(run.plain.contains(warning), "\(run.plain)")
    // Once, before the first stage; not for the call inside `script {}`, nor for the
    // Jenkinsfile's own method or the steps Carson runs.
    #expect(run.plain.components(separatedBy: "does not implement").count == 2)
    let warned = try #require(run.plain.range(of: warning)), built = try #require(run.plain.range(of: "built"))
    #expect(warned.lowerBound < built.lowerBound)
    // The stage then fails as it always did.
    #expect(run.result == .failure)
    #expect(run.plain.contains("No such DSL method 'allure'"))
  }

  @Test func aPipelineOfSupportedStepsHasNoWarning() throws {
    let run = try runPipeline("""
      pipeline {
        agent any
        stages { stage('A') { steps { echo 'a'; sh 'true'; timeout(1) { echo 'b' } } } }
      }
      """)
    #expect(run.result == .success)
    #expect(!run.plain.contains("WARNING"))
  }
}
