import Foundation

/// Where a step's command runs: on this machine, or inside an agent container. The engine
/// hands every `sh` to the runner of the node it is on and never builds a shell string from
/// user input; a command is an argv array with its environment and directory.
public protocol CommandRunner: Sendable {
  /// Runs `spec` to completion, calling `output` for every chunk; `cancellation` stops it.
  func run(
    _ spec: ProcessSpec, cancellation: CancellationScope?, output: (OutputStream, UnsafeRawBufferPointer) -> Void
  ) throws -> ProcessExit
}

/// Runs commands on this machine, each in its own process group.
public struct HostCommandRunner: CommandRunner {
  public init() {}

  public func run(
    _ spec: ProcessSpec, cancellation: CancellationScope?, output: (OutputStream, UnsafeRawBufferPointer) -> Void
  ) throws -> ProcessExit {
    try ProcessRunner.run(spec, cancellation: cancellation, output: output)
  }
}
