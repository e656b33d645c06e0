/// The text between two tokens, split into what the formatter must keep (comments, line
/// continuations, line breaks) and the spaces it may re-lay.
enum TriviaPiece: Equatable {
  /// Spaces, tabs or form feeds on one line.
  case space(ArraySlice<UInt8>)
  /// One line break (`\n`, `\r\n` or `\r`).
  case newline
  /// `// …` up to the end of the line, trailing blanks removed.
  case lineComment(ArraySlice<UInt8>)
  /// `/* … */`, byte for byte (it may span lines).
  case blockComment(ArraySlice<UInt8>)
  /// A backslash ending a line of code: Groovy joins the lines, so it must stay.
  case continuation
  /// A UTF-8 byte order mark at the start of the file.
  case byteOrderMark

  var isComment: Bool {
    switch self {
    case .lineComment, .blockComment: return true
    default: return false
    }
  }
}

enum Trivia {
  /// Splits `bytes[range]`, which the lexer classified as trivia, into pieces. Anything the
  /// lexer skips is one of these forms, so no byte is dropped.
  static func pieces(_ bytes: [UInt8], _ range: Range<Int>) -> [TriviaPiece] {
    var pieces: [TriviaPiece] = []
    var i = range.lowerBound
    let end = range.upperBound
    func at(_ offset: Int) -> UInt8 { offset < end ? bytes[offset] : 0 }
    while i < end {
      let start = i
      switch bytes[i] {
      case 0x20, 0x09, 0x0C:
        while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0C { i += 1 }
        pieces.append(.space(bytes[start..<i]))
      case 0x0D:
        i += at(i + 1) == 0x0A ? 2 : 1
        pieces.append(.newline)
      case 0x0A:
        i += 1
        pieces.append(.newline)
      case 0x5C:  // backslash, then a line break
        i += 1
        if at(i) == 0x0D { i += 1 }
        if at(i) == 0x0A { i += 1 }
        pieces.append(.continuation)
      case 0x2F where at(i + 1) == 0x2A:
        i += 2
        while i < end, !(bytes[i] == 0x2A && at(i + 1) == 0x2F) { i += 1 }
        i = min(i + 2, end)
        pieces.append(.blockComment(bytes[start..<i]))
      case 0xEF where at(i + 1) == 0xBB && at(i + 2) == 0xBF:
        i += 3
        pieces.append(.byteOrderMark)
      default:
        // `// …`, or a `#!` first line (the lexer reads it as a comment too).
        while i < end, bytes[i] != 0x0A, bytes[i] != 0x0D { i += 1 }
        var last = i
        while last > start, bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09 { last -= 1 }
        pieces.append(.lineComment(bytes[start..<last]))
      }
    }
    return pieces
  }
}
