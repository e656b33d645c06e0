@testable import CarsonEngine
import CarsonTestSupport
import Foundation
import Testing

/// docs/run-steps.md lists exactly the steps `carson run` implements.
@Suite struct RunStepsDocumentationTests {
  @Test func everyImplementedStepIsDocumentedAndNothingElse() throws {
    let text = try String(contentsOf: SharedCorpus.repositoryRoot.appendingPathComponent("docs/run-steps.md"), encoding: .utf8)
    // Table rows: "| `a`, `b` | …": the first cell names the steps.
    var documented: Set<String> = []
    for line in text.split(separator: "\n") where line.hasPrefix("| `") {
      let cell = line.dropFirst(2).prefix { $0 != "|" }
      for name in cell.split(separator: ",") { documented.insert(name.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`"))) }
    }
    let implemented = Set(StepLibrary.all().keys)
    #expect(implemented.subtracting(documented).sorted() == [], "implemented but not in docs/run-steps.md")
    #expect(documented.subtracting(implemented).sorted() == [], "in docs/run-steps.md but not implemented")
  }
}
