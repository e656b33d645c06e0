import CarsonEngine
import Foundation
import Testing

/// `--stage`, `--skip-stage` and `--from-stage`: which stages run, what the others log, and a
/// clear error for a name the pipeline does not have.
@Suite struct StageSelectionTests {
  static let pipeline = """
    pipeline {
      agent any
      stages {
        stage('Build') { steps { echo 'ran Build' } }
        stage('Test') {
          stages {
            stage('Unit') { steps { echo 'ran Unit' } }
            stage('Lint') { steps { echo 'ran Lint' } }
          }
        }
        stage('Checks') {
          parallel {
            stage('Fast') { steps { echo 'ran Fast' } }
            stage('Slow') { steps { echo 'ran Slow' } }
          }
        }
        stage('Deploy') { steps { echo 'ran Deploy' } }
      }
      post { always { echo 'post ran' } }
    }
    """

  static let leaves = ["Build", "Unit", "Lint", "Fast", "Slow", "Deploy"]

  /// The leaf stages whose step ran, in the order they are written.
  func ran(_ run: EngineRun) -> [String] {
    Self.leaves.filter { run.plain.contains("ran \($0)") }
  }

  func run(_ configure: @escaping (inout RunOptions) -> Void) throws -> EngineRun {
    try runPipeline(Self.pipeline, configure: configure)
  }

  @Test func stageRunsOnlyTheNamedStagesAndWhatContainsThem() throws {
    let run = try run { $0.onlyStages = ["Lint", "Deploy"] }
    #expect(run.result == .success)
    #expect(ran(run) == ["Lint", "Deploy"])
    #expect(run.plain.contains("Stage \"Build\" skipped: not selected with --stage"))
    #expect(run.plain.contains("Stage \"Unit\" skipped: not selected with --stage"))
    #expect(run.plain.contains("post ran"))
  }

  @Test func skipStageLeavesOutTheStageAndWhatItContains() throws {
    let run = try run { $0.skipStages = ["Test", "Slow"] }
    #expect(run.result == .success)
    #expect(ran(run) == ["Build", "Fast", "Deploy"])
    #expect(run.plain.contains("Stage \"Test\" skipped with --skip-stage"))
    #expect(run.plain.contains("Stage \"Slow\" skipped with --skip-stage"))
    // The stages inside a skipped one are reported as skipped too, for the same reason.
    #expect(run.json.contains(#""stage":"Unit""#) && run.json.contains(#""skipReason":"user""#))
  }

  @Test func fromStageSkipsWhatIsWrittenBeforeIt() throws {
    let nested = try run { $0.fromStage = "Lint" }
    #expect(ran(nested) == ["Lint", "Fast", "Slow", "Deploy"])
    #expect(nested.plain.contains("Stage \"Build\" skipped: it comes before --from-stage \"Lint\""))
    #expect(nested.plain.contains("Stage \"Unit\" skipped: it comes before --from-stage \"Lint\""))
    #expect(!nested.plain.contains("Stage \"Test\" skipped"), "the stage containing the start runs")
    let topLevel = try run { $0.fromStage = "Deploy" }
    #expect(ran(topLevel) == ["Deploy"])
    #expect(topLevel.plain.contains("post ran"))
  }

  @Test func theOptionsCombine() throws {
    let run = try run {
      $0.fromStage = "Test"
      $0.skipStages = ["Fast"]
    }
    #expect(ran(run) == ["Unit", "Lint", "Slow", "Deploy"])
  }

  @Test func anUnknownStageNameIsAnErrorNamingTheStages() {
    for configure: (inout RunOptions) -> Void in [{ $0.onlyStages = ["Deplyo"] }, { $0.skipStages = ["Deplyo"] }, { $0.fromStage = "Deplyo" }] {
      #expect {
        _ = try run(configure)
      } throws: { error in
        let text = "\(error)"
        return text.contains("'Deplyo': the pipeline has no stage of that name (its stages: Build, Test, Unit, Lint, Checks, Fast, Slow, Deploy)")
          && (text.hasPrefix("--stage") || text.hasPrefix("--skip-stage") || text.hasPrefix("--from-stage"))
      }
    }
  }
}
