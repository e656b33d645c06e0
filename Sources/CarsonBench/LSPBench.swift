import CarsonLSP
import CarsonModel
import CarsonSyntax
import Foundation

// `carson lsp` latency: from a `didChange` on a 5,000-line Jenkinsfile to the `publishDiagnostics`
// of that version, with the server in this process (the same `LanguageServer` that `carson lsp`
// drives from stdin; JSON encoding and decoding of both messages included, the pipe not).

/// Collects the versions the server publishes and wakes the benchmark when one arrives.
final class PublishedVersions: @unchecked Sendable {
  let condition = NSCondition()
  var latest: Int?

  func record(_ message: JSONValue) {
    guard message["method"]?.stringValue == "textDocument/publishDiagnostics" else { return }
    condition.lock()
    latest = message["params"]?["version"]?.intValue
    condition.broadcast()
    condition.unlock()
  }

  func wait(for version: Int) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    let deadline = Date(timeIntervalSinceNow: 10)
    while latest != version {
      if !condition.wait(until: deadline) { return false }
    }
    return true
  }
}

/// The generated declarative Jenkinsfile of at least 5,000 lines that the LSP rows edit.
func lspBenchText() -> String {
  var text = String(decoding: syntheticJenkinsfile(minimumBytes: 0), as: UTF8.self)
  var bytes = 200_000
  while text.split(separator: "\n", omittingEmptySubsequences: false).count < 5_000 {
    bytes += 20_000
    text = String(decoding: syntheticJenkinsfile(minimumBytes: bytes), as: UTF8.self)
  }
  return text
}

func lspRows() -> [String] {
  let text = lspBenchText()
  let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
  let published = PublishedVersions()
  let server = LanguageServer { published.record($0) }
  defer { server.stop() }
  func send(_ json: JSONValue) { server.receive(Array(json.compact.utf8)) }
  func message(_ method: String, id: Int? = nil, _ params: JSONValue) -> JSONValue {
    var fields: [(String, JSONValue)] = [("jsonrpc", .string("2.0"))]
    if let id { fields.append(("id", .integer(Int64(id)))) }
    fields += [("method", .string(method)), ("params", params)]
    return .object(fields)
  }
  let uri = "file:///bench/Jenkinsfile"
  send(message("initialize", id: 1, .object([("capabilities", .object([]))])))
  send(message("initialized", .object([])))
  send(message("textDocument/didOpen", .object([("textDocument", .object([("uri", .string(uri)), ("languageId", .string("groovy")), ("version", .integer(1)), ("text", .string(text))]))])))
  guard published.wait(for: 1) else { return [row("LSP didChange → publishDiagnostics", "no diagnostics published", "p50 ≤ 10 ms")] }

  // Each change types one character into an `echo` in the middle of the file (or deletes it
  // again), as an editor sends keystrokes: one incremental change per version.
  let lines = text.components(separatedBy: "\n")
  let middleTarget = lines.indices.first { $0 >= lineCount / 2 && lines[$0].contains("echo 'retrying'") } ?? 0
  let column = lines[middleTarget].range(of: "retrying").map { lines[middleTarget][..<$0.lowerBound].utf16.count } ?? 0
  /// Sends changes at `line`:`column` (`typed` typed on even versions, one character deleted
  /// on odd ones) from `versions` and times each until its diagnostics are published.
  func timeChanges(_ versions: ClosedRange<Int>, typing typed: String, line: Int, column: Int, warmUp: Int, onlyTyping: Bool = false) -> [Double]? {
    var samples: [Double] = []
    for version in versions {
      let insert = version % 2 == 0
      let range: JSONValue = .object([
        ("start", .object([("line", .integer(Int64(line))), ("character", .integer(Int64(column)))])),
        ("end", .object([("line", .integer(Int64(line))), ("character", .integer(Int64(column + (insert ? 0 : 1))))])),
      ])
      let change = message(
        "textDocument/didChange",
        .object([
          ("textDocument", .object([("uri", .string(uri)), ("version", .integer(Int64(version)))])),
          ("contentChanges", .array([.object([("range", range), ("text", .string(insert ? typed : ""))])])),
        ]))
      let start = DispatchTime.now().uptimeNanoseconds
      send(change)
      guard published.wait(for: version) else { return nil }
      if version >= versions.lowerBound + warmUp, insert || !onlyTyping { samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6) }
    }
    return samples.sorted()
  }
  // Typing inside a string: every version parses, so the server re-checks only the stage typed
  // in (`IncrementalLinter`). Typing `(` before `'retrying'` leaves a syntax error inside that
  // stage (timed; deleting it again gives back the last version without one, not timed). Typing
  // into the pipeline-level `environment`, outside every stage, is a whole re-check.
  let environmentLine = lines.firstIndex { $0.contains("APP = 'bench'") } ?? 0
  let environmentColumn = lines[environmentLine].range(of: "bench").map { lines[environmentLine][..<$0.lowerBound].utf16.count } ?? 0
  guard let samples = timeChanges(2...61, typing: "x", line: middleTarget, column: column, warmUp: 10),
    let broken = timeChanges(62...101, typing: "(", line: middleTarget, column: column - 1, warmUp: 0, onlyTyping: true),
    let outside = timeChanges(102...121, typing: "x", line: environmentLine, column: environmentColumn, warmUp: 0)
  else {
    return [row("LSP didChange → publishDiagnostics", "a version was never published", "p50 ≤ 10 ms")]
  }
  let lintAlone = time(runs: 15) { _ = Linter.check(SourceFile(path: uri, text: text)) }
  func percentiles(_ sorted: [Double]) -> String {
    String(format: "p50 %.1f ms, p95 %.1f ms", sorted[sorted.count / 2], sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.95))])
  }
  return [
    row(
      "`carson lsp`: didChange → publishDiagnostics, \(lineCount)-line Jenkinsfile (\(text.utf8.count / 1024) KiB), \(samples.count) changes",
      percentiles(samples), "p50 ≤ 10 ms"),
    row("  changes that leave a syntax error inside the stage, \(broken.count) changes", percentiles(broken), "—"),
    row("  changes outside every stage (whole re-checks), \(outside.count) changes", percentiles(outside), "—"),
    row("  `Linter.check` of that file alone (median)", String(format: "%.1f ms", lintAlone * 1000), "—"),
  ]
}
