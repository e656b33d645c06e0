import CCarsonSpawn
import Foundation

/// What to start: an argv array (never a shell string built from user input), its environment
/// and working directory.
public struct ProcessSpec: Sendable {
  public var arguments: [String]
  public var environment: [String: String]
  public var workingDirectory: String
  /// Standard error into the same pipe as standard output, so lines keep the order the program
  /// wrote them in (a shell's `+ command` traces before the command's output), as Jenkins' log.
  /// Everything is then delivered as `.stdout`.
  public var mergeStandardError: Bool

  public init(arguments: [String], environment: [String: String], workingDirectory: String, mergeStandardError: Bool = false) {
    self.arguments = arguments
    self.environment = environment
    self.workingDirectory = workingDirectory
    self.mergeStandardError = mergeStandardError
  }
}

public enum OutputStream: String, Sendable {
  case stdout, stderr
}

public enum ProcessError: Error, Equatable, CustomStringConvertible {
  case notFound(String)
  case spawnFailed(String, Int32)

  public var description: String {
    switch self {
    case .notFound(let program): return "\(program): command not found"
    case .spawnFailed(let program, let code): return "cannot start \(program): \(String(cString: strerror(code)))"
    }
  }
}

/// How a process ended: its exit status, or 128 + the signal that killed it (as shells report).
public struct ProcessExit: Sendable, Equatable {
  public var status: Int32
  public var signal: Int32?

  public init(status: Int32, signal: Int32?) {
    self.status = status
    self.signal = signal
  }
}

/// The one place Carson starts processes. Each process runs in its own process group, so a
/// cancellation (timeout, failFast, Ctrl-C) can stop it together with everything it started.
/// Output is delivered in chunks as it arrives, from the calling thread; reading stops when
/// the process has exited and its pipes are drained, even if a background child keeps them
/// open, so a step never hangs on a daemon.
public enum ProcessRunner {
  static let chunkSize = 64 * 1024

  /// Runs `spec` to completion, calling `output` for every chunk read.
  public static func run(
    _ spec: ProcessSpec, cancellation: CancellationScope? = nil,
    output: (OutputStream, UnsafeRawBufferPointer) -> Void
  ) throws -> ProcessExit {
    guard let program = spec.arguments.first else { throw ProcessError.notFound("") }
    guard let path = resolve(program, path: spec.environment["PATH"]) else { throw ProcessError.notFound(program) }

    var outPipe: [Int32] = [0, 0]
    var errPipe: [Int32] = [0, 0]
    guard carson_pipe_cloexec(&outPipe) == 0, carson_pipe_cloexec(&errPipe) == 0 else {
      throw ProcessError.spawnFailed(program, errno)
    }
    var pid: pid_t = 0
    let rc = withCStrings(spec.arguments) { argv in
      withCStrings(spec.environment.map { "\($0.key)=\($0.value)" }) { envp in
        carson_spawn(&pid, path, argv, envp, spec.workingDirectory, outPipe[1], spec.mergeStandardError ? outPipe[1] : errPipe[1])
      }
    }
    close(outPipe[1])
    close(errPipe[1])
    guard rc == 0 else {
      close(outPipe[0])
      close(errPipe[0])
      throw ProcessError.spawnFailed(program, rc)
    }
    if let cancellation, !cancellation.register(processGroup: pid) {
      ProcessKiller.terminate(group: pid)
    }
    defer { cancellation?.unregister(processGroup: pid) }
    return pump(pid: pid, out: outPipe[0], err: errPipe[0], output: output)
  }

  /// Reads both pipes until the process has exited and the pipes are drained.
  static func pump(pid: pid_t, out: Int32, err: Int32, output: (OutputStream, UnsafeRawBufferPointer) -> Void) -> ProcessExit {
    var fds = [pollfd(fd: out, events: Int16(POLLIN), revents: 0), pollfd(fd: err, events: Int16(POLLIN), revents: 0)]
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
    defer {
      buffer.deallocate()
      close(out)
      close(err)
    }
    var exit: ProcessExit?
    var drainDeadline: DispatchTime?
    while fds[0].fd >= 0 || fds[1].fd >= 0 {
      // Once the process is gone, give background children a short grace to release the pipes.
      if let deadline = drainDeadline, DispatchTime.now() > deadline { break }
      let ready = poll(&fds, 2, exit == nil ? 200 : 20)
      if ready < 0 && errno != EINTR { break }
      // stderr first when both are ready: a shell's `+ command` trace (stderr) was written before
      // the command's own output, and two pipes cannot tell the true order otherwise.
      for i in [1, 0] where fds[i].fd >= 0 && fds[i].revents != 0 {
        let n = read(fds[i].fd, buffer.baseAddress, chunkSize)
        if n > 0 {
          output(i == 0 ? .stdout : .stderr, UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        } else if n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN) {
          fds[i].fd = -1
        }
      }
      if exit == nil, ready == 0 || fds[0].fd < 0 || fds[1].fd < 0 {
        exit = reap(pid, block: false)
        if exit != nil { drainDeadline = .now() + .milliseconds(300) }
      }
    }
    return exit ?? reap(pid, block: true)!
  }

  static func reap(_ pid: pid_t, block: Bool) -> ProcessExit? {
    var status: Int32 = 0
    while true {
      let r = waitpid(pid, &status, block ? 0 : WNOHANG)
      if r == pid { break }
      if r == 0 { return nil }
      if r < 0 && errno == EINTR { continue }
      return ProcessExit(status: 127, signal: nil)
    }
    // WIFEXITED / WEXITSTATUS / WTERMSIG, spelled out (they are macros in C).
    let termSignal = status & 0x7F
    if termSignal == 0 { return ProcessExit(status: (status >> 8) & 0xFF, signal: nil) }
    return ProcessExit(status: 128 + termSignal, signal: termSignal)
  }

  /// `program` itself when it contains a slash, else the first executable match in `path`.
  public static func resolve(_ program: String, path: String?) -> String? {
    if program.contains("/") { return access(program, X_OK) == 0 ? program : nil }
    let directories = (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
    for directory in directories {
      let candidate = "\(directory)/\(program)"
      if access(candidate, X_OK) == 0 { return candidate }
    }
    return nil
  }

  static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for p in pointers { free(p) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
  }
}

/// What a finished command printed.
public struct CapturedOutput: Sendable {
  public var exit: ProcessExit
  public var stdout: String
  public var stderr: String
}

extension ProcessRunner {
  /// Runs `arguments` (the program looked up in PATH) to completion and collects its output,
  /// for commands whose output Carson reads (`docker inspect`, `git rev-parse`).
  public static func capture(
    _ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
    workingDirectory: String = "/", cancellation: CancellationScope? = nil
  ) throws -> CapturedOutput {
    var out: [UInt8] = [], err: [UInt8] = []
    let spec = ProcessSpec(arguments: arguments, environment: environment, workingDirectory: workingDirectory)
    let exit = try run(spec, cancellation: cancellation) { stream, chunk in
      if stream == .stdout { out += chunk } else { err += chunk }
    }
    return CapturedOutput(exit: exit, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
  }
}
