import CarsonModel
import CarsonSyntax
import CarsonTestSupport
import Foundation
import Testing

/// Files of Jenkins' own corpus that Carson does not hold to the manifest, each with the
/// reason (also listed in docs/conformance.md; a test keeps the two lists the same).
let conformanceExclusions: [String: String] = [
  "jenkinsfiles/matrix__matrixStagesGroupsAndStages.groovy":
    "marked valid only because its test is @Ignore'd; it has a matrix without 'axes', which Jenkins' validator rejects (as errors__matrixMissingAxes shows)",
  "jenkinsfiles/matrix__matrixStagesHaveStatusAndPost.groovy":
    "marked valid only because its test is @Ignore'd; it has a matrix without 'axes', which Jenkins' validator rejects (as errors__matrixMissingAxes shows)",
  "jenkinsfiles/matrix__matrixStagesNestedInSequential.groovy":
    "marked valid only because its test is @Ignore'd; it has a matrix without 'axes', which Jenkins' validator rejects (as errors__matrixMissingAxes shows)",
  "jenkinsfiles/matrix__matrixStagesShouldntTriggerNSE.groovy":
    "marked valid only because its test is @Ignore'd; it has a matrix without 'axes', which Jenkins' validator rejects (as errors__matrixMissingAxes shows)",
]

/// Tools configured in Jenkins' test harness (`fixtures.*.tools` in the manifest).
let conformanceTools = ["maven": ["apache-maven-3.0.1", "apache-maven-3.5.0"], "ant": ["default"]]

/// Whether Carson's message satisfies an expected Jenkins message. Messages that list the
/// agent types of Jenkins' test installation (with the test-only `otherField`) are compared up
/// to that list, since Carson lists the real agent types.
func matches(_ message: String, _ expected: JSONValue) -> Bool {
  guard let text = expected["message"]?.stringValue else { return false }
  if expected["partial"]?.boolValue == true { return message.hasPrefix(text) || message.contains(text) }
  if message.contains(text) { return true }
  if text.contains("otherField"), let cut = text.range(of: "Must be one of") {
    return message.hasPrefix(String(text[..<cut.upperBound]))
  }
  return false
}

@Suite struct ConformanceTests {
  @Test func jenkinsCorpusValidAndInvalidFiles() throws {
    guard SharedCorpus.root != nil else {
      print(SharedCorpus.skipMessage("Jenkins conformance corpus"))
      return
    }
    var counts = (valid: 0, validPassed: 0, invalid: 0, invalidPassed: 0, extension: 0, excluded: 0, lines: 0, linesPassed: 0)
    var failures: [String] = []
    for entry in SharedCorpus.conformanceManifest {
      guard let file = entry["file"]?.stringValue, let kind = entry["kind"]?.stringValue else { continue }
      if conformanceExclusions[file] != nil {
        counts.excluded += 1
        continue
      }
      if entry["requires_test_extension"] != nil && entry["requires_test_extension"] != .bool(false) {
        counts.extension += 1
        continue
      }
      let bytes = try #require(SharedCorpus.read("conformance/" + file))
      let source = SourceFile(path: file, bytes: bytes)
      let result = Linter.check(source, options: ValidationOptions(installedTools: conformanceTools))
      let errors = result.diagnostics.filter { $0.severity == .error }
      if kind == "invalid" {
        counts.invalid += 1
        // A file without any pipeline is what Jenkins' declarative linter rejects with "did not
        // contain the 'pipeline' step"; Carson reports it as not declarative (and will not run it).
        var ok = !errors.isEmpty || (result.kind != .declarative && (entry["errors"]?.arrayValue ?? []).isEmpty)
        for expected in entry["errors"]?.arrayValue ?? [] {
          let found = errors.filter { matches($0.message, expected) }
          if found.isEmpty {
            ok = false
            failures.append("\(file): missing \"\(expected["message"]?.stringValue ?? "")\"; got \(errors.map(\.message))")
          }
          if let line = expected["line"]?.intValue {
            counts.lines += 1
            if found.contains(where: { source.location(of: $0.range.start).line == line }) {
              counts.linesPassed += 1
            } else {
              failures.append("\(file): expected on line \(line), got lines \(found.map { source.location(of: $0.range.start).line })")
            }
          }
        }
        if ok { counts.invalidPassed += 1 } else if (entry["errors"]?.arrayValue ?? []).isEmpty {
          failures.append("\(file): Jenkins rejects it but Carson reports no error")
        }
      } else {
        counts.valid += 1
        if errors.isEmpty {
          counts.validPassed += 1
        } else {
          failures.append("\(file): \(kind) file has errors: \(errors.map { "\(source.location(of: $0.range.start).line): \($0.message)" })")
        }
      }
    }
    FileHandle.standardError.write(
      Data(
        """
        conformance: valid+runtime \(counts.validPassed)/\(counts.valid) lint clean; invalid \(counts.invalidPassed)/\(counts.invalid) with every expected message; \
        lines \(counts.linesPassed)/\(counts.lines); \(counts.extension) need a test-only Jenkins extension; \(counts.excluded) excluded

        """.utf8))
    #expect(failures.isEmpty, "\(failures.count) conformance failures:\n\(failures.joined(separator: "\n"))")
  }

  @Test func exclusionsAreDocumented() throws {
    let doc = try String(contentsOf: SharedCorpus.repositoryRoot.appendingPathComponent("docs/conformance.md"), encoding: .utf8)
    for file in conformanceExclusions.keys {
      let name = (file as NSString).lastPathComponent
      #expect(doc.contains(name), "docs/conformance.md does not list \(name)")
    }
  }
}
