import CarsonExec
import CarsonGroovy
import Foundation

/// `sh`, and clear errors for the Windows shells.
enum ShellSteps {
  static let steps: [String: StepImplementation] = [
    "sh": sh,
    "bat": { step in throw StepFailure("bat is not supported on this platform (\(platform)); use sh") },
    "powershell": { step in throw StepFailure("powershell is not supported on this platform (\(platform)); use sh") },
    "pwsh": { step in throw StepFailure("pwsh is not supported on this platform (\(platform)); use sh") },
  ]

  static var platform: String {
    var name = utsname()
    uname(&name)
    return withUnsafeBytes(of: name.sysname) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
  }

  /// Jenkins' `sh`: the script runs with `sh -xe` (or its own `#!` interpreter), in the branch's
  /// directory and environment, in its own process group.
  static func sh(_ step: StepInvocation) throws -> GValue {
    let script = try step.required("script")
    let returnStdout = step.bool("returnStdout")
    let returnStatus = step.bool("returnStatus")
    let context = step.context
    let run = step.run
    if let label = step.string("label") { context.log(label) }

    if run.options.dryRun {
      let mock = run.options.mocks.first { script.range(of: $0.pattern, options: .regularExpression) != nil || script.contains($0.pattern) }
      context.log("[dry run] sh: \(script)")
      if returnStdout { return .string(mock?.output ?? "") }
      if returnStatus { return .int(0) }
      return .null
    }

    // A script goes to `sh -xe -c` as one argument (no file to write, sync and delete per step).
    // A `#!` script, one too long for an argument (Linux caps one at 128 KiB) or one holding a
    // secret (arguments show in `ps`) goes to a private file instead, as Jenkins always does;
    // in a container, in the workspace's `@tmp` directory, which is mounted there.
    let node = context.node
    var file: String?
    defer { if let file { try? FileManager.default.removeItem(atPath: file) } }
    let arguments: [String]
    if script.hasPrefix("#!") || script.utf8.count > 100_000 || run.masker.containsSecret(script) {
      let directory = node?.container == nil ? run.runDirectory : (node?.workspace ?? run.options.workspace) + "@tmp"
      let path = directory + "/script-\(UUID().uuidString).sh"
      try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      guard FileManager.default.createFile(atPath: path, contents: Data(script.utf8), attributes: [.posixPermissions: 0o700]) else {
        throw StepFailure("cannot write the script to \(path)")
      }
      file = path
      arguments = script.hasPrefix("#!") ? [path] : ["/bin/sh", "-xe", path]
    } else {
      arguments = ["/bin/sh", "-xe", "-c", script]
    }
    try? FileManager.default.createDirectory(atPath: context.directory, withIntermediateDirectories: true)
    // Output and trace lines keep their order as in Jenkins' log (one stream), except that
    // with returnStdout stderr stays apart from the captured stdout.
    let spec = ProcessSpec(arguments: arguments, environment: context.environment, workingDirectory: context.directory, mergeStandardError: !returnStdout)
    let runner = node?.runner ?? HostCommandRunner()

    var captured = [UInt8]()
    let out = LineEmitter(run.hub, context.path, .stdout)
    let err = LineEmitter(run.hub, context.path, .stderr)
    let exit: ProcessExit
    do {
      exit = try run.interpreter.lock.unlocked {
        try runner.run(spec, cancellation: context.cancellation) { stream, chunk in
          if stream == .stdout {
            if returnStdout { captured += chunk } else { out.write(chunk) }
          } else {
            err.write(chunk)
          }
        }
      }
    } catch {
      out.flush()
      err.flush()
      // A container removed by an abort ends its steps with an error; the abort is the cause.
      if let reason = context.cancellation.cancellationReason { throw FlowInterrupted(reason) }
      throw StepFailure("\(error)")
    }
    out.flush()
    err.flush()
    if let reason = context.cancellation.cancellationReason {
      // durable-task's words when a running script is stopped.
      context.log("Sending interrupt signal to process")
      throw FlowInterrupted(reason)
    }
    if returnStatus { return .int(Int64(exit.status)) }
    if exit.status != 0 { throw StepFailure("script returned exit code \(exit.status)") }
    return returnStdout ? .string(String(decoding: captured, as: UTF8.self)) : .null
  }
}

/// Turns a byte stream into `log` events, one per line; a line longer than `maxLine` is cut.
/// Only whole lines reach the masker, so a secret split across reads is still masked.
final class LineEmitter {
  static let maxLine = 1 << 20
  let hub: EventHub
  let path: [String]
  let stream: LogStream
  private var pending: [UInt8] = []

  init(_ hub: EventHub, _ path: [String], _ stream: CarsonExec.OutputStream) {
    self.hub = hub
    self.path = path
    self.stream = stream == .stdout ? .stdout : .stderr
  }

  func write(_ chunk: UnsafeRawBufferPointer) {
    var start = chunk.startIndex
    var i = chunk.startIndex
    while i < chunk.endIndex {
      if chunk[i] == 0x0A {
        if pending.isEmpty {
          emit(UnsafeRawBufferPointer(rebasing: chunk[start..<i]))
        } else {
          pending.append(contentsOf: chunk[start..<i])
          emitPending()
        }
        start = i + 1
      }
      i += 1
    }
    if start < chunk.endIndex { pending.append(contentsOf: chunk[start..<chunk.endIndex]) }
    if pending.count >= LineEmitter.maxLine { emitPending() }
  }

  func flush() {
    if !pending.isEmpty { emitPending() }
  }

  private func emitPending() {
    pending.withUnsafeBytes { emit($0) }
    pending.removeAll(keepingCapacity: true)
  }

  private func emit(_ bytes: UnsafeRawBufferPointer) {
    var line = bytes
    if let last = line.last, last == 0x0D { line = UnsafeRawBufferPointer(rebasing: line.dropLast()) }
    hub.emit(.log(path: path, stream: stream, text: String(decoding: line, as: UTF8.self)))
  }
}
