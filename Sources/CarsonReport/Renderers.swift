import CarsonEngine
import CarsonSyntax
import Foundation

/// Chooses and builds renderers by name (`--log-format`).
public enum LogFormat: String, CaseIterable, Sendable {
  case console, plain, jenkins, json
}

// MARK: - JSON lines

/// One JSON object per event per line (docs/events.md).
public final class JSONLinesRenderer: EventSink {
  let output: BufferedOutput
  public init(_ output: ReportOutput, live: Bool = false) { self.output = BufferedOutput(output, live: live) }

  public func receive(_ event: RunEvent) { output.append(Self.json(event).compact + "\n") }
  public func finish() { output.close() }

  // Sinks are called one at a time by the event hub, so one formatter is enough.
  nonisolated(unsafe) static let timeFormatter: ISO8601DateFormatter = {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter
  }()

  public static func json(_ event: RunEvent) -> JSONValue {
    var fields: [(String, JSONValue)] = [
      ("type", .string(event.type)), ("seq", .integer(Int64(event.seq))), ("time", .string(timeFormatter.string(from: event.time))),
    ]
    func path(_ p: [String]) -> JSONValue { .array(p.map { .string($0) }) }
    switch event.payload {
    case .runStarted(let job, let build, let jenkinsfile, let workspace, let cause):
      fields += [
        ("version", .integer(Int64(RunEvent.schemaVersion))), ("job", .string(job)), ("build", .integer(Int64(build))),
        ("jenkinsfile", .string(jenkinsfile)), ("workspace", .string(workspace)), ("cause", .string(cause)),
      ]
    case .stageStarted(let stage, let p, let branch):
      fields += [("stage", .string(stage)), ("path", path(p)), ("branch", .bool(branch))]
    case .stageFinished(let stage, let p, let status, let reason, let duration):
      fields += [("stage", .string(stage)), ("path", path(p)), ("status", .string(status.rawValue))]
      if let reason { fields.append(("skipReason", .string(reason.rawValue))) }
      fields.append(("durationMs", .integer(Int64(duration))))
    case .stepStarted(let step, let p, let arguments, let block):
      fields += [("step", .string(step)), ("path", path(p)), ("block", .bool(block))]
      if let arguments { fields.append(("arguments", .string(arguments))) }
    case .stepFinished(let step, let p, let status, let duration, let block):
      fields += [("step", .string(step)), ("path", path(p)), ("status", .string(status.rawValue)), ("durationMs", .integer(Int64(duration))), ("block", .bool(block))]
    case .log(let p, let stream, let text):
      fields += [("stage", p.last.map { .string($0) } ?? .null), ("path", path(p)), ("stream", .string(stream.rawValue)), ("text", .string(text))]
    case .whenEvaluated(let p, let condition, let result, let detail):
      fields += [("path", path(p)), ("condition", .string(condition)), ("result", .bool(result)), ("detail", .string(detail))]
    case .postCondition(let p, let condition, let ran):
      fields += [("path", path(p)), ("condition", .string(condition)), ("ran", .bool(ran))]
    case .runFinished(let result, let duration):
      fields += [("result", .string(result.name)), ("durationMs", .integer(Int64(duration)))]
    }
    if event.dryRun { fields.append(("dryRun", .bool(true))) }
    return .object(fields)
  }
}

// MARK: - Plain

/// Prefixed lines for logs and CI: `[Build] output`, `Stage Build: SUCCESS (1.2 s)`.
public final class PlainRenderer: EventSink {
  let output: BufferedOutput
  public init(_ output: ReportOutput, live: Bool = false) { self.output = BufferedOutput(output, live: live) }

  public func receive(_ event: RunEvent) {
    switch event.payload {
    case .runStarted(let job, let build, let file, _, _):
      output.append("Running \(file) as \(job) #\(build)\(event.dryRun ? " (dry run)" : "")\n")
    case .stageFinished(_, let path, let status, let reason, let duration):
      let outcome: String
      if event.dryRun {
        outcome = reason.map { "would skip (\($0.rawValue))" } ?? (status == .success ? "would run" : "would run, then \(status.rawValue)")
      } else {
        outcome = "\(status.rawValue)\(reason.map { " (\($0.rawValue))" } ?? "") (\(formatDuration(duration)))"
      }
      output.append("Stage \(path.joined(separator: " » ")): \(outcome)\n")
    case .log(let path, _, let text):
      output.append(prefix(path) + text + "\n")
    case .whenEvaluated(let path, let condition, let result, let detail) where event.dryRun:
      output.append(prefix(path) + "when \(condition) → \(result) (\(detail))\n")
    case .stepStarted(let step, let path, let arguments, _) where event.dryRun:
      output.append(prefix(path) + "would run \(step)\(arguments.map { " \($0)" } ?? "")\n")
    case .runFinished(let result, let duration):
      output.append("Finished: \(result.name) (\(formatDuration(duration)))\n")
    default: break
    }
  }

  func prefix(_ path: [String]) -> String { path.isEmpty ? "" : "[\(path.joined(separator: " » "))] " }

  public func finish() { output.close() }
}

func formatDuration(_ ms: Int) -> String {
  ms < 1000 ? "\(ms) ms" : String(format: "%.1f s", Double(ms) / 1000)
}

// MARK: - Jenkins

/// Jenkins' console format (`[Pipeline] stage`, `[Pipeline] { (Build)`, `[Pipeline] echo`, …),
/// so logs compare with a Jenkins build's. Lines of parallel branches carry `[branch] `.
public final class JenkinsLogRenderer: EventSink {
  let output: BufferedOutput
  public init(_ output: ReportOutput, live: Bool = false) { self.output = BufferedOutput(output, live: live) }

  /// The innermost parallel branch of a path, for Jenkins' `[branch] ` prefix.
  var branches: [[String]] = []
  /// Stages whose parallel block has been announced (`[Pipeline] parallel`).
  var parallels: Set<[String]> = []

  func prefix(_ path: [String]) -> String {
    guard let branch = branches.last(where: { path.starts(with: $0) }) else { return "" }
    return "[\(branch.last!)] "
  }

  func line(_ text: String, _ path: [String] = []) { output.append(prefix(path) + text + "\n") }

  public func receive(_ event: RunEvent) {
    switch event.payload {
    case .runStarted(_, _, _, _, let cause):
      line(cause)
      line("[Pipeline] Start of Pipeline")
    case .stageStarted(let stage, let path, let branch):
      if branch {
        let parent = Array(path.dropLast())
        if !parallels.contains(parent) {
          parallels.insert(parent)
          line("[Pipeline] parallel", parent)
        }
        branches.append(path)
        line("[Pipeline] { (Branch: \(stage))", path)
        line("[Pipeline] stage", path)
        line("[Pipeline] { (\(stage))", path)
      } else {
        line("[Pipeline] stage", path)
        line("[Pipeline] { (\(stage))", path)
      }
    case .stageFinished(_, let path, _, _, _):
      if parallels.remove(path) != nil { line("[Pipeline] // parallel", path) }
      line("[Pipeline] }", path)
      line("[Pipeline] // stage", path)
      if branches.last == path {
        line("[Pipeline] }", path)
        branches.removeLast()
      }
    case .stepStarted(let step, let path, _, let block):
      line("[Pipeline] \(step)", path)
      if block { line("[Pipeline] {", path) }
    case .stepFinished(let step, let path, _, _, let block):
      if block {
        line("[Pipeline] }", path)
        line("[Pipeline] // \(step)", path)
      }
    case .log(let path, _, let text):
      line(text, path)
    case .runFinished(let result, _):
      line("[Pipeline] End of Pipeline")
      line("Finished: \(result.name)")
    case .whenEvaluated, .postCondition: break
    }
  }

  public func finish() { output.close() }
}

// MARK: - Console

/// For a terminal: the stage tree as it runs, with status symbols, durations and colours
/// (none when `NO_COLOR` is set), step output indented under its stage, and a summary.
public final class ConsoleRenderer: EventSink {
  let output: BufferedOutput
  let color: Bool
  var finished: [(path: [String], status: StageStatus, reason: SkipReason?, duration: Int)] = []

  public init(_ output: ReportOutput, color: Bool) {
    self.output = BufferedOutput(output, live: true)
    self.color = color
  }

  func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

  func symbol(_ status: StageStatus) -> String {
    switch status {
    case .success: return paint("✔", "32")
    case .unstable: return paint("!", "33")
    case .failure: return paint("✘", "31")
    case .aborted: return paint("■", "35")
    case .notBuilt: return paint("○", "90")
    case .skipped: return paint("↷", "90")
    }
  }

  func detail(_ reason: SkipReason?, _ duration: Int, dryRun: Bool) -> String {
    if dryRun { return reason.map { "would skip: \($0.rawValue)" } ?? "would run" }
    return reason.map { "skipped: \($0.rawValue)" } ?? formatDuration(duration)
  }

  func indent(_ path: [String]) -> String { String(repeating: "  ", count: max(0, path.count - 1)) }

  public func receive(_ event: RunEvent) {
    switch event.payload {
    case .runStarted(let job, let build, let file, _, _):
      output.append(paint("▶ \(file) · \(job) #\(build)\(event.dryRun ? " · dry run" : "")", "1") + "\n")
    case .stageStarted(let stage, let path, _):
      output.append("\(indent(path))\(paint("▸", "36")) \(paint(stage, "1"))\n")
    case .stageFinished(let stage, let path, let status, let reason, let duration):
      finished.append((path, status, reason, duration))
      let detail = self.detail(reason, duration, dryRun: event.dryRun)
      output.append("\(indent(path))\(symbol(status)) \(stage) \(paint(detail, "90"))\n")
    case .log(let path, let stream, let text):
      let bar = stream == .stderr ? paint("│", "33") : paint("│", "90")
      output.append("\(indent(path))  \(bar) \(text)\n")
    case .whenEvaluated(let path, let condition, let result, let detail):
      output.append("\(indent(path))  \(paint("when \(condition) → \(result) (\(detail))", "90"))\n")
    case .stepStarted(let step, let path, let arguments, _) where event.dryRun:
      output.append("\(indent(path))  \(paint("would run \(step)\(arguments.map { " \($0)" } ?? "")", "90"))\n")
    case .runFinished(let result, let duration):
      output.append("\n" + paint("Stages", "1") + "\n")
      for entry in finished where entry.path.count >= 1 {
        let detail = self.detail(entry.reason, entry.duration, dryRun: event.dryRun)
        output.append("\(indent(entry.path))\(symbol(entry.status)) \(entry.path.last!) \(paint(detail, "90"))\n")
      }
      let code: String
      switch result {
      case .success: code = "32;1"
      case .unstable: code = "33;1"
      case .failure: code = "31;1"
      default: code = "35;1"
      }
      output.append(paint("Finished: \(result.name)", code) + " " + paint("(\(formatDuration(duration)))", "90") + "\n")
    default: break
    }
  }

  public func finish() { output.close() }
}
