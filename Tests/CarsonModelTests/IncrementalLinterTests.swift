import CarsonModel
import CarsonSyntax
import CarsonTestSupport
import Foundation
import Testing

/// `IncrementalLinter` must give exactly what `Linter.check` gives for every edit; these tests
/// compare the two over edits of every corpus file and of small files written for one rule each.
@Suite struct IncrementalLinterTests {
  static let threeStages = """
    pipeline {
      agent any
      environment { APP = 'x' }
      stages {
        stage('Build') {
          steps { echo 'build' }
        }
        stage('Test') {
          steps { echo 'test' }
        }
        stage('Deploy') {
          steps { echo 'deploy' }
        }
      }
      post { always { echo 'done' } }
    }

    """

  /// Replaces `old` (which must occur once) with `new`.
  static func edit(_ text: String, _ old: String, _ new: String) throws -> String {
    let parts = text.components(separatedBy: old)
    try #require(parts.count == 2, "'\(old)' must occur exactly once")
    return parts.joined(separator: new)
  }

  /// Checks `next` incrementally from `previous` and wholly; they must agree.
  static func recheck(_ next: String, from previous: IncrementalLinter.Version?) -> IncrementalLinter.Outcome {
    let source = SourceFile(path: "Jenkinsfile", text: next)
    let outcome = IncrementalLinter.check(source, previous: previous)
    let whole = Linter.check(source)
    #expect(outcome.diagnostics == whole.diagnostics, "incremental and whole checks differ for:\n\(next)")
    return outcome
  }

  @Test func anEditInsideAStageReChecksThatStageOnly() throws {
    let first = IncrementalLinter.check(SourceFile(path: "Jenkinsfile", text: Self.threeStages), previous: nil)
    #expect(first.path == .whole)
    #expect(first.diagnostics.isEmpty)
    let typed = try Self.edit(Self.threeStages, "echo 'test'", "echo 'tests'")
    let second = Self.recheck(typed, from: first.version)
    #expect(second.path == .stage)
    #expect(second.diagnostics.isEmpty)
  }

  @Test func diagnosticsOfOtherStagesMoveWithTheText() throws {
    // An unknown section in 'Deploy', then two lines typed into 'Build' above it.
    let broken = try Self.edit(Self.threeStages, "steps { echo 'deploy' }", "steps { echo 'deploy' }\n      bogus { }")
    let first = Self.recheck(broken, from: nil)
    let deployError = try #require(first.diagnostics.first)
    let moved = try Self.edit(broken, "steps { echo 'build' }", "steps {\n echo 'build'\n echo 'more'\n }")
    let second = Self.recheck(moved, from: first.version)
    #expect(second.path == .stage)
    let source = SourceFile(path: "Jenkinsfile", text: moved)
    let after = try #require(second.diagnostics.first)
    #expect(after.message == deployError.message)
    #expect(source.location(of: after.range.start).line == SourceFile(path: "Jenkinsfile", text: broken).location(of: deployError.range.start).line + 3)
    #expect(source.text(after.range) == "bogus")
  }

  @Test func renamingAStageToAnotherStagesNameIsADuplicate() throws {
    let first = Self.recheck(Self.threeStages, from: nil)
    let renamed = try Self.edit(Self.threeStages, "stage('Deploy')", "stage('Build')")
    let second = Self.recheck(renamed, from: first.version)
    #expect(second.path == .stage)
    #expect(second.diagnostics.map(\.message) == ["Duplicate stage name: \"Build\""])
    let back = Self.recheck(Self.threeStages, from: second.version)
    #expect(back.path == .stage)
    #expect(back.diagnostics.isEmpty)
  }

  @Test func aSyntaxErrorKeptInsideTheStageIsAOneStageCheck() throws {
    let first = Self.recheck(Self.threeStages, from: nil)
    let unclosed = try Self.edit(Self.threeStages, "echo 'test'", "echo('test'")
    let second = Self.recheck(unclosed, from: first.version)
    #expect(second.path == .stage)
    #expect(second.diagnostics.contains { $0.id.rawValue.hasPrefix("syntax-") })
    // An unclosed brace swallows the stages after it: the whole file is checked.
    let swallowing = Self.recheck(try Self.edit(Self.threeStages, "steps { echo 'test' }", "steps { echo 'test'"), from: first.version)
    #expect(swallowing.path == .whole)
    #expect(swallowing.diagnostics.contains { $0.id == .unclosedBrace })
    // The last version without a syntax error stays the starting point: mending the syntax
    // differently from how it was is a one-stage check again, mending it back costs nothing.
    let mended = Self.recheck(try Self.edit(Self.threeStages, "echo 'test'", "echo('tested')"), from: second.version)
    #expect(mended.path == .stage)
    #expect(mended.diagnostics.isEmpty)
    let undone = Self.recheck(Self.threeStages, from: second.version)
    #expect(undone.path == .unchanged)
  }

  @Test func anEditOutsideTheStagesIsAWholeCheck() throws {
    let first = Self.recheck(Self.threeStages, from: nil)
    let outside = try Self.edit(Self.threeStages, "APP = 'x'", "APP = 'y'")
    #expect(Self.recheck(outside, from: first.version).path == .whole)
    let acrossTwoStages = try Self.edit(try Self.edit(Self.threeStages, "'build'", "'built'"), "'test'", "'tested'")
    #expect(Self.recheck(acrossTwoStages, from: first.version).path == .whole)
  }

  /// The edits the corpus test makes in one top-level stage: each keeps the stage's first byte
  /// and closing brace, so the incremental path may take it.
  static func edits(of stage: Stage, in bytes: [UInt8], otherName: String?) -> [(offset: Int, remove: Int, insert: String)] {
    let start = Int(stage.range.start), end = Int(stage.range.end)
    guard end - start > 4 else { return [] }
    let middle = (start + end) / 2
    // Typing, deleting, and text that breaks the syntax in ways that may or may not stay
    // inside the stage (an unclosed quote, triple quote, comment or brace, a stray one).
    var edits: [(Int, Int, String)] = [
      (middle, 0, "x"), (middle, 1, ""), (middle, 0, "("), (middle, 0, "'"), (middle, 0, "\"\"\""), (middle, 0, "/*"),
      (middle, 0, "{"), (middle, 0, "}"),
    ]
    if let brace = bytes[Int(stage.headerRange.end)..<end].firstIndex(of: UInt8(ascii: "{")), brace + 1 < end - 1 {
      edits += [(brace + 1, 0, "\n"), (brace + 1, 0, "\n  echo 'typed'\n"), (brace + 1, 0, "\n  steps { echo 'more' }\n")]
    }
    // The line that holds the middle, deleted whole (it may take a brace with it).
    if let lineStart = bytes[start..<middle].lastIndex(of: 0x0A), let lineEnd = bytes[middle..<end].firstIndex(of: 0x0A), lineStart + 1 > start {
      edits.append((lineStart + 1, lineEnd - lineStart, ""))
    }
    if let otherName, stage.nameRange.length >= 2 {
      edits.append((Int(stage.nameRange.start) + 1, stage.nameRange.length - 2, otherName))
    }
    return edits.filter { $0.0 > start && $0.0 + $0.1 < end }
  }

  static func apply(_ edit: (offset: Int, remove: Int, insert: String), to bytes: [UInt8]) -> [UInt8] {
    var edited = bytes
    edited.replaceSubrange(edit.offset..<edit.offset + edit.remove, with: Array(edit.insert.utf8))
    return edited
  }

  @Test func everyCorpusFileGivesTheWholeChecksDiagnosticsAfterEdits() throws {
    let files = SharedCorpus.allJenkinsfiles
    guard !files.isEmpty else {
      print(SharedCorpus.skipMessage("incremental check over the corpus"))
      return
    }
    var mismatches: [String] = []
    var paths = (stage: 0, whole: 0, reusableFiles: 0, stageWithSyntaxError: 0)
    for file in files {
      guard let bytes = SharedCorpus.read(file) else { continue }
      let original = IncrementalLinter.check(SourceFile(path: file, bytes: bytes), previous: nil)
      guard let version = original.version, let stages = original.wholeResult?.pipeline?.stages?.stages else { continue }
      paths.reusableFiles += 1
      let picked = Set([0, stages.count - 1]).sorted()
      for index in picked {
        let otherName = index > 0 ? stages[0].name : nil
        for edit in Self.edits(of: stages[index], in: bytes, otherName: otherName) {
          let edited = Self.apply(edit, to: bytes)
          let source = SourceFile(path: file, bytes: edited)
          let outcome = IncrementalLinter.check(source, previous: version)
          if outcome.path == .stage { paths.stage += 1 } else { paths.whole += 1 }
          if outcome.path == .stage, outcome.diagnostics.contains(where: { $0.id.rawValue.hasPrefix("syntax-") }) { paths.stageWithSyntaxError += 1 }
          if outcome.diagnostics != Linter.check(source).diagnostics {
            mismatches.append("\(file): stage \(index), \(edit.remove) bytes at \(edit.offset) replaced by \(edit.insert.debugDescription)")
            continue
          }
          // A second edit, in the last stage, from the version the first one left.
          guard let next = outcome.version, index != stages.count - 1, let last = Linter.check(source).pipeline?.stages?.stages.last,
            let second = Self.edits(of: last, in: edited, otherName: nil).first
          else { continue }
          let twice = SourceFile(path: file, bytes: Self.apply(second, to: edited))
          if IncrementalLinter.check(twice, previous: next).diagnostics != Linter.check(twice).diagnostics {
            mismatches.append("\(file): stage \(index) then the last stage: diagnostics differ")
          }
        }
      }
    }
    print(
      "incremental check: \(paths.reusableFiles) reusable files, \(paths.stage) edits re-checked one stage (\(paths.stageWithSyntaxError) with a syntax error), \(paths.whole) wholly")
    #expect(mismatches == [], "\(mismatches.count) edits differ:\n\(mismatches.prefix(30).joined(separator: "\n"))")
    #expect(paths.stage > paths.whole, "most edits inside a stage should re-check that stage only")
  }

  /// Typing sessions: seeded random walks of edits anywhere in a file (mostly inside stages),
  /// each version checked from the one before as the server does, breaking the syntax and
  /// often taking the breaking edits back. Every version must give the whole check's diagnostics.
  @Test func randomEditSessionsGiveTheWholeChecksDiagnostics() throws {
    let files = SharedCorpus.allJenkinsfiles
    guard !files.isEmpty else {
      print(SharedCorpus.skipMessage("incremental check, random edit sessions"))
      return
    }
    let snippets = [
      " ", "x", "'", "\"", "(", ")", "{", "}", "\n", "echo 'a'\n", "stage('z') { steps { echo 1 } }\n", "//", "/*", "*/", "$", "${",
      "steps { sh 'make' }\n", "é",
    ]
    var random = SplitMix64(state: 0x5EED)
    var mismatches: [String] = []
    var paths = (stage: 0, whole: 0, unchanged: 0)
    for file in files.enumerated().filter({ $0.offset % 6 == 0 }).map(\.element) {
      guard var bytes = SharedCorpus.read(file) else { continue }
      var previous = IncrementalLinter.check(SourceFile(path: file, bytes: bytes), previous: nil).version
      guard previous != nil else { continue }
      var undoTo: [UInt8]?
      for step in 0..<30 {
        let stages = Linter.check(SourceFile(path: file, bytes: bytes)).pipeline?.stages?.stages ?? []
        // Three edits in four inside a stage, the rest anywhere.
        let offset: Int
        if let stage = stages.isEmpty ? nil : stages[Int(random.next() % UInt64(stages.count))], random.next() % 4 != 0, stage.range.length > 2 {
          offset = Int(stage.range.start) + 1 + Int(random.next() % UInt64(stage.range.length - 2))
        } else {
          offset = Int(random.next() % UInt64(bytes.count + 1))
        }
        let before = bytes
        if let undo = undoTo, random.next() % 3 == 0 {
          bytes = undo  // the user takes a broken edit back
        } else if random.next() % 3 == 0 {
          let count = min(bytes.count - offset, 1 + Int(random.next() % 5))
          bytes.removeSubrange(offset..<offset + count)
        } else {
          bytes.insert(contentsOf: Array(snippets[Int(random.next() % UInt64(snippets.count))].utf8), at: offset)
        }
        let source = SourceFile(path: file, bytes: bytes)
        let outcome = IncrementalLinter.check(source, previous: previous)
        switch outcome.path {
        case .stage: paths.stage += 1
        case .whole: paths.whole += 1
        case .unchanged: paths.unchanged += 1
        }
        if outcome.diagnostics != Linter.check(source).diagnostics {
          mismatches.append("\(file): step \(step) at \(offset)")
          break
        }
        previous = outcome.version
        undoTo = outcome.diagnostics.contains { $0.id.rawValue.hasPrefix("syntax-") } ? (undoTo ?? before) : nil
      }
    }
    print("incremental sessions: \(paths.stage) one-stage, \(paths.whole) whole, \(paths.unchanged) unchanged")
    #expect(mismatches == [], "\(mismatches.count) sessions differ:\n\(mismatches.prefix(20).joined(separator: "\n"))")
    #expect(paths.stage > 300 && paths.unchanged > 50, "both reuse paths must be exercised")
  }
}

