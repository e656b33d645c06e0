import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What a program run by the test support printed, and how it ended.
public struct TestProcessResult: Sendable {
  public var status: Int32
  public var stdout: [UInt8]
  public var stderr: [UInt8]
  public var output: String { String(decoding: stdout, as: UTF8.self) }
  public var errorOutput: String { String(decoding: stderr, as: UTF8.self) }
}

public struct TestProcessFailure: Error, CustomStringConvertible {
  public var arguments: [String]
  public var result: TestProcessResult
  public var description: String {
    "\(arguments.joined(separator: " ")) exited with \(result.status): \(result.errorOutput)\(result.output)"
  }
}

/// Runs programs for the test support (git, git http-backend) with Foundation's Process: this
/// is test code, outside CarsonExec's rule that it alone starts processes.
enum TestProcess {
  /// Runs `arguments` (looked up on PATH) with exactly `environment`, feeding `input` on
  /// standard input while reading both outputs, so no pipe can fill up and block.
  static func run(
    _ arguments: [String], environment: [String: String], directory: URL? = nil, input: [UInt8] = []
  ) throws -> TestProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.environment = environment
    if let directory { process.currentDirectoryURL = directory }
    // Standard input is a socket pair rather than a pipe so that writing to a program that
    // exits without reading it fails with EPIPE (send with MSG_NOSIGNAL) instead of raising
    // SIGPIPE in the test process.
    var pair: [Int32] = [0, 0]
    guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0 else {
      throw TestProcessFailure(
        arguments: arguments, result: .init(status: -1, stdout: [], stderr: Array("socketpair failed".utf8)))
    }
    for fd in pair { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    let childInput = FileHandle(fileDescriptor: pair[1], closeOnDealloc: true)
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = childInput
    process.standardOutput = stdout
    process.standardError = stderr
    do {
      try process.run()
    } catch {
      close(pair[0])
      throw error
    }
    try? childInput.close()
    let errorBytes = Locked<[UInt8]>([])
    let done = DispatchGroup()
    DispatchQueue.global().async(group: done) {
      let bytes = Array(stderr.fileHandleForReading.readDataToEndOfFile())
      errorBytes.withLock { $0 = bytes }
    }
    let writer = pair[0]
    DispatchQueue.global().async(group: done) {
      var offset = 0
      while offset < input.count {
        let sent = input.withUnsafeBytes {
          send(writer, $0.baseAddress! + offset, input.count - offset, Int32(MSG_NOSIGNAL))
        }
        if sent < 0, errno == EINTR { continue }
        if sent <= 0 { break }
        offset += sent
      }
      close(writer)
    }
    let output = Array(stdout.fileHandleForReading.readDataToEndOfFile())
    done.wait()
    process.waitUntilExit()
    return TestProcessResult(status: process.terminationStatus, stdout: output, stderr: errorBytes.current)
  }
}

/// The git CLI with an environment that ignores the user's and the system's configuration,
/// never prompts, and has a fixed identity, so tests behave the same on every machine.
public enum TestGit {
  /// An empty home directory shared by all test git commands.
  static let home: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("carson-test-git-home-\(getpid())")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }()

  public static var environment: [String: String] {
    [
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
      "HOME": home.path,
      "LANG": "C", "LC_ALL": "C",
      "GIT_CONFIG_NOSYSTEM": "1",
      "GIT_CONFIG_GLOBAL": "/dev/null",
      "GIT_TERMINAL_PROMPT": "0",
      "GIT_AUTHOR_NAME": "Carson Test", "GIT_AUTHOR_EMAIL": "test@carson.invalid",
      "GIT_COMMITTER_NAME": "Carson Test", "GIT_COMMITTER_EMAIL": "test@carson.invalid",
    ]
  }

  /// Runs `git ARGUMENTS`; throws `TestProcessFailure` (with git's messages) unless it exits 0.
  @discardableResult
  public static func run(_ arguments: [String], in directory: URL? = nil, environment extra: [String: String] = [:])
    throws
    -> TestProcessResult
  {
    let result = try runAllowingFailure(arguments, in: directory, environment: extra)
    guard result.status == 0 else { throw TestProcessFailure(arguments: ["git"] + arguments, result: result) }
    return result
  }

  public static func runAllowingFailure(
    _ arguments: [String], in directory: URL? = nil, environment extra: [String: String] = [:]
  ) throws -> TestProcessResult {
    try TestProcess.run(["git"] + arguments, environment: environment.merging(extra) { $1 }, directory: directory)
  }

  /// A new empty directory under the system's temporary directory.
  public static func makeTemporaryDirectory(_ prefix: String = "carson-test") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
