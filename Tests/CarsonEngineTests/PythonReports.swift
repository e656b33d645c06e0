import CarsonExec
import CarsonTestSupport
import Foundation
import Testing

@testable import CarsonEngine

/// JUnit reports written at test time by real Python tools, with what each tool said it ran.
enum PythonReports {
  struct Run {
    var report: String
    /// The tool's own tally, as `JUnitReader` should count it.
    var summary: JUnitCounts
    var summaryLine: String
  }

  static func scratchDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("carson-junit-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func python(_ arguments: [String], in directory: String) throws -> CapturedOutput {
    var environment = ProcessInfo.processInfo.environment
    environment["PYTHONDONTWRITEBYTECODE"] = "1"
    environment["PYTEST_ADDOPTS"] = nil
    return try ProcessRunner.capture(arguments, environment: environment, workingDirectory: directory)
  }

  /// Runs a small pytest module (passes, failures, a setup error, a skip, an xfail, output
  /// with markup and non-ASCII) with `--junitxml`; nil when no pytest is installed.
  static func pytest(in directory: String) throws -> Run? {
    let venv = SharedCorpus.repositoryRoot.appendingPathComponent(".build/venv/bin/python").path
    let candidates = ["python3"] + (FileManager.default.isExecutableFile(atPath: venv) ? [venv] : [])
    guard let interpreter = try candidates.first(where: { try python([$0, "-c", "import pytest"], in: directory).exit == ProcessExit(status: 0, signal: nil) }) else {
      return nil
    }
    try Data(pytestModule.utf8).write(to: URL(fileURLWithPath: directory + "/test_sample.py"))
    let report = directory + "/pytest-report.xml"
    let output = try python(
      [interpreter, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--color=no", "-o", "junit_logging=all", "--junitxml=\(report)", "test_sample.py"],
      in: directory)
    let line = output.stdout.split(separator: "\n").last { $0.contains(" in ") && $0.contains("passed") }.map(String.init) ?? ""
    // "3 failed, 7 passed, 1 skipped, 1 xfailed, 1 error in 0.12s"
    var tally: [String: Int] = [:]
    for part in line.components(separatedBy: " in ")[0].split(separator: ",") {
      let words = part.split(separator: " ")
      if words.count == 2, let number = Int(words[0]) { tally[String(words[1]), default: 0] += number }
    }
    #expect(!tally.isEmpty, "no pytest summary in:\n\(output.stdout)\n\(output.stderr)")
    let errors = tally["error", default: 0] + tally["errors", default: 0]
    let failures = tally["failed", default: 0]
    let skipped = tally["skipped", default: 0] + tally["xfailed", default: 0]
    let total = tally["passed", default: 0] + tally["xpassed", default: 0] + failures + errors + skipped
    return Run(report: report, summary: JUnitCounts(total: total, failures: failures, errors: errors, skipped: skipped), summaryLine: line)
  }

  /// Runs unittest cases and writes their results as JUnit with xml.etree in `encoding`.
  static func unittest(in directory: String, encoding: String) throws -> Run {
    let report = directory + "/unittest-\(encoding).xml"
    let output = try python(["python3", "-c", unittestScript, report, encoding], in: directory)
    let numbers = output.stdout.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
    #expect(numbers.count == 4, "unittest script printed:\n\(output.stdout)\n\(output.stderr)")
    guard numbers.count == 4 else { return Run(report: report, summary: JUnitCounts(), summaryLine: output.stdout) }
    let summary = JUnitCounts(total: numbers[0], failures: numbers[1], errors: numbers[2], skipped: numbers[3])
    return Run(report: report, summary: summary, summaryLine: output.stdout)
  }

  /// Counts `report` with Python's xml.etree under the same rule as `JUnitReader`.
  static func elementTreeCounts(_ report: String) throws -> JUnitCounts {
    let script = """
      import sys, xml.etree.ElementTree as ET
      counts = {"total": 0, "failure": 0, "error": 0, "skipped": 0}
      for case in ET.parse(sys.argv[1]).iter("testcase"):
          counts["total"] += 1
          outcome = next((e.tag for e in case.iter() if e is not case and e.tag in ("failure", "error", "skipped")), None)
          if outcome: counts[outcome] += 1
      print(counts["total"], counts["failure"], counts["error"], counts["skipped"])
      """
    let output = try python(["python3", "-c", script, report], in: "/")
    let numbers = output.stdout.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
    guard numbers.count == 4 else {
      Issue.record("xml.etree could not count \(report): \(output.stderr)")
      return JUnitCounts()
    }
    return JUnitCounts(total: numbers[0], failures: numbers[1], errors: numbers[2], skipped: numbers[3])
  }

  static let pytestModule = #"""
    import pytest

    def test_passes():
        assert 1 + 1 == 2

    def test_prints_markup_and_unicode():
        print("café <testcase> & ]]> \x1b[31mred\x1b[0m")

    def test_fails_with_message():
        assert "expected <testcase/> & ]]>" == "café"

    def test_fails_raising():
        raise AssertionError("boom <error/>")

    @pytest.fixture
    def broken_resource():
        raise RuntimeError("setup broke <badly>")

    def test_setup_error(broken_resource):
        pass

    @pytest.mark.skip(reason="not today <really>")
    def test_skipped():
        pass

    @pytest.mark.xfail(reason="known bug")
    def test_expected_failure():
        assert False

    @pytest.mark.parametrize("n", range(5))
    def test_parametrized(n):
        assert n != 3

    class TestGroup:
        def test_in_class(self):
            pass
    """#

  static let unittestScript = #"""
    import sys, unittest, xml.etree.ElementTree as ET
    report, encoding = sys.argv[1], sys.argv[2]

    class Checks(unittest.TestCase):
        def test_passes(self): self.assertEqual(1 + 1, 2)
        def test_unicode(self): self.assertIn("é", "café <b> & ]]>")
        def test_fails(self): self.assertEqual("expected <testcase> & ]]>", "café")
        def test_fails_again(self): self.assertTrue(False, "no <luck> here")
        def test_errors(self): raise KeyError("missing ]]> key")
        @unittest.skip("skipped <for> now")
        def test_skipped(self): pass
        @unittest.expectedFailure
        def test_expected_failure(self): self.assertEqual(1, 2)

    class Recorder(unittest.TestResult):
        def __init__(self):
            super().__init__()
            self.outcomes = []
        def addSuccess(self, test):
            super().addSuccess(test); self.outcomes.append((test, None, None))
        def addFailure(self, test, err):
            super().addFailure(test, err); self.outcomes.append((test, "failure", self.failures[-1][1]))
        def addError(self, test, err):
            super().addError(test, err); self.outcomes.append((test, "error", self.errors[-1][1]))
        def addSkip(self, test, reason):
            super().addSkip(test, reason); self.outcomes.append((test, "skipped", reason))
        def addExpectedFailure(self, test, err):
            super().addExpectedFailure(test, err); self.outcomes.append((test, "skipped", "expected failure"))
        def addUnexpectedSuccess(self, test):
            super().addUnexpectedSuccess(test); self.outcomes.append((test, "failure", "unexpected success"))

    result = Recorder()
    unittest.defaultTestLoader.loadTestsFromTestCase(Checks).run(result)
    root = ET.Element("testsuites")
    suite = ET.SubElement(root, "testsuite", name="Checks", tests=str(result.testsRun))
    for test, kind, detail in result.outcomes:
        case = ET.SubElement(suite, "testcase", classname="Checks", name=test._testMethodName)
        if kind:
            ET.SubElement(case, kind, message=detail.strip().splitlines()[-1]).text = detail
        ET.SubElement(case, "system-out").text = "café <out> & ]]>\n"
    ET.ElementTree(root).write(report, encoding=encoding, xml_declaration=True)
    print(result.testsRun, len(result.failures) + len(result.unexpectedSuccesses), len(result.errors),
          len(result.skipped) + len(result.expectedFailures))
    """#
}
