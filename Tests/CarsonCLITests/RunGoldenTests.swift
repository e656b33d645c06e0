import CarsonSyntax
import CarsonTestSupport
import Foundation
import Testing

/// Golden event streams: each `fixtures/run/<name>/` holds a `Jenkinsfile`, an optional `args`
/// file (one `carson run` per line, arguments separated by spaces; several lines run the same
/// job again, for changed/fixed/regression) and `events.jsonl`, the expected events of all runs
/// in canonical form. `UPDATE_GOLDENS=1` rewrites the goldens; review the diff before committing.
@Suite struct RunGoldenTests {
  static let root = SharedCorpus.repositoryRoot.appendingPathComponent("fixtures/run")

  static var fixtureNames: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter {
      FileManager.default.fileExists(atPath: root.appendingPathComponent($0 + "/Jenkinsfile").path)
    }.sorted()
  }

  @Test(arguments: fixtureNames) func eventStreamMatchesGolden(_ name: String) throws {
    let directory = Self.root.appendingPathComponent(name)
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("carson-golden-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let argsText = (try? String(contentsOf: directory.appendingPathComponent("args"), encoding: .utf8)) ?? ""
    var runs = argsText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
    while runs.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { runs.removeLast() }
    if runs.isEmpty { runs = [""] }
    var lines: [String] = []
    for (index, line) in runs.enumerated() {
      let workspace = scratch + "/workspace"
      let extra = line.split(separator: " ").map { String($0).replacingOccurrences(of: "$FIXTURE", with: directory.path) }
      // Defaults the fixture's own arguments may replace: no prompts, a fixed user.
      var defaults = ["--input": "abort", "--cause": "user:tester"]
      for option in extra where defaults[option] != nil { defaults[option] = nil }
      let arguments = ["run", directory.path + "/Jenkinsfile", "--log-format", "json", "--workspace", workspace,
                       "--job-name", name, "--state-dir", scratch + "/state"]
        + defaults.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] } + extra
      let result = carson(arguments, in: directory.path)
      let events = try result.stdout.split(separator: "\n").map { try JSONValue.parse(Array($0.utf8)) }
      let shown = JSONValue.array(extra.map { .string(normalize($0, directory.path, workspace)) }).compact
      lines.append(#"{"run":\#(index + 1),"arguments":\#(shown),"exit":\#(result.code)}"#)
      if !result.stderr.isEmpty { lines.append(#"{"stderr":\#(JSONValue.string(normalize(result.stderr, directory.path, workspace)).compact)}"#) }
      for event in canonicalOrder(events) {
        lines.append(normalized(event, source: directory.path, workspace: workspace).compact)
      }
    }
    let actual = lines.joined(separator: "\n") + "\n"
    let golden = directory.appendingPathComponent("events.jsonl")
    if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
      try actual.write(to: golden, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOf: golden, encoding: .utf8)
    if actual != expected {
      let diff = zip(actual.split(separator: "\n"), expected.split(separator: "\n")).enumerated().first { $0.element.0 != $0.element.1 }
      Issue.record("""
        fixtures/run/\(name): events differ from events.jsonl (UPDATE_GOLDENS=1 rewrites it)
        first difference at line \(diff.map { "\($0.offset + 1)\n  actual:   \($0.element.0)\n  expected: \($0.element.1)" } ?? "(one is a prefix of the other)")
        """)
    }
  }
}

/// Removes what changes between runs (times, sequence numbers, durations, temporary paths).
func normalized(_ event: JSONValue, source: String, workspace: String) -> JSONValue {
  switch event {
  case .object(let fields):
    return .object(fields.filter { !["time", "seq", "durationMs"].contains($0.0) }.map { ($0.0, normalized($0.1, source: source, workspace: workspace)) })
  case .array(let items):
    return .array(items.map { normalized($0, source: source, workspace: workspace) })
  case .string(let text):
    return .string(normalize(text, source, workspace))
  default:
    return event
  }
}

func normalize(_ text: String, _ source: String, _ workspace: String) -> String {
  text.replacingOccurrences(of: workspace, with: "<workspace>").replacingOccurrences(of: source, with: "<fixture>")
}

/// Parallel branches and matrix cells interleave differently on every run; this order is the
/// same every time: events in emission order, except that each branch's events (those whose path
/// goes through the branch) are kept together, and sibling branches come in name order.
func canonicalOrder(_ events: [JSONValue]) -> [JSONValue] {
  final class Node {
    enum Item { case event(JSONValue), branch([String]) }
    var items: [Item] = []
  }
  var nodes: [[String]: Node] = [[]: Node()]
  var branches: Set<[String]> = []
  for event in events {
    let path = (event["path"]?.arrayValue ?? []).compactMap(\.stringValue)
    if event["type"]?.stringValue == "stage.started", event["branch"]?.boolValue == true { branches.insert(path) }
    // The innermost enclosing branch owns the event; its node is created at its first event.
    var owner: [String] = []
    for depth in stride(from: path.count, through: 1, by: -1) where branches.contains(Array(path.prefix(depth))) {
      owner = Array(path.prefix(depth))
      break
    }
    if nodes[owner] == nil {
      nodes[owner] = Node()
      var parent = Array(owner.dropLast())
      while !parent.isEmpty && !branches.contains(parent) { parent.removeLast() }
      nodes[parent]!.items.append(.branch(owner))
    }
    nodes[owner]!.items.append(.event(event))
  }
  var output: [JSONValue] = []
  func walk(_ node: Node) {
    var index = 0
    while index < node.items.count {
      // A run of consecutive sibling branches is emitted in name order.
      var run: [[String]] = []
      while index < node.items.count, case .branch(let path) = node.items[index] {
        run.append(path)
        index += 1
      }
      for path in run.sorted(by: { $0.lexicographicallyPrecedes($1) }) { walk(nodes[path]!) }
      guard index < node.items.count else { break }
      if case .event(let event) = node.items[index] { output.append(event) }
      index += 1
    }
  }
  walk(nodes[[]]!)
  return output
}
