import CarsonExec
import Foundation

/// One conversation with `carson-shim` inside a container (`docker exec -i CONTAINER SHIM`):
/// jobs go in as RUN frames, output and the exit status come back as frames. One job at a
/// time; the container keeps a pool of sessions for concurrent steps.
final class ShimSession: @unchecked Sendable {
  let process: InteractiveProcess
  private let writeLock = NSLock()
  private var buffer: [UInt8] = []
  private var position = 0
  /// False once the stream broke (the container stopped, the shim died): the session is dropped.
  private(set) var healthy = true

  init(docker: DockerCLI, container: String, shimPath: String) throws {
    process = try InteractiveProcess(docker.spec(["exec", "-i", container, shimPath]))
    guard let greeting = readLine(), greeting.hasPrefix("READY ") else {
      let reason = process.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
      process.kill()
      _ = process.finish()
      throw DockerError("cannot start Carson's shell server in container \(container.prefix(12))\(reason.isEmpty ? "" : ": \(reason)")")
    }
  }

  /// Runs one command in the container; `spec.environment` is added to the container's own.
  func run(_ spec: ProcessSpec, cancellation: CancellationScope?, output: (CarsonExec.OutputStream, UnsafeRawBufferPointer) -> Void) throws -> ProcessExit {
    var payload: [UInt8] = []
    func field(_ text: String) {
      payload += Array(text.utf8)
      payload.append(0)
    }
    field(spec.workingDirectory)
    field(spec.mergeStandardError ? "1" : "0")
    field(String(spec.environment.count))
    for (name, value) in spec.environment.sorted(by: { $0.key < $1.key }) { field("\(name)=\(value)") }
    field(String(spec.arguments.count))
    for argument in spec.arguments { field(argument) }
    guard send(Array("RUN \(payload.count)\n".utf8) + payload) else { return try broken() }

    // Cancelling sends SIGTERM to the job's process group, then SIGKILL after the grace period.
    var token: UInt64?
    if let cancellation {
      token = cancellation.register(stopper: { [weak self] in self?.signal(SIGTERM, thenKillAfter: ProcessKiller.gracePeriod) })
      if token == nil { signal(SIGTERM, thenKillAfter: ProcessKiller.gracePeriod) }
    }
    defer { if let token { cancellation?.unregister(stopper: token) } }

    while let header = readLine() {
      let parts = header.split(separator: " ", maxSplits: 1)
      guard parts.count == 2 else { break }
      switch parts[0] {
      case "O", "E":
        guard let count = Int(parts[1]), let bytes = read(count) else { return try broken() }
        bytes.withUnsafeBytes { output(parts[0] == "O" ? .stdout : .stderr, $0) }
      case "X":
        let status = Int32(parts[1]) ?? 1
        return ProcessExit(status: status, signal: status > 128 ? status - 128 : nil)
      default:
        return try broken()
      }
    }
    return try broken()
  }

  private func broken() throws -> ProcessExit {
    healthy = false
    let reason = process.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
    throw DockerError("the container stopped while the step was running\(reason.isEmpty ? "" : " (\(reason))")")
  }

  private func signal(_ signal: Int32, thenKillAfter seconds: Double) {
    _ = send(Array("SIG \(signal)\n".utf8))
    DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [weak self] in
      _ = self?.send(Array("SIG \(SIGKILL)\n".utf8))
    }
  }

  private func send(_ bytes: [UInt8]) -> Bool {
    writeLock.lock()
    defer { writeLock.unlock() }
    return healthy && process.write(bytes)
  }

  // MARK: Reading frames

  private func fill() -> Bool {
    if position > 0 {
      buffer.removeFirst(position)
      position = 0
    }
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = Foundation.read(process.output, &chunk, chunk.count)
      if n > 0 {
        buffer += chunk[0..<n]
        return true
      }
      if n < 0 && errno == EINTR { continue }
      return false
    }
  }

  private func readLine() -> String? {
    while true {
      if let newline = buffer[position...].firstIndex(of: 0x0A) {
        let line = String(decoding: buffer[position..<newline], as: UTF8.self)
        position = newline + 1
        return line
      }
      guard fill() else { return nil }
    }
  }

  private func read(_ count: Int) -> [UInt8]? {
    while buffer.count - position < count {
      guard fill() else { return nil }
    }
    let bytes = Array(buffer[position..<position + count])
    position += count
    return bytes
  }

  func close() {
    writeLock.lock()
    healthy = false
    writeLock.unlock()
    _ = process.finish()
  }
}
