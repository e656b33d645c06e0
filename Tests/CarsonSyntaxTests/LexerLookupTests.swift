import CarsonSyntax
import Testing

/// The allocation-free lookups (keyword table, string delimiters, plain integers) give the same
/// answers as the straightforward definitions they replace.
@Suite struct LexerLookupTests {
  @Test func everyKeywordAndNearMissLexesAsBefore() {
    for (word, kind) in TokenKind.keywords {
      #expect(kinds(word) == [kind], "\(word)")
      // One letter more, one less, or a changed last letter is an ordinary identifier
      // (unless that spelling is itself a keyword).
      for variant in [word + "x", String(word.dropLast()), String(word.dropLast()) + "Q", word.uppercased()] where variant.count > 0 {
        let expected = TokenKind.keywords[variant] ?? .identifier
        #expect(kinds(variant) == [expected], "\(variant)")
      }
    }
    #expect(kinds("synchronized synchronizedx instanceof instanceofs") == [.kwSynchronized, .identifier, .kwInstanceof, .identifier])
  }

  @Test func stringDelimitersFromOpeningText() {
    let cases: [(String, StringDelimiter?)] = [
      ("'", .single), ("'''", .tripleSingle), ("\"", .double), ("\"\"\"", .tripleDouble), ("/", .slashy), ("$/", .dollarSlashy),
      ("", nil), ("''", nil), ("'\"'", nil), ("\"'\"", nil), ("$", nil), ("$$", nil), ("//", nil), ("''''", nil),
    ]
    for (text, expected) in cases {
      #expect(StringDelimiter(opening: Array(text.utf8)) == expected, "\(text)")
    }
  }

  @Test func integerValuesMatchSwiftParsing() {
    var decimals = ["0", "7", "42", "999999999999999999", "100000000000000000", "9223372036854775807", "9223372036854775808", "18446744073709551616"]
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<500 { decimals.append(String(UInt64.random(in: 0...UInt64(Int64.max), using: &generator) >> UInt64.random(in: 0...63, using: &generator))) }
    for digits in decimals {
      #expect(IntegerLiteral.parse(digits, negative: false) == Int64(digits), "\(digits)")
      #expect(IntegerLiteral.parse(digits, negative: true) == Int64("-" + digits), "-\(digits)")
    }
    #expect(IntegerLiteral.parse("9223372036854775808", negative: true) == Int64.min)
    #expect(IntegerLiteral.parse("017", negative: false) == 15)
    #expect(IntegerLiteral.parse("0x1F", negative: false) == 31)
    #expect(IntegerLiteral.parse("1_000", negative: false) == 1000)
    #expect(IntegerLiteral.parse("10L", negative: true) == -10)
    #expect(IntegerLiteral.parse("00", negative: false) == 0)
  }
}
