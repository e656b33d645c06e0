import CarsonExec
import CarsonTestSupport
import Foundation
import Testing

@testable import CarsonEngine

/// Counting `<testcase>` outcomes, on small documents for each rule and on reports that real
/// tools (pytest; Python's unittest with xml.etree) write at test time.
@Suite struct JUnitReportTests {
  static func counts(_ xml: String) throws -> JUnitCounts { try JUnitReader.counts(ofReport: Array(xml.utf8)) }

  static func counts(total: Int, failures: Int = 0, errors: Int = 0, skipped: Int = 0) -> JUnitCounts {
    JUnitCounts(total: total, failures: failures, errors: errors, skipped: skipped)
  }

  @Test func theFirstOutcomeElementOfACaseDecides() throws {
    let xml = """
      <testsuites>
        <testsuite name="outer"><testsuite name="inner">
          <testcase name="passes"><system-out>ok</system-out></testcase>
          <testcase name="fails"><failure message="x"/><error/></testcase>
          <testcase name="errs"><system-err/><error type="E">trace</error><failure/></testcase>
          <testcase name="skipped"><skipped/><error/></testcase>
          <testcase name="fails again"><failure/><skipped/></testcase>
          <testcase name="deeper"><properties><property name="p"><failure/></property></properties></testcase>
        </testsuite></testsuite>
        <failure>outside any case</failure>
      </testsuites>
      """
    #expect(try Self.counts(xml) == Self.counts(total: 6, failures: 3, errors: 1, skipped: 1))
  }

  @Test func markupInsideTextCommentsAndCDATAIsNotCounted() throws {
    let xml = """
      <testsuite>
        <!-- <testcase><failure/></testcase> -->
        <testcase name="a"><failure><![CDATA[expected <testcase> but was <error/> ]]></failure></testcase>
        <testcase name="b">&lt;testcase&gt;&lt;error/&gt;</testcase>
      </testsuite>
      """
    #expect(try Self.counts(xml) == Self.counts(total: 2, failures: 1))
  }

  @Test func elementNamesMatchWithTheirPrefixAsBefore() throws {
    // FoundationXML (without namespace processing) reported `j:testcase` as the name, which is
    // not `testcase`; counting stays as it was.
    let xml = "<j:testsuite xmlns:j='urn:x'><j:testcase/><testcase><j:failure/></testcase></j:testsuite>"
    #expect(try Self.counts(xml) == Self.counts(total: 1))
  }

  @Test func jenkinsConformanceFixtureMatchesItsOwnSuiteTotals() throws {
    guard let report = SharedCorpus.read("conformance/fixtures/junitResult.xml") else {
      print(SharedCorpus.skipMessage("JUnit fixture"))
      return
    }
    // The file was written by a JUnit 3 runner: `<testsuite errors="3" failures="0" tests="8">`.
    #expect(try JUnitReader.counts(ofReport: report) == Self.counts(total: 8, errors: 3))
  }

  @Test func pytestReportsCountWhatPytestRan() throws {
    let directory = try PythonReports.scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    guard let run = try PythonReports.pytest(in: directory) else {
      print("SKIPPED: pytest is not installed for python3 or in .build/venv (make test creates it)")
      return
    }
    let report = try #require(FileManager.default.contents(atPath: run.report))
    let ours = try JUnitReader.counts(ofReport: Array(report))
    #expect(ours == run.summary, "pytest said: \(run.summaryLine)")
    #expect(ours == (try PythonReports.elementTreeCounts(run.report)))
    #expect(ours.total == 13 && ours.failures == 3 && ours.errors == 1 && ours.skipped == 2, "the test module's own tally")
  }

  @Test func unittestReportsWrittenWithElementTreeCountWhatUnittestRan() throws {
    let directory = try PythonReports.scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    for encoding in ["utf-8", "iso-8859-1"] {
      let run = try PythonReports.unittest(in: directory, encoding: encoding)
      let report = try #require(FileManager.default.contents(atPath: run.report))
      if encoding != "utf-8" { #expect(report.contains(0xE9), "the report should hold Latin-1 bytes") }
      let ours = try JUnitReader.counts(ofReport: Array(report))
      #expect(ours == run.summary, "unittest said: \(run.summaryLine)")
      #expect(ours == (try PythonReports.elementTreeCounts(run.report)))
      #expect(ours.total == 7 && ours.failures == 2 && ours.errors == 1 && ours.skipped == 2)
    }
  }
}
