import CarsonCLI
import CarsonModel
import CarsonSyntax
import CarsonTestSupport
import Foundation
import Testing

/// Runs `carson` in-process, as the real executable would, capturing its output.
struct Run {
  var code: Int32
  var stdout: String
  var stderr: String
}

func carson(_ arguments: [String], stdin: String = "", in directory: String? = nil) -> Run {
  let out = CapturedOutput()
  let err = CapturedOutput()
  let io = CommandIO(
    stdout: out, stderr: err, readStdin: { Array(stdin.utf8) },
    currentDirectory: directory ?? SharedCorpus.repositoryRoot.path)
  let code = CarsonCommand.main(arguments, io: io)
  return Run(code: code, stdout: out.text, stderr: err.text)
}

/// Compares `actual` with `fixtures/cli/<name>`; `UPDATE_GOLDENS=1` rewrites the file instead.
func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
  let url = SharedCorpus.repositoryRoot.appendingPathComponent("fixtures/cli/" + name)
  if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try actual.write(to: url, atomically: true, encoding: .utf8)
    return
  }
  let expected = try String(contentsOf: url, encoding: .utf8)
  #expect(actual == expected, "output differs from fixtures/cli/\(name) (UPDATE_GOLDENS=1 rewrites it)", sourceLocation: sourceLocation)
}

@Suite struct CLITests {
  // MARK: Help and misuse

  @Test func helpScreensMatchTheirGoldens() throws {
    try expectGolden(carson(["--help"]).stdout, "help.txt")
    try expectGolden(carson(["lint", "--help"]).stdout, "help-lint.txt")
    try expectGolden(carson(["parse", "--help"]).stdout, "help-parse.txt")
    try expectGolden(carson(["run", "--help"]).stdout, "help-run.txt")
    try expectGolden(carson(["cleanup", "--help"]).stdout, "help-cleanup.txt")
    try expectGolden(carson(["lsp", "--help"]).stdout, "help-lsp.txt")
    try expectGolden(carson(["fmt", "--help"]).stdout, "help-fmt.txt")
    try expectGolden(carson(["serve-validate", "--help"]).stdout, "help-serve-validate.txt")
    try expectGolden(carson(["completion", "--help"]).stdout, "help-completion.txt")
    #expect(carson(["help", "lint"]).stdout == carson(["lint", "-h"]).stdout)
  }

  @Test func versionPrintsTheVersion() {
    let run = carson(["--version"])
    #expect(run.code == 0)
    #expect(run.stdout == "carson \(CarsonCommand.version)\n")
  }

  @Test func noArgumentsIsMisuse() {
    let run = carson([])
    #expect(run.code == 64)
    #expect(run.stderr.contains("USAGE: carson <command>"))
  }

  @Test func unknownCommandSuggestsTheClosest() {
    let run = carson(["lnit"])
    #expect(run.code == 64)
    #expect(run.stderr == "carson: error: unknown command 'lnit'; did you mean 'lint'?\nSee 'carson --help'.\n")
  }

  @Test func unknownOptionSuggestsTheClosest() {
    let run = carson(["lint", "--strikt"])
    #expect(run.code == 64)
    #expect(run.stderr.hasPrefix("carson: error: unknown option '--strikt'; did you mean '--strict'?"))
  }

  @Test func invalidOptionValuesAreMisuse() {
    let run = carson(["lint", "--format", "xml"])
    #expect(run.code == 64)
    #expect(run.stderr.contains("invalid value 'xml' for '--format'; expected one of: text, json, gcc, jenkins, sarif, codequality"))
    #expect(carson(["lint", "--format"]).code == 64)
    #expect(carson(["lint", "--tool", "nonsense"]).code == 64)
    #expect(carson(["parse", "a", "b"]).code == 64)
  }

  // MARK: Exit codes

  @Test func cleanFileExitsZero() {
    let run = carson(["lint", "fixtures/demo/Jenkinsfile"])
    #expect(run.code == 0)
    #expect(run.stdout == "1 file checked: 0 errors, 0 warnings.\n")
  }

  @Test func errorsExitOne() {
    #expect(carson(["lint", "fixtures/demo/broken.Jenkinsfile"]).code == 1)
  }

  @Test func unreadablePathExitsSixtySix() {
    let run = carson(["lint", "does/not/exist"])
    #expect(run.code == 66)
    #expect(run.stderr == "carson: error: does/not/exist: no such file or directory\n")
  }

  @Test func noPathMeansJenkinsfileInTheCurrentDirectory() {
    let run = carson(["lint"], in: SharedCorpus.repositoryRoot.appendingPathComponent("fixtures/demo").path)
    #expect(run.code == 0)
    #expect(carson(["lint"], in: "/").code == 66)
  }

  @Test func dashReadsStandardInput() {
    let run = carson(["lint", "--format", "gcc", "-"], stdin: "pipeline {\n  agent any\n}\n")
    #expect(run.code == 1)
    #expect(run.stdout == "<stdin>:1:1: error: Missing required section \"stages\"\n")
  }

  @Test func strictTurnsUnknownStepsIntoFailures() {
    let text = "pipeline { agent any; stages { stage('a') { steps { frobnicate 'x' } } } }"
    #expect(carson(["lint", "-"], stdin: text).code == 0)
    let strict = carson(["lint", "--strict", "--format", "gcc", "-"], stdin: text)
    #expect(strict.code == 1)
    #expect(strict.stdout.contains("warning: Unknown step \"frobnicate\""))
  }

  @Test func toolOptionEnablesTheInstallationCheck() {
    let text = "pipeline { agent any; tools { maven 'mvn-3' }; stages { stage('a') { steps { echo 'x' } } } }"
    #expect(carson(["lint", "-"], stdin: text).code == 0)
    let run = carson(["lint", "--tool", "maven=mvn-3.9", "--format", "gcc", "-"], stdin: text)
    #expect(run.code == 1)
    #expect(run.stdout.contains("Tool type \"maven\" does not have an install of \"mvn-3\" configured - did you mean \"mvn-3.9\"?"))
  }

  @Test func directoriesAreSearchedForJenkinsfiles() {
    let run = carson(["lint", "--format", "json", "fixtures/demo"])
    let json = try? JSONValue.parse(run.stdout)
    let paths = json?["files"]?.arrayValue?.compactMap { $0["path"]?.stringValue } ?? []
    // Subdirectories are searched too (fixtures/demo/docker).
    #expect(paths == ["fixtures/demo/Jenkinsfile", "fixtures/demo/broken.Jenkinsfile", "fixtures/demo/docker/Jenkinsfile"])
    #expect(run.code == 1)
  }

  @Test func scriptedPipelinesAreANoteNotAnError() {
    let run = carson(["lint", "--format", "json", "-"], stdin: "node {\n  sh 'make'\n}\n")
    #expect(run.code == 0)
    let file = (try? JSONValue.parse(run.stdout))?["files"]?[0]
    #expect(file?["kind"]?.stringValue == "scripted")
    #expect(file?["diagnostics"]?[0]?["severity"]?.stringValue == "note")
  }

  // MARK: Formats

  @Test func everyFormatMatchesItsGolden() throws {
    for format in ["text", "gcc", "jenkins", "json", "sarif", "codequality"] {
      let run = carson(["lint", "--format", format, "fixtures/demo/broken.Jenkinsfile"])
      #expect(run.code == 1)
      try expectGolden(run.stdout, "broken.\(format)")
    }
    try expectGolden(carson(["lint", "--format", "jenkins", "fixtures/demo/Jenkinsfile"]).stdout, "clean.jenkins")
  }

  @Test func jsonIsOneDocumentWithTheDocumentedShape() throws {
    let run = carson(["lint", "--format", "json", "fixtures/demo/broken.Jenkinsfile"])
    let json = try JSONValue.parse(run.stdout)
    #expect(json["version"] == .integer(1))
    let diagnostic = try #require(json["files"]?[0]?["diagnostics"]?[0])
    #expect(diagnostic.objectValue?.map(\.0) == ["id", "severity", "message", "range"])
    #expect(diagnostic["range"]?["start"]?["line"] == .integer(3))
    #expect(diagnostic["range"]?["start"]?["column"] == .integer(13))
    #expect(diagnostic["range"]?["end"]?["column"] == .integer(19))
  }

  @Test func sarifIsVersion210WithRulesAndRegions() throws {
    let json = try JSONValue.parse(carson(["lint", "--format", "sarif", "fixtures/demo/broken.Jenkinsfile"]).stdout)
    #expect(json["version"]?.stringValue == "2.1.0")
    let run = try #require(json["runs"]?[0])
    let ruleIDs = run["tool"]?["driver"]?["rules"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    let results = run["results"]?.arrayValue ?? []
    #expect(results.count == 7)
    for result in results {
      #expect(ruleIDs.contains(result["ruleId"]?.stringValue ?? ""))
      #expect(result["locations"]?[0]?["physicalLocation"]?["region"]?["startLine"]?.intValue != nil)
    }
  }

  /// GitLab's Code Quality report: one issue per diagnostic, relative paths, fingerprints that
  /// are unique and do not change when lines are added above (GitLab compares a merge request's
  /// issues with its target's by fingerprint).
  @Test func codeQualityIsGitLabsReportWithStableFingerprints() throws {
    let broken = try String(contentsOfFile: SharedCorpus.repositoryRoot.appendingPathComponent("fixtures/demo/broken.Jenkinsfile").path, encoding: .utf8)
    let run = carson(["lint", "--format", "codequality", "./fixtures/demo/broken.Jenkinsfile"])
    #expect(run.code == 1)
    let issues = try #require(try JSONValue.parse(run.stdout).arrayValue)
    #expect(issues.count == 7)
    for issue in issues {
      #expect(issue.objectValue?.map(\.0) == ["description", "check_name", "fingerprint", "severity", "location"])
      #expect(issue["location"]?["path"]?.stringValue == "fixtures/demo/broken.Jenkinsfile")
      #expect(issue["severity"]?.stringValue == "critical")
    }
    let duplicate = try #require(issues.first { $0["check_name"]?.stringValue == "validate-duplicate-stage-name" })
    #expect(duplicate["location"]?["lines"]?["begin"] == .integer(11))
    let fingerprints = issues.compactMap { $0["fingerprint"]?.stringValue }
    #expect(Set(fingerprints).count == issues.count)
    // The same file, two lines longer at the top, in a directory of its own: same fingerprints.
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("carson-codequality-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory.appendingPathComponent("fixtures/demo"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try ("// a comment\n// and another\n" + broken).write(
      to: directory.appendingPathComponent("fixtures/demo/broken.Jenkinsfile"), atomically: true, encoding: .utf8)
    let shifted = carson(["lint", "--format", "codequality", "fixtures/demo/broken.Jenkinsfile"], in: directory.path)
    let shiftedIssues = try JSONValue.parse(shifted.stdout).arrayValue ?? []
    #expect(shiftedIssues.map { $0["location"]?["lines"]?["begin"]?.intValue.map { $0 - 2 } } == issues.map { $0["location"]?["lines"]?["begin"]?.intValue })
    #expect(shiftedIssues.compactMap { $0["fingerprint"]?.stringValue } == fingerprints)
  }

  /// Files are checked on every core; the report keeps their order and each file's result is
  /// what checking it alone gives.
  @Test func aDirectoryGivesEachFilesOwnResultInOrder() throws {
    let files = try JSONValue.parse(carson(["lint", "--format", "json", "fixtures"]).stdout)["files"]?.arrayValue ?? []
    #expect(files.count > 20)
    let paths = files.compactMap { $0["path"]?.stringValue }
    #expect(paths == paths.sorted())
    for file in files {
      let path = try #require(file["path"]?.stringValue)
      let alone = try JSONValue.parse(carson(["lint", "--format", "json", path]).stdout)["files"]?[0]
      #expect(alone == file, "\(path)")
    }
  }

  @Test func fixItsAreShownForMisspeltNames() throws {
    let text = carson(["lint", "fixtures/demo/broken.Jenkinsfile"]).stdout
    #expect(text.contains("fix: Replace 'allways' with 'always'"))
    let sarif = try JSONValue.parse(carson(["lint", "--format", "sarif", "fixtures/demo/broken.Jenkinsfile"]).stdout)
    let withFix = sarif["runs"]?[0]?["results"]?.arrayValue?.first { $0["ruleId"]?.stringValue == "validate-invalid-post-condition" }
    let replacement = withFix?["fixes"]?[0]?["artifactChanges"]?[0]?["replacements"]?[0]
    #expect(replacement?["insertedContent"]?["text"]?.stringValue == "always")
    #expect(replacement?["deletedRegion"]?["startLine"] == .integer(20))
  }

  @Test func parsePrintsJenkinsJSON() throws {
    let run = carson(["parse", "--format", "jenkins-json", "-"], stdin: "pipeline { agent any\n stages { stage('a') { steps { echo 'hi' } } } }")
    #expect(run.code == 0)
    let json = try JSONValue.parse(run.stdout)
    #expect(json["pipeline"]?["agent"]?["type"]?.stringValue == "any")
    #expect(json["pipeline"]?["stages"]?[0]?["name"]?.stringValue == "a")
  }

  @Test func parseOfAnInvalidFilePrintsItsErrors() {
    let run = carson(["parse", "--format", "jenkins-json", "fixtures/demo/broken.Jenkinsfile"])
    #expect(run.code == 1)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains("Invalid agent type \"dokker\""))
  }
}
