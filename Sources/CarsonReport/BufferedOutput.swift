import Foundation

/// Where a renderer writes (standard output, a file, a test buffer).
public protocol ReportOutput: AnyObject {
  func write(_ text: String)
}

/// Collects rendered text and writes it in large pieces (a step printing a gigabyte must not
/// cost a system call per line), flushing within 100 ms so a live console stays live.
public final class BufferedOutput: @unchecked Sendable {
  private let output: ReportOutput
  private let lock = NSLock()
  private var buffer = ""
  private var timer: DispatchSourceTimer?
  static let limit = 64 * 1024

  public init(_ output: ReportOutput, live: Bool) {
    self.output = output
    if live {
      let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
      timer.schedule(deadline: .now() + .milliseconds(100), repeating: .milliseconds(100))
      timer.setEventHandler { [weak self] in self?.flush() }
      timer.resume()
      self.timer = timer
    }
  }

  deinit { timer?.cancel() }

  /// Appends; writes the buffer out when it is large. Writing happens under the lock so
  /// pieces never overtake each other.
  public func append(_ text: String) {
    lock.lock()
    defer { lock.unlock() }
    buffer += text
    if buffer.utf8.count >= Self.limit { writeBuffer() }
  }

  public func flush() {
    lock.lock()
    defer { lock.unlock() }
    writeBuffer()
  }

  private func writeBuffer() {
    guard !buffer.isEmpty else { return }
    output.write(buffer)
    buffer = ""
  }

  public func close() {
    timer?.cancel()
    timer = nil
    flush()
  }
}

/// Writes to a file descriptor (stdout, an `--events` file).
public final class FileDescriptorOutput: ReportOutput {
  let handle: FileHandle
  public init(_ handle: FileHandle) { self.handle = handle }
  public func write(_ text: String) { handle.write(Data(text.utf8)) }
}
