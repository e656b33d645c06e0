import CarsonExec
import CarsonGroovy
import CarsonSyntax
import Foundation

/// The `input` step and the answers for it (`--input approve|abort|FILE`, or a terminal prompt).
enum InputSteps {
  static let steps: [String: StepImplementation] = [
    "input": input
  ]

  struct Answer {
    var values: [(String, GValue)]
    var approver: String
  }

  /// Jenkins' default input id: the MD5 of the stage name (capitalised as Jenkins does).
  static func defaultID(_ text: String) -> String {
    text.prefix(1).uppercased() + String(text.dropFirst()).replacingOccurrences(of: " ", with: "")
  }

  /// Jenkins capitalizes input ids (`simple-input` is answered as `Simple-input`).
  static func capitalized(_ id: String) -> String { id.prefix(1).uppercased() + id.dropFirst() }

  static func input(_ step: StepInvocation) throws -> GValue {
    let message = try step.required("message")
    let id = step.string("id") ?? defaultID(message)
    var parameters: [(name: String, type: String, defaultValue: GValue)] = []
    for parameter in try step.run.interpreter.iterate(step.value("parameters") ?? .null, at: step.range) {
      guard case .map(let map) = parameter else { continue }
      let type = map[string: "$symbol"].map(Groovy.string) ?? "string"
      let name = Groovy.string(map[string: "name"] ?? .null)
      parameters.append((name, type, map[string: "defaultValue"] ?? (type == "booleanParam" ? .bool(false) : .string(""))))
    }
    let answer = try ask(message: message, id: id, parameters: parameters, step.context)
    let submitter = step.string("submitterParameter")
    if answer.values.isEmpty && submitter == nil { return .null }
    if answer.values.count == 1 && submitter == nil { return answer.values[0].1 }
    let map = GMap(answer.values.map { (.string($0.0), $0.1) })
    if let submitter { map[string: submitter] = .string(answer.approver) }
    if answer.values.isEmpty, submitter != nil { return .string(answer.approver) }
    return .map(map)
  }

  /// Gets the answer: from `--input`, else from the terminal, else aborts with a clear message
  /// (a headless run never waits for an answer that cannot come).
  static func ask(message: String, id: String, parameters: [(name: String, type: String, defaultValue: GValue)], _ context: BranchContext) throws -> Answer {
    let run = context.run
    // Jenkins prints the message and "Proceed or Abort", then who answered.
    context.log(message)
    context.log("Proceed or Abort")
    let defaults = parameters.map { ($0.name, $0.defaultValue) }
    switch run.options.input {
    case .approveAll:
      context.log("Approved by carson")
      return Answer(values: defaults, approver: "carson")
    case .abortAll:
      context.log("Rejected by carson")
      throw FlowInterrupted(.init(.aborted, "Rejected by carson"))
    case .answers(let json):
      guard let entry = json[id] ?? json[capitalized(id)] ?? json[message] else {
        throw FlowInterrupted(.init(.aborted, "No answer for input '\(id)' (\"\(message)\") in the --input file"))
      }
      let approver = entry["approver"]?.stringValue ?? "carson"
      if entry["approve"]?.boolValue == false {
        context.log("Rejected by \(approver)")
        throw FlowInterrupted(.init(.aborted, "Rejected by \(approver)"))
      }
      var values = defaults
      for (name, value) in entry["parameters"]?.objectValue ?? [] {
        if let i = values.firstIndex(where: { $0.0 == name }) { values[i].1 = JSONBridge.value(value) } else { values.append((name, JSONBridge.value(value))) }
      }
      context.log("Approved by \(approver)")
      return Answer(values: values, approver: approver)
    case .none:
      guard isatty(STDIN_FILENO) != 0, isatty(STDERR_FILENO) != 0 else {
        throw FlowInterrupted(.init(
          .aborted, "Input requested (\"\(message)\") but this run has no terminal to ask: answer with --input approve|abort|FILE"))
      }
      let reply: String? = run.interpreter.lock.unlocked {
        FileHandle.standardError.write(Data("\n\(message) [Proceed/Abort]: ".utf8))
        return readTerminalLine(context.cancellation)
      }
      if let reason = context.cancellation.cancellationReason { throw FlowInterrupted(reason) }
      guard let reply, !reply.lowercased().hasPrefix("a") else {
        context.log("Rejected by user")
        throw FlowInterrupted(.init(.aborted, "Rejected by user"))
      }
      context.log("Approved by user")
      return Answer(values: defaults, approver: NSUserName())
    }
  }
}

/// A line from standard input, or nil at end of input or as soon as the run is interrupted
/// (Ctrl-C while a prompt waits must abort, not wait for Enter).
func readTerminalLine(_ cancellation: CancellationScope) -> String? {
  var bytes: [UInt8] = []
  var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
  while cancellation.cancellationReason == nil {
    guard poll(&descriptor, 1, 100) > 0 else { continue }
    var byte: UInt8 = 0
    guard read(STDIN_FILENO, &byte, 1) == 1 else { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
    if byte == 0x0A { return String(decoding: bytes, as: UTF8.self) }
    bytes.append(byte)
  }
  return nil
}
