import Foundation

/// Where a command writes. The real CLI uses the process's streams; tests capture text, so every
/// command runs in-process in tests exactly as it does for users.
public protocol TextOutput: AnyObject {
  func write(_ text: String)
}

public final class FileHandleOutput: TextOutput {
  let handle: FileHandle
  public init(_ handle: FileHandle) { self.handle = handle }
  public func write(_ text: String) { handle.write(Data(text.utf8)) }
}

public final class CapturedOutput: TextOutput {
  public private(set) var text = ""
  public init() {}
  public func write(_ text: String) { self.text += text }
}

public struct CommandIO {
  public var stdout: TextOutput
  public var stderr: TextOutput
  public var readStdin: () -> [UInt8]
  public var currentDirectory: String

  public init(stdout: TextOutput, stderr: TextOutput, readStdin: @escaping () -> [UInt8], currentDirectory: String) {
    self.stdout = stdout
    self.stderr = stderr
    self.readStdin = readStdin
    self.currentDirectory = currentDirectory
  }

  /// The process's own streams and working directory.
  public static func standard() -> CommandIO {
    CommandIO(
      stdout: FileHandleOutput(.standardOutput), stderr: FileHandleOutput(.standardError),
      readStdin: { Array(FileHandle.standardInput.readDataToEndOfFile()) },
      currentDirectory: FileManager.default.currentDirectoryPath)
  }
}

/// Exit codes, following BSD `sysexits` where they apply (documented in docs/cli.md).
public enum ExitCode: Int32, Sendable {
  case success = 0
  /// `lint`: at least one error (or warning with `--strict`); `run`: UNSTABLE.
  case problemsFound = 1
  /// `run`: FAILURE, or an invalid Jenkinsfile.
  case failure = 2
  /// `run`: NOT_BUILT.
  case notBuilt = 3
  /// `run`: ABORTED.
  case aborted = 4
  /// Command-line misuse (`EX_USAGE`).
  case usage = 64
  /// An input file could not be read (`EX_NOINPUT`).
  case noInput = 66
  /// `serve-validate`: the address could not be listened on (`EX_UNAVAILABLE`).
  case unavailable = 69
}
