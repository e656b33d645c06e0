import CarsonEngine
import CarsonSyntax
import CarsonTestSupport
import Foundation
import Testing

@Suite struct RuntimeConformanceTests {
  @Test func jenkinsRuntimeCases() async throws {
    guard SharedCorpus.root != nil else {
      print(SharedCorpus.skipMessage("runtime conformance"))
      return
    }
    let entries = SharedCorpus.conformanceManifest.filter { $0["kind"]?.stringValue == "runtime" }
    var excluded: [String: Int] = [:]
    var runnable: [JSONValue] = []
    // CARSON_CONFORMANCE_ONLY=substring runs the matching files only, for debugging.
    let only = ProcessInfo.processInfo.environment["CARSON_CONFORMANCE_ONLY"]
    for entry in entries where only.map({ (entry["file"]?.stringValue ?? "").contains($0) }) ?? true {
      if let reason = runtimeExclusion(entry) { excluded[reason, default: 0] += 1 } else { runnable.append(entry) }
    }
    let failures = await withTaskGroup(of: String?.self) { group in
      for entry in runnable {
        group.addTask {
          let file = entry["file"]?.stringValue ?? ""
          do {
            var failures: [String] = []
            for check in runtimeChecks(entry) {
              let outcome = try runCorpusFile(entry, check: check)
              let found = problems(check, outcome)
              if found.isEmpty { continue }
              if ProcessInfo.processInfo.environment["CARSON_SHOW_LOGS"] != nil { print("==== \(file)\n\(outcome.log)") }
              let name = check["test"]?.stringValue.map { " [\($0)]" } ?? ""
              failures.append("\(file)\(name): \(found.joined(separator: "; "))")
            }
            return failures.isEmpty ? nil : failures.joined(separator: "\n")
          } catch {
            return "\(file): \(error)"
          }
        }
      }
      var all: [String] = []
      for await failure in group { if let failure { all.append(failure) } }
      return all.sorted()
    }
    let passed = runnable.count - failures.count
    let percentage = Double(passed) * 100 / Double(entries.count)
    FileHandle.standardError.write(Data(
      """
      runtime: \(passed)/\(runnable.count) runnable cases pass (\(String(format: "%.1f", percentage))% of all \(entries.count) runtime cases); excluded: \(excluded.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))

      """.utf8))
    #expect(failures.isEmpty, "\(failures.count) runtime cases fail:\n\(failures.joined(separator: "\n"))")
  }
}
