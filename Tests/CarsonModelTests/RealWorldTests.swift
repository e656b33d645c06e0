import CarsonModel
import CarsonSyntax
import CarsonTestSupport
import Foundation
import Testing

/// Real-world declarative files that Jenkins accepts but Carson reports errors for, with the
/// construct that fails (also in docs/conformance.md).
let realWorldExclusions: [String: String] = [:]

@Suite struct RealWorldTests {
  @Test func realWorldCorpus() throws {
    guard SharedCorpus.root != nil else {
      print(SharedCorpus.skipMessage("real-world Jenkinsfiles"))
      return
    }
    var accepted = (total: 0, clean: 0)
    var rejected = (total: 0, reported: 0)
    var scripted = (total: 0, reported: 0)
    var ambiguous = 0
    var failures: [String] = []
    for entry in SharedCorpus.realworldManifest {
      guard let file = entry["file"]?.stringValue, let kind = entry["kind"]?.stringValue else { continue }
      let bytes = try #require(SharedCorpus.read("realworld/" + file))
      let source = SourceFile(path: file, bytes: bytes)
      let result = Linter.check(source)
      let errors = result.diagnostics.filter { $0.severity == .error }
      let describe = { errors.map { "\(source.location(of: $0.range.start).line): \($0.message)" } }
      if kind.hasPrefix("scripted") {
        scripted.total += 1
        if result.kind == .scripted && result.diagnostics.contains(where: { $0.id == .scriptedPipeline }) {
          scripted.reported += 1
        } else {
          failures.append("\(file): scripted file reported as \(result.kind)")
        }
        continue
      }
      switch entry["lint"]?.stringValue {
      case "ambiguous":
        ambiguous += 1
      case "error":
        rejected.total += 1
        if errors.isEmpty {
          failures.append("\(file): Jenkins rejects it but Carson reports no error")
        } else {
          rejected.reported += 1
        }
      default:
        accepted.total += 1
        if realWorldExclusions[file] != nil { continue }
        if result.kind != .declarative { failures.append("\(file): declarative file reported as \(result.kind)") }
        if errors.isEmpty {
          accepted.clean += 1
        } else {
          failures.append("\(file): accepted by Jenkins but Carson reports \(describe())")
        }
      }
    }
    FileHandle.standardError.write(
      Data(
        """
        realworld: accepted \(accepted.clean)/\(accepted.total) lint clean (\(realWorldExclusions.count) excluded); \
        rejected \(rejected.reported)/\(rejected.total) with an error; scripted \(scripted.reported)/\(scripted.total) reported as scripted; \
        \(ambiguous) ambiguous left out

        """.utf8))
    #expect(failures.isEmpty, "\(failures.count) real-world failures:\n\(failures.joined(separator: "\n"))")
  }

  /// Errors for the files Jenkins rejects must point at the right place, not just exist.
  @Test func rejectedFilesGetPreciseErrors() throws {
    guard SharedCorpus.root != nil else {
      print(SharedCorpus.skipMessage("real-world Jenkinsfiles"))
      return
    }
    let expectations: [(file: String, line: Int, contains: String)] = [
      ("files/milvus-io__milvus__ci__jenkins__Jenkinsfile.groovy", 128, "else"),
      ("files/cristissouza__api_jenkins__Jenkinsfile.groovy", 2, "Missing required section \"agent\""),
      ("files/Samsonnik__front-repo__Jenkinsfile.groovy", 0, "Multiple occurrences of the stages section"),
      ("files/P8390__Jenkins_demo__Jenkinsfile.groovy", 68, "backtick"),
      ("files/debezium__debezium__jenkins-jobs__pipelines__matrix2.groovy.groovy", 0, "Undefined section \"matrix\""),
    ]
    for expectation in expectations {
      let bytes = try #require(SharedCorpus.read("realworld/" + expectation.file))
      let source = SourceFile(path: expectation.file, bytes: bytes)
      let errors = Linter.check(source).diagnostics.filter { $0.severity == .error }
      let hit = errors.first { $0.message.contains(expectation.contains) }
      #expect(hit != nil, "\(expectation.file): no error containing \(expectation.contains); got \(errors.map(\.message))")
      if let hit, expectation.line > 0 {
        #expect(source.location(of: hit.range.start).line == expectation.line, "\(expectation.file)")
      }
    }
  }
}
