import CCarsonSpawn
import Foundation

/// A long-lived process Carson talks to through its standard input and output (the shell
/// server in an agent container, reached through `docker exec -i`). Its standard error is
/// collected in the background, for error messages.
public final class InteractiveProcess: @unchecked Sendable {
  public let pid: pid_t
  /// Write end of the process's standard input.
  public let input: Int32
  /// Read end of the process's standard output.
  public let output: Int32
  private let errorLock = NSLock()
  private var errorText = ""
  private let errorReader: Thread

  public init(_ spec: ProcessSpec) throws {
    guard let program = spec.arguments.first else { throw ProcessError.notFound("") }
    guard let path = ProcessRunner.resolve(program, path: spec.environment["PATH"]) else { throw ProcessError.notFound(program) }
    var inPipe: [Int32] = [0, 0], outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
    guard carson_pipe_cloexec(&inPipe) == 0, carson_pipe_cloexec(&outPipe) == 0, carson_pipe_cloexec(&errPipe) == 0 else {
      throw ProcessError.spawnFailed(program, errno)
    }
    var pid: pid_t = 0
    let rc = ProcessRunner.withCStrings(spec.arguments) { argv in
      ProcessRunner.withCStrings(spec.environment.map { "\($0.key)=\($0.value)" }) { envp in
        carson_spawn_io(&pid, path, argv, envp, spec.workingDirectory, inPipe[0], outPipe[1], errPipe[1])
      }
    }
    close(inPipe[0])
    close(outPipe[1])
    close(errPipe[1])
    guard rc == 0 else {
      close(inPipe[1])
      close(outPipe[0])
      close(errPipe[0])
      throw ProcessError.spawnFailed(program, rc)
    }
    self.pid = pid
    self.input = inPipe[1]
    self.output = outPipe[0]
    let errorFD = errPipe[0]
    let box = ErrorSink()
    errorReader = Thread {
      var buffer = [UInt8](repeating: 0, count: 4096)
      while true {
        let n = read(errorFD, &buffer, buffer.count)
        if n > 0 { box.append(Array(buffer[0..<n])) } else if n == 0 || errno != EINTR { break }
      }
      close(errorFD)
    }
    errorSink = box
    errorReader.start()
  }

  private let errorSink: ErrorSink

  /// What the process wrote to standard error so far.
  public var standardError: String { errorSink.text }

  /// Writes all of `bytes` to the process's standard input; false if it has gone.
  @discardableResult
  public func write(_ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let n = bytes[offset...].withUnsafeBytes { Foundation.write(input, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        return false
      }
      offset += n
    }
    return true
  }

  /// Closes standard input (the process sees end of input) and waits for it to end.
  @discardableResult
  public func finish() -> ProcessExit {
    close(input)
    close(output)
    return ProcessRunner.reap(pid, block: true)!
  }

  /// Closes standard input, reads standard output to its end and waits for the process
  /// (for a process that answers once, like `docker login --password-stdin`).
  public func complete() -> (exit: ProcessExit, output: String) {
    close(input)
    var collected: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = read(output, &chunk, chunk.count)
      if n > 0 { collected += chunk[0..<n] } else if n == 0 || errno != EINTR { break }
    }
    close(output)
    return (ProcessRunner.reap(pid, block: true)!, String(decoding: collected, as: UTF8.self))
  }

  /// Stops the process group at once.
  public func kill() {
    ProcessKiller.terminate(group: pid)
  }
}

final class ErrorSink: @unchecked Sendable {
  private let lock = NSLock()
  private var bytes: [UInt8] = []
  func append(_ more: [UInt8]) {
    lock.lock()
    if bytes.count < 65536 { bytes += more }
    lock.unlock()
  }
  var text: String {
    lock.lock()
    defer { lock.unlock() }
    return String(decoding: bytes, as: UTF8.self)
  }
}
