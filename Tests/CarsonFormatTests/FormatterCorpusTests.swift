import CarsonFormat
import CarsonSyntax
import CarsonTestSupport
import Foundation
import Testing

/// Formats every file of `../shared/conformance/jenkinsfiles` and `../shared/realworld`: each
/// must keep its tokens, tree and comments (`FormatInvariants`) and format to itself a second
/// time. Files with syntax errors cannot be formatted; they are counted and must be exactly the
/// files the parser rejects.
@Suite struct FormatterCorpusTests {
  static func corpusFiles() -> [String] {
    guard let root = SharedCorpus.root else { return [] }
    var files: [String] = []
    for folder in ["conformance/jenkinsfiles", "realworld/files", "realworld/scripted"] {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
      files += names.filter { !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }
    }
    return files
  }

  @Test func everyCorpusFileKeepsItsTreeAndIsIdempotent() throws {
    let files = Self.corpusFiles()
    guard !files.isEmpty else {
      print(SharedCorpus.skipMessage("formatter corpus test"))
      return
    }
    var changed = 0
    var unchanged = 0
    var excluded: [String] = []
    var failures: [String] = []
    for file in files {
      let bytes = try #require(SharedCorpus.read(file), "\(file) cannot be read")
      let source = SourceFile(path: file, bytes: bytes)
      guard let formatted = JenkinsfileFormatter.format(source) else {
        let tree = SyntaxTree.parse(source)
        if tree.diagnostics.hasErrors {
          let first = tree.diagnostics.first { $0.severity == .error }!
          let at = source.location(of: first.range.start)
          excluded.append("\(file):\(at.line):\(at.column): syntax error: \(first.message)")
        } else {
          failures.append("\(file): no syntax error but the formatter refused it")
        }
        continue
      }
      for problem in FormatInvariants.problems(original: source, formatted: formatted) {
        failures.append("\(file): \(problem)")
      }
      let again = JenkinsfileFormatter.format(SourceFile(path: file, text: formatted))
      if again != formatted { failures.append("\(file): not idempotent (a second format changes it)") }
      if Array(formatted.utf8) == bytes { unchanged += 1 } else { changed += 1 }
    }
    print("fmt corpus: \(files.count) files, \(changed) changed, \(unchanged) already formatted, \(excluded.count) excluded")
    for line in excluded { print("  excluded \(line)") }
    #expect(failures == [], "\(failures.count) files broke:\n\(failures.prefix(40).joined(separator: "\n"))")
    #expect(changed + unchanged >= files.count * 9 / 10, "most of the corpus should be formattable")
  }
}
