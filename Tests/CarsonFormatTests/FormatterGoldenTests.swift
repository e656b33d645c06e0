import CarsonFormat
import CarsonSyntax
import CarsonTestSupport
import Foundation
import Testing

/// `fixtures/fmt/NAME.Jenkinsfile` formats to `fixtures/fmt/NAME.formatted`; `UPDATE_GOLDENS=1`
/// rewrites the `.formatted` files instead of comparing.
@Suite struct FormatterGoldenTests {
  static let directory = SharedCorpus.repositoryRoot.appendingPathComponent("fixtures/fmt")

  static var cases: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".Jenkinsfile") }.map { String($0.dropLast(".Jenkinsfile".count)) }.sorted()
  }

  @Test func fixturesExist() {
    #expect(Self.cases.count >= 8, "fixtures/fmt should hold the golden cases")
  }

  @Test(arguments: cases) func formatsToGolden(_ name: String) throws {
    let input = try Data(contentsOf: Self.directory.appendingPathComponent(name + ".Jenkinsfile"))
    let source = SourceFile(path: name + ".Jenkinsfile", bytes: Array(input))
    let formatted = try #require(JenkinsfileFormatter.format(source), "\(name) has syntax errors")
    let goldenURL = Self.directory.appendingPathComponent(name + ".formatted")
    if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
      try Data(formatted.utf8).write(to: goldenURL)
    }
    let golden = String(decoding: try Data(contentsOf: goldenURL), as: UTF8.self)
    #expect(formatted == golden, "fixtures/fmt/\(name).formatted differs (UPDATE_GOLDENS=1 rewrites it)")
    #expect(FormatInvariants.problems(original: source, formatted: formatted) == [])
    let again = JenkinsfileFormatter.format(SourceFile(path: name, text: formatted))
    #expect(again == formatted, "formatting \(name) twice changes it again")
  }
}
