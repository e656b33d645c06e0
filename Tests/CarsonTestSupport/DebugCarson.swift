import Foundation

/// The `carson` that `swift build --build-tests` made, run as a user runs it: for behaviour that
/// needs a process of its own (libraries loaded once per process, exit codes, signals).
public enum DebugCarson {
  public static let path = SharedCorpus.repositoryRoot.appendingPathComponent(".build/debug/carson").path
  public static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: path) }
  public static let missingMessage = "\(path) is missing: build with `swift build --build-tests` first"

  public struct Outcome: Sendable {
    public var status: Int32
    /// False when it ended by a signal.
    public var exited: Bool
    /// Standard output and standard error, interleaved.
    public var output: String
  }

  /// Runs it to the end; `environment` adds to (or, with nil, removes from) the test's own.
  public static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String?] = [:]) throws -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    var merged = ProcessInfo.processInfo.environment
    for (name, value) in environment { merged[name] = value }
    process.environment = merged
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return Outcome(status: process.terminationStatus, exited: process.terminationReason == .exit, output: text)
  }
}
