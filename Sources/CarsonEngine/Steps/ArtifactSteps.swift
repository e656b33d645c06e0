import CarsonGroovy
import Foundation

/// stash/unstash (kept for this run), archiveArtifacts (to the artifacts directory), junit.
enum ArtifactSteps {
  static let steps: [String: StepImplementation] = [
    "stash": stash,
    "unstash": unstash,
    "archiveArtifacts": { step in try archive(step, pattern: try step.required("artifacts")) },
    "archive": { step in try archive(step, pattern: try step.required("includes")) },
    "junit": junit,
    "publishHTML": publishHTML,
  ]

  /// `publishHTML([reportDir:, reportFiles:, reportName:])`: the report is kept with the artifacts.
  static func publishHTML(_ step: StepInvocation) throws -> GValue {
    var target = step.value("target")
    if target == nil, case .map? = step.arguments.positional.first { target = step.arguments.positional.first }
    guard case .map(let map)? = target else { throw StepFailure("publishHTML: missing the report description") }
    let reportDir = step.context.resolve(Groovy.string(map[string: "reportDir"] ?? .string(".")))
    let name = Groovy.string(map[string: "reportName"] ?? .string("HTML Report"))
    let files = FileGlob.collect(root: reportDir, includes: Groovy.string(map[string: "reportFiles"] ?? .string("index.html")), excludes: nil)
    if files.isEmpty && !Groovy.truthy(map[string: "allowMissing"] ?? .bool(false)) {
      throw StepFailure("Specified HTML directory '\(reportDir)' does not exist.")
    }
    step.context.log("[htmlpublisher] Archiving HTML reports...")
    let run = step.run
    let destination = (run.options.artifactsDirectory ?? "\(run.options.workspace)/.carson/artifacts/\(run.options.jobName)/\(run.buildNumber)") + "/htmlreports/" + name
    if !run.options.dryRun { try FileGlob.copy(files, from: reportDir, to: destination) }
    return .null
  }

  static func stashDirectory(_ run: PipelineRun, _ name: String) -> String {
    run.runDirectory + "/stashes/" + name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
  }

  static func stash(_ step: StepInvocation) throws -> GValue {
    let name = try step.required("name")
    let files = FileGlob.collect(
      root: step.context.directory, includes: step.string("includes"), excludes: step.string("excludes"),
      defaultExcludes: step.bool("useDefaultExcludes", default: true))
    if files.isEmpty && !step.bool("allowEmpty") { throw StepFailure("No files included in stash ‘\(name)’") }
    let target = stashDirectory(step.run, name)
    try? FileManager.default.removeItem(atPath: target)
    try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
    try FileGlob.copy(files, from: step.context.directory, to: target)
    step.context.log("Stashed \(files.count) file(s)")
    return .null
  }

  static func unstash(_ step: StepInvocation) throws -> GValue {
    let name = try step.required("name")
    let source = stashDirectory(step.run, name)
    guard FileManager.default.fileExists(atPath: source) else { throw StepFailure("No such saved stash ‘\(name)’") }
    let files = FileGlob.collect(root: source, includes: nil, excludes: nil, defaultExcludes: false)
    try FileGlob.copy(files, from: source, to: step.context.directory)
    return .null
  }

  static func archive(_ step: StepInvocation, pattern: String) throws -> GValue {
    if step.bool("onlyIfSuccessful") && step.run.build.result != .success {
      step.context.log("Skipped archiving because build is not successful")
      return .null
    }
    let files = FileGlob.collect(root: step.context.directory, includes: pattern, excludes: step.string("excludes"))
    if files.isEmpty {
      if step.bool("allowEmptyArchive") {
        step.context.log("No artifacts found that match the file pattern \"\(pattern)\". Archiving skipped.")
        return .null
      }
      throw StepFailure("No artifacts found that match the file pattern \"\(pattern)\". Configuration error?")
    }
    let run = step.run
    let destination = run.options.artifactsDirectory ?? "\(run.options.workspace)/.carson/artifacts/\(run.options.jobName)/\(run.buildNumber)"
    step.context.log("Archiving artifacts")
    if run.options.dryRun { return .null }
    try FileGlob.copy(files, from: step.context.directory, to: destination)
    return .null
  }

  /// Reads JUnit XML reports; failures or errors make the build and stage UNSTABLE.
  static func junit(_ step: StepInvocation) throws -> GValue {
    let pattern = try step.required("testResults")
    let files = FileGlob.collect(root: step.context.directory, includes: pattern, excludes: nil, defaultExcludes: false)
    if files.isEmpty {
      if step.bool("allowEmptyResults") {
        step.context.log("None of the test reports contained any result")
        return .object(TestSummaryObject(JUnitCounts()))
      }
      throw StepFailure("No test report files were found. Configuration error?")
    }
    step.context.log("Recording test results")
    var counts = JUnitCounts()
    for file in files {
      guard let data = FileManager.default.contents(atPath: step.context.directory + "/" + file) else { continue }
      do {
        counts.add(try JUnitReader.counts(ofReport: [UInt8](data)))
      } catch {
        throw StepFailure("Failed to read test report file \(file): \(error)")
      }
    }
    step.context.log("Tests: \(counts.total), failures: \(counts.failures), errors: \(counts.errors), skipped: \(counts.skipped)")
    if counts.failures + counts.errors > 0 {
      step.run.build.setResult(.unstable)
      step.markStage(.unstable)
    }
    return .object(TestSummaryObject(counts))
  }
}

/// What `junit` returns: `totalCount`, `failCount`, `skipCount`, `passCount`.
final class TestSummaryObject: GObject {
  let counts: JUnitCounts
  init(_ counts: JUnitCounts) { self.counts = counts }
  var groovyClassName: String { "hudson.tasks.junit.TestResultSummary" }

  func getProperty(_ name: String, _ context: EvaluationContext) throws -> GValue {
    switch name {
    case "totalCount": return .int(Int64(counts.total))
    case "failCount": return .int(Int64(counts.failures + counts.errors))
    case "skipCount": return .int(Int64(counts.skipped))
    case "passCount": return .int(Int64(counts.total - counts.failures - counts.errors - counts.skipped))
    default: throw GroovyError.missingProperty(name, groovyClassName)
    }
  }
}
