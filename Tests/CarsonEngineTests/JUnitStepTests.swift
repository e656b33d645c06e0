@testable import CarsonEngine
import Foundation
import Testing

/// The `junit` step end to end: reports in the workspace, counts in the log and the returned
/// summary, UNSTABLE on failures, a clear step failure for a malformed report.
@Suite struct JUnitStepTests {
  static let pipeline = """
    pipeline {
      agent any
      stages {
        stage('Test') {
          steps {
            script {
              def summary = junit testResults: 'reports/*.xml'
              echo "summary total=${summary.totalCount} fail=${summary.failCount} skip=${summary.skipCount} pass=${summary.passCount}"
            }
          }
        }
      }
    }
    """

  static func write(_ files: [String: [UInt8]], into scratch: Scratch) throws {
    for (name, bytes) in files {
      let path = scratch.workspace + "/" + name
      try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
  }

  @Test func toolReportsAreSummedAndFailuresMakeTheBuildUnstable() throws {
    let scratch = Scratch()
    let directory = try PythonReports.scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let run = try PythonReports.unittest(in: directory, encoding: "utf-8")
    let report = try #require(FileManager.default.contents(atPath: run.report))
    let passing = "\u{FEFF}<?xml version='1.0'?>\n<testsuite tests='2'><testcase name='a'/><testcase name='b'></testcase></testsuite>\n"
    try Self.write(["reports/unittest.xml": Array(report), "reports/passing.xml": Array(passing.utf8)], into: scratch)
    let result = try runPipeline(Self.pipeline, scratch: scratch)
    let tool = run.summary
    let total = tool.total + 2
    #expect(result.result == .unstable)
    #expect(result.plain.contains("Tests: \(total), failures: \(tool.failures), errors: \(tool.errors), skipped: \(tool.skipped)"), "\(result.plain)")
    let failed = tool.failures + tool.errors
    #expect(result.plain.contains("summary total=\(total) fail=\(failed) skip=\(tool.skipped) pass=\(total - failed - tool.skipped)"))
  }

  @Test func passingReportsKeepTheBuildSuccessful() throws {
    let scratch = Scratch()
    let report = """
      <?xml version="1.0" encoding="UTF-8"?>
      <testsuites><testsuite name="s"><testcase name="a"><system-out><![CDATA[<failure/>]]></system-out></testcase><testcase name="b"><skipped/></testcase></testsuite></testsuites>
      """
    try Self.write(["reports/ok.xml": Array(report.utf8)], into: scratch)
    let result = try runPipeline(Self.pipeline, scratch: scratch)
    #expect(result.result == .success)
    #expect(result.plain.contains("Tests: 2, failures: 0, errors: 0, skipped: 1"))
    #expect(result.plain.contains("summary total=2 fail=0 skip=1 pass=1"))
  }

  @Test func aMalformedReportFailsTheStepNamingFileLineAndColumn() throws {
    let scratch = Scratch()
    let truncated = "<testsuite>\n  <testcase name=\"a\">\n</testsuite>\n"
    try Self.write(["reports/bad.xml": Array(truncated.utf8)], into: scratch)
    let result = try runPipeline(Self.pipeline, scratch: scratch)
    #expect(result.result == .failure)
    #expect(result.plain.contains(
      "Failed to read test report file reports/bad.xml: line 3, column 1: end tag </testsuite> does not match <testcase> opened at line 2, column 3"),
      "\(result.plain)")
    #expect(!result.plain.contains("summary total="))
  }

  @Test func binaryGarbageFailsTheStepToo() throws {
    let scratch = Scratch()
    try Self.write(["reports/garbage.xml": [0x3C, 0x74, 0x3E, 0x00, 0xFF, 0xFE]], into: scratch)
    let result = try runPipeline(Self.pipeline, scratch: scratch)
    #expect(result.result == .failure)
    #expect(result.plain.contains("Failed to read test report file reports/garbage.xml: line 1, column 4: invalid character U+0000 (is this a binary file?)"), "\(result.plain)")
  }
}
