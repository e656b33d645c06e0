import CarsonSyntax
import Testing

/// Token kinds and texts of `source` (without the end-of-file token).
func lex(_ source: String) -> [(TokenKind, String)] {
  let bytes = Array(source.utf8)
  let result = Lexer.tokenize(bytes)
  return result.tokens.dropLast().map { ($0.kind, String(decoding: bytes[Int($0.start)..<Int($0.end)], as: UTF8.self)) }
}

func kinds(_ source: String) -> [TokenKind] { lex(source).map(\.0) }

func lexDiagnostics(_ source: String) -> [Diagnostic] { Lexer.tokenize(Array(source.utf8)).diagnostics }

@Suite struct LexerTests {
  @Test func commentsAndShebangAreTrivia() {
    #expect(kinds("#!/usr/bin/env groovy\n// line\n/* block\n */ x") == [.identifier])
    let tokens = Lexer.tokenize(Array("a /* x\ny */ b".utf8)).tokens
    #expect(tokens[1].flags.contains(.newlineBefore))
  }

  @Test func keywordsAndIdentifiers() {
    #expect(kinds("def x = new Foo() as String") == [.kwDef, .identifier, .assign, .kwNew, .identifier, .leftParen, .rightParen, .kwAs, .identifier])
    #expect(kinds("$class _x it var") == [.identifier, .identifier, .identifier, .identifier])
    #expect(kinds("in instanceof") == [.kwIn, .kwInstanceof])
  }

  @Test func numbers() {
    for literal in ["0", "42", "1_000", "0x1F", "0b101", "017", "10L", "5G", "3i"] {
      #expect(kinds(literal) == [.integer], "\(literal)")
    }
    for literal in ["1.5", "1e10", "1.5e-3", "2d", "3.0f", "1.5G", "6E+2"] {
      #expect(kinds(literal) == [.decimal], "\(literal)")
    }
    #expect(kinds("1..5") == [.integer, .range, .integer])
    #expect(kinds("1.toString()") == [.integer, .dot, .identifier, .leftParen, .rightParen])
  }

  @Test func underscoreMustBeFollowedByADigitAsInGroovy() {
    let diagnostics = lexDiagnostics("123_ABC = 1")
    #expect(diagnostics.map(\.message) == ["expecting token in range: '0'..'9', found 'A'"])
    #expect(diagnostics[0].range == SourceRange(4, 5))
  }

  @Test func singleAndDoubleQuotedStrings() {
    #expect(kinds("'abc'") == [.stringBegin, .stringText, .stringEnd])
    #expect(kinds("''") == [.stringBegin, .stringEnd])
    #expect(kinds("\"a${b}c\"") == [.stringBegin, .stringText, .interpolationBegin, .identifier, .interpolationEnd, .stringText, .stringEnd])
    #expect(kinds("'no ${interpolation}'") == [.stringBegin, .stringText, .stringEnd])
  }

  @Test func dollarPathInterpolation() {
    #expect(
      kinds("\"$env.BUILD_ID-x\"") == [.stringBegin, .interpolationDollar, .identifier, .dot, .identifier, .stringText, .stringEnd])
    // A dot not followed by a name is text; `$x.y()` interpolates `x.y` only.
    #expect(kinds("\"$a.\"") == [.stringBegin, .interpolationDollar, .identifier, .stringText, .stringEnd])
    #expect(lex("\"$a.b()\"").map(\.1) == ["\"", "$", "a", ".", "b", "()", "\""])
  }

  @Test func nestedInterpolationWithStringsAndBraces() {
    let source = #""${x ? "a${y}" : 'b'} ${ m.collect { it } }""#
    let tokens = lex(source)
    #expect(tokens.first?.0 == .stringBegin)
    #expect(tokens.last?.0 == .stringEnd)
    #expect(tokens.filter { $0.0 == .interpolationBegin }.count == 3)
    #expect(tokens.filter { $0.0 == .interpolationEnd }.count == 3)
    #expect(tokens.contains { $0.0 == .leftBrace } && tokens.contains { $0.0 == .rightBrace })
    #expect(lexDiagnostics(source).isEmpty)
  }

  @Test func tripleQuotedStringsSpanLines() {
    #expect(kinds("'''a\nb'''") == [.stringBegin, .stringText, .stringEnd])
    #expect(kinds("\"\"\"a\n${b}\n\"\"\"") == [.stringBegin, .stringText, .interpolationBegin, .identifier, .interpolationEnd, .stringText, .stringEnd])
  }

  @Test func slashyStringsWhereAnOperandIsExpected() {
    #expect(kinds("x ==~ /PR-\\d+/") == [.identifier, .match, .stringBegin, .stringText, .stringEnd])
    #expect(kinds("a / b / c") == [.identifier, .slash, .identifier, .slash, .identifier])
    #expect(kinds("~/a$/") == [.tilde, .stringBegin, .stringText, .stringEnd])
    #expect(kinds("$/a/b$$/$") == [.stringBegin, .stringText, .stringEnd])
  }

  @Test func escapesAreValidated() {
    #expect(lexDiagnostics(#""a\tb\n\u00e9\$\\\"c""#).isEmpty)
    let bad = lexDiagnostics(#""C:\dir""#)
    #expect(bad.count == 1)
    #expect(bad.first?.id == .invalidEscape)
    #expect(bad.first?.range == SourceRange(3, 5))
    // Regex text in slashy strings keeps its backslashes.
    #expect(lexDiagnostics(#"x =~ /\d+\.\w/"#).isEmpty)
    #expect(lexDiagnostics(#""bad \u12""#).first?.id == .invalidEscape)
  }

  @Test func lineContinuations() {
    #expect(lexDiagnostics("'a\\\nb'").isEmpty)
    let tokens = Lexer.tokenize(Array("a + \\\n b".utf8)).tokens
    #expect(!tokens[2].flags.contains(.newlineBefore))
  }

  @Test func unterminatedFormsAreReportedAtTheOpeningQuote() {
    let single = lexDiagnostics("echo 'abc\nnext")
    #expect(single.map(\.id) == [.unterminatedString])
    #expect(single[0].range.start == 5)
    let triple = lexDiagnostics("x = '''never closed")
    #expect(triple.map(\.id) == [.unterminatedString])
    #expect(triple[0].range == SourceRange(4, 7))
    #expect(lexDiagnostics("\"${a\"").contains { $0.id == .unterminatedString })
    #expect(lexDiagnostics("/* open").map(\.id) == [.unterminatedComment])
  }

  @Test func loneDollarInGStringIsGroovysError() {
    #expect(lexDiagnostics("\"cost $5\"").map(\.id) == [.invalidDollar])
    #expect(lexDiagnostics("/a$/").isEmpty)
  }

  @Test func operators() {
    let source = "?. ?: *. .& =~ ==~ <=> .. ..< ** -> == != && || ++ -- += <<= >>> :: .@ === !=="
    #expect(
      kinds(source) == [
        .safeDot, .elvis, .spreadDot, .methodPointer, .find, .match, .spaceship, .range, .rangeExclusive, .power, .arrow,
        .equal, .notEqual, .logicalAnd, .logicalOr, .increment, .decrement, .plusAssign, .shiftLeftAssign,
        .unsignedShiftRight, .doubleColon, .fieldAccess, .identical, .notIdentical,
      ])
  }

  @Test func backtickIsAClearError() {
    let diagnostics = lexDiagnostics("sh `ls`")
    #expect(diagnostics.first?.message.contains("backtick") == true)
  }

  @Test func tokensCarryByteRangesOverMultibyteText() {
    let source = "echo 'héllo ✓' // ünïcode"
    let tokens = Lexer.tokenize(Array(source.utf8)).tokens
    #expect(tokens[2].kind == .stringText)
    #expect(String(decoding: Array(source.utf8)[Int(tokens[2].start)..<Int(tokens[2].end)], as: UTF8.self) == "héllo ✓")
  }

  @Test func lineTableGivesLineAndColumns() {
    let file = SourceFile(path: "x", text: "a\r\nbé✓𝄞x\nc")
    #expect(file.lines.count == 3)
    let x = UInt32(Array("a\r\nbé✓𝄞".utf8).count)
    #expect(file.location(of: x) == SourcePosition(line: 2, column: 5, utf16Column: 5))
    #expect(file.lines.offset(line: 1, utf16Column: 5, in: file.bytes) == x)
  }
}
