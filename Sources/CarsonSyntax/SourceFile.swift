/// A Jenkinsfile's text as UTF-8 bytes, with the line table built once so that
/// line/column lookups are cheap for every renderer (CLI: 1-based UTF-8 columns
/// counted in characters; LSP: 0-based UTF-16 columns).
public struct SourceFile: Sendable {
  /// The path as the user named it (or `-`/`<stdin>` for standard input).
  public let path: String
  public let bytes: [UInt8]
  public let lines: LineTable

  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
    self.lines = LineTable(bytes)
  }

  public init(path: String, text: String) {
    self.init(path: path, bytes: Array(text.utf8))
  }

  /// The text of a byte range, decoding invalid UTF-8 with replacement characters.
  public func text(_ range: SourceRange) -> String {
    let lo = Int(min(range.start, UInt32(bytes.count)))
    let hi = Int(min(max(range.end, range.start), UInt32(bytes.count)))
    return String(decoding: bytes[lo..<hi], as: UTF8.self)
  }

  public func location(of offset: UInt32) -> SourcePosition {
    lines.location(of: offset, in: bytes)
  }
}

/// A half-open byte range `[start, end)` into a `SourceFile`.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
  public var start: UInt32
  public var end: UInt32

  public init(start: UInt32, end: UInt32) {
    self.start = start
    self.end = max(start, end)
  }

  public init(_ start: Int, _ end: Int) {
    self.init(start: UInt32(start), end: UInt32(end))
  }

  public static func point(_ offset: UInt32) -> SourceRange { SourceRange(start: offset, end: offset) }

  public var length: Int { Int(end - start) }
  public var isEmpty: Bool { start == end }

  /// The smallest range covering both.
  public func union(_ other: SourceRange) -> SourceRange {
    SourceRange(start: min(start, other.start), end: max(end, other.end))
  }

  public func contains(_ offset: UInt32) -> Bool { offset >= start && offset < end }

  public var description: String { "\(start)..<\(end)" }
}

/// A position for humans: 1-based line, 1-based column counted in Unicode scalars
/// (what editors and `gcc`-style consumers expect), plus the UTF-16 column that LSP needs.
public struct SourcePosition: Hashable, Sendable, Codable {
  public var line: Int
  public var column: Int
  public var utf16Column: Int

  public init(line: Int, column: Int, utf16Column: Int) {
    self.line = line
    self.column = column
    self.utf16Column = utf16Column
  }
}

/// Byte offsets of line starts. `\n`, `\r\n` and a lone `\r` all end a line.
public struct LineTable: Sendable {
  public private(set) var starts: [UInt32]

  public init(_ bytes: [UInt8]) {
    var starts: [UInt32] = [0]
    starts.reserveCapacity(bytes.count / 32 + 1)
    bytes.withUnsafeBufferPointer { buf in
      var i = 0
      let n = buf.count
      while i < n {
        let b = buf[i]
        if b == 0x0A {
          starts.append(UInt32(i + 1))
        } else if b == 0x0D {
          if i + 1 < n, buf[i + 1] == 0x0A { i += 1 }
          starts.append(UInt32(i + 1))
        }
        i += 1
      }
    }
    self.starts = starts
  }

  public var count: Int { starts.count }

  /// 0-based index of the line holding `offset`.
  public func lineIndex(of offset: UInt32) -> Int {
    var lo = 0
    var hi = starts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
    }
    return lo
  }

  public func location(of offset: UInt32, in bytes: [UInt8]) -> SourcePosition {
    let clamped = min(offset, UInt32(bytes.count))
    let index = lineIndex(of: clamped)
    let start = Int(starts[index])
    var column = 1
    var utf16 = 0
    var i = start
    let end = Int(clamped)
    while i < end {
      let b = bytes[i]
      let width: Int
      if b < 0x80 { width = 1 } else if b >> 5 == 0x6 { width = 2 } else if b >> 4 == 0xE { width = 3 } else if b >> 3 == 0x1E { width = 4 } else { width = 1 }
      column += 1
      utf16 += width == 4 ? 2 : 1
      i += width
    }
    return SourcePosition(line: index + 1, column: column, utf16Column: utf16)
  }

  /// Byte offset of a 0-based line and UTF-16 column (LSP positions), clamped to the line.
  public func offset(line: Int, utf16Column: Int, in bytes: [UInt8]) -> UInt32 {
    guard line >= 0 else { return 0 }
    guard line < starts.count else { return UInt32(bytes.count) }
    var i = Int(starts[line])
    let lineEnd = line + 1 < starts.count ? Int(starts[line + 1]) : bytes.count
    var units = 0
    while i < lineEnd, units < utf16Column {
      let b = bytes[i]
      if b == 0x0A || b == 0x0D { break }
      let width: Int
      if b < 0x80 { width = 1 } else if b >> 5 == 0x6 { width = 2 } else if b >> 4 == 0xE { width = 3 } else if b >> 3 == 0x1E { width = 4 } else { width = 1 }
      units += width == 4 ? 2 : 1
      i += width
    }
    return UInt32(min(i, bytes.count))
  }
}
