import CarsonGroovy
import Testing

/// GDK and JDK string methods as Groovy 2.4 runs them.
/// Expected values come from Groovy 2.4.21 (the version Jenkins runs).
@Suite struct StringMethodTests {
  /// Java's trim: characters up to U+0020, not other Unicode spaces.
  @Test func trimRemovesControlCharactersAndSpacesOnly() throws {
    #expect(try value(#"'[' + '  a b \t\n'.trim() + ']'"#) == "[a b]")
    #expect(try value(#"'[' + ''.trim() + ']'"#) == "[]")
    #expect(try value(#"'\t\u0001x\u0001'.trim()"#) == "x")
    #expect(try value(#"' \u00a0x\u00a0 '.trim().size()"#) == "3")
  }

  @Test func splitTakesARegexAndDropsTrailingEmpties() throws {
    #expect(try value(#"'a,b,,c'.split(',')"#) == "[a, b, , c]")
    #expect(try value(#"'a,b,,c,,'.split(',')"#) == "[a, b, , c]")
    #expect(try value(#"'a,b,,c,,'.split(',').size()"#) == "4")
    #expect(try value(#"',a'.split(',')"#) == "[, a]")
    #expect(try value(#"',a'.split(',').size()"#) == "2")
    #expect(try value(#"'a1b22c'.split(/\d+/)"#) == "[a, b, c]")
    #expect(try value(#"'a.b.c'.split('.').size()"#) == "0")
    #expect(try value(#"'a.b.c'.split('\\.')"#) == "[a, b, c]")
    #expect(try value(#"'a|b'.split('\\|')"#) == "[a, b]")
    #expect(try value(#"'a b  c'.split(' ')"#) == "[a, b, , c]")
    #expect(try value(#"'abc'.split('')"#) == "[a, b, c]")
    #expect(try value(#"''.split(',').size()"#) == "1")
    #expect(try value(#"'x'.split(',')"#) == "[x]")
    #expect(try value(#"'a,b,c'.split(',')[1]"#) == "b")
    #expect(try value(#"'a,b,c'.split(',').length"#) == "3")
    #expect(try value(#"'a\r\nb'.split('\n').size()"#) == "2")
  }

  @Test func splitWithALimit() throws {
    #expect(try value(#"'a,b,c,d'.split(',', 2)"#) == "[a, b,c,d]")
    #expect(try value(#"'key=value=x'.split('=', 2)"#) == "[key, value=x]")
    #expect(try value(#"'a,b,,c,,'.split(',', -1).size()"#) == "6")
    #expect(try value(#"'a,,b,,'.split(',', 0)"#) == "[a, , b]")
    #expect(try value(#"'a,b'.split(',', 5)"#) == "[a, b]")
  }

  @Test func splitWithoutArgumentsSplitsOnWhitespace() throws {
    #expect(try value(#"'a b  c'.split()"#) == "[a, b, c]")
    #expect(try value(#"'  a\tb\n c  '.split()"#) == "[a, b, c]")
    #expect(try value(#"'a\r\nb'.split()"#) == "[a, b]")
  }

  @Test func tokenizeSkipsEmptyTokens() throws {
    #expect(try value(#"'a b  c'.tokenize()"#) == "[a, b, c]")
    #expect(try value(#"'a,b,,c,'.tokenize(',')"#) == "[a, b, c]")
    #expect(try value(#"'a-b_c'.tokenize('-_')"#) == "[a, b, c]")
    #expect(try value(#"'  '.tokenize()"#) == "[]")
    #expect(try value(#"'a::b'.tokenize('::')"#) == "[a, b]")
    #expect(try value(#"'a\r\nb'.tokenize()"#) == "[a, b]")
    #expect(try value(#"'refs/heads/feature/x'.tokenize('/').last()"#) == "x")
  }

  @Test func containsStartsWithEndsWith() throws {
    #expect(try value(#"'hello'.contains('ell')"#) == "true")
    #expect(try value(#"'hello'.contains('')"#) == "true")
    #expect(try value(#"'hello'.contains('xyz')"#) == "false")
    #expect(try value(#"'hello'.startsWith('he')"#) == "true")
    #expect(try value(#"'hello'.startsWith('')"#) == "true")
    #expect(try value(#"'hello'.startsWith('l', 2)"#) == "true")
    #expect(try value(#"'hello'.endsWith('lo')"#) == "true")
    #expect(try value(#"'hello'.endsWith('x')"#) == "false")
    #expect(try value(#"'a\r\n'.endsWith('\n')"#) == "true")
    #expect(try value(#"'a\r\nb'.contains('\n')"#) == "true")
    #expect(try value(#"'e\u0301'.contains('e')"#) == "true")
  }

  @Test func replaceIsLiteral() throws {
    #expect(try value(#"'a.b.c'.replace('.', '-')"#) == "a-b-c")
    #expect(try value(#"'aaa'.replace('a', 'bb')"#) == "bbbbbb")
    #expect(try value(#"'a$b'.replace('$', 'D')"#) == "aDb")
    #expect(try value(#"'a\\b'.replace('\\', '/')"#) == "a/b")
  }

  @Test func replaceAllTakesARegexAndGroupReferences() throws {
    #expect(try value(#"'release-1.2'.replaceAll(/\d/, 'N')"#) == "release-N.N")
    #expect(try value(#"'v1.2.3'.replaceAll(/(\d+)\.(\d+)/, '$2.$1')"#) == "v2.1.3")
    #expect(try value(#"'a.b.c'.replaceAll('.', 'x')"#) == "xxxxx")
    #expect(try value(#"'a.b.c'.replaceAll('\\.', '/')"#) == "a/b/c")
    #expect(try value(#"'feature/ABC-123-foo'.replaceAll(/.*\/([A-Z]+-\d+).*/, '$1')"#) == "ABC-123")
    #expect(try value(#"'a b'.replaceAll(' ', '\\$')"#) == "a$b")
    #expect(try value(#"'Hello'.replaceAll('(?i)h', 'J')"#) == "Jello")
    #expect(try value(#"'feature/x y'.replaceAll('[^a-zA-Z0-9]', '_')"#) == "feature_x_y")
    #expect(try value(#"'abc'.replaceAll('', '-')"#) == "-a-b-c-")
    #expect(try value(#"'aaa'.replaceFirst(/a/, 'b')"#) == "baa")
  }

  @Test func replaceAllWithAClosure() throws {
    #expect(try value(#"'hello world'.replaceAll(/o/) { it.toUpperCase() }"#) == "hellO wOrld")
    #expect(try value(#"'a1b2'.replaceAll(/([a-z])(\d)/) { all, letter, digit -> digit + letter }"#) == "1a2b")
    #expect(try value(#"'a1b2'.replaceAll(/([a-z])(\d)/) { it[2] }"#) == "12")
    #expect(try value(#"'x-1 y-2'.replaceFirst(/(\w)-(\d)/) { m, w, d -> "$d$w" }"#) == "1x y-2")
  }

  @Test func caseConversion() throws {
    #expect(try value(#"'MiXeD'.toLowerCase()"#) == "mixed")
    #expect(try value(#"'MiXeD'.toUpperCase()"#) == "MIXED")
    #expect(try value(#"'abc'.capitalize()"#) == "Abc")
  }

  @Test func sizeLengthAndIsEmpty() throws {
    #expect(try value(#"'hello'.size()"#) == "5")
    #expect(try value(#"'hello'.length()"#) == "5")
    #expect(try value(#"'héllo'.length()"#) == "5")
    #expect(try value(#"''.isEmpty()"#) == "true")
    #expect(try value(#"'a'.isEmpty()"#) == "false")
    #expect(try value(#"'a\r\nb'.size()"#) == "4")
  }

  @Test func substringAndSubscripts() throws {
    #expect(try value(#"'hello'.substring(1)"#) == "ello")
    #expect(try value(#"'hello'.substring(1, 3)"#) == "el")
    #expect(try value(#"'hello'.substring(5)"#) == "")
    #expect(try value(#"'hello'[1]"#) == "e")
    #expect(try value(#"'hello'[-1]"#) == "o")
    #expect(try value(#"'hello'[1..3]"#) == "ell")
    #expect(try value(#"'hello'[0..<2]"#) == "he")
    #expect(try value(#"'hello'[-3..-1]"#) == "llo")
    #expect(try value(#"'hello'[3..1]"#) == "lle")
    #expect(try value(#"'hello'.take(2)"#) == "he")
    #expect(try value(#"'hello'.drop(3)"#) == "lo")
    #expect(try value(#"'hi'.take(5)"#) == "hi")
    #expect(try value(#"'hello'[0..<-1]"#) == "hell")
    #expect(try value(#"'hello'[4..<1]"#) == "oll")
    #expect(try value(#"'hello'[2..<2]"#) == "")
    #expect(failure(#"'hello'.substring(6)"#) == "java.lang.StringIndexOutOfBoundsException: begin 6, end 5, length 5")
    #expect(failure(#"'hello'.substring(3, 2)"#) == "java.lang.StringIndexOutOfBoundsException: begin 3, end 2, length 5")
  }

  @Test func matchesAndRegexOperators() throws {
    #expect(try value(#"'abc123'.matches(/[a-z]+\d+/)"#) == "true")
    #expect(try value(#"'abc123'.matches(/[a-z]+/)"#) == "false")
    #expect(try value(#"'abc' ==~ /a.c/"#) == "true")
    #expect(try value(#"'abcd' ==~ /a.c/"#) == "false")
    #expect(try value(#"('abcd' =~ /b(c)/) ? 'found' : 'none'"#) == "found")
    #expect(try value(#"('v1.2.3' =~ /v(\d+)\.(\d+)/)[0]"#) == "[v1.2, 1, 2]")
    #expect(try value(#"('v1.2.3' =~ /v(\d+)\.(\d+)/)[0][2]"#) == "2")
    #expect(try value(#"('a1b22c333' =~ /\d+/).size()"#) == "3")
    #expect(try value(#"('a1b22c333' =~ /\d+/)[1]"#) == "22")
    #expect(try value(#"('a1b22c333' =~ /\d+/).collect { it }"#) == "[1, 22, 333]")
    #expect(try value(#"('abc' =~ /(x)?b/)[0]"#) == "[b, null]")
    #expect(try value(#"'a1b2'.findAll(/\d/)"#) == "[1, 2]")
    #expect(try value(#"'a1b2'.find(/\d/)"#) == "1")
    #expect(try value(#"'key: val'.find(/(\w+): (\w+)/) { full, k, v -> v }"#) == "val")
  }

  /// find() walks the matches, group() reads the current one, truth is find().
  @Test func matcherStateLikeJava() throws {
    #expect(try run(#"""
      def m = 'a1b22c333' =~ /(\d+)/
      def out = []
      while (m.find()) { out << m.group(1) }
      echo out.toString()
      echo m.find().toString()
      m.reset()
      echo "${m.find()} ${m.group()}"
      def t = 'a1b2' =~ /\d/
      if (t) { echo t.group() }
      if (t) { echo t.group() }
      def v = 'feature/login' =~ /feature\/(.*)/
      if (v.matches()) { echo "name: ${v.group(1)}" }
      """#) == ["[1, 22, 333]", "false", "true 1", "1", "2", "name: login"])
    #expect(failure(#"""
      def m = 'v1.2.3' =~ /v(\d+)/
      m.matches()
      m.group(0)
      """#) == "java.lang.IllegalStateException: No match found")
  }

  @Test func readLinesSplitsOnAnyLineEnding() throws {
    #expect(try value(#"'a\nb\n\nc\n'.readLines()"#) == "[a, b, , c]")
    #expect(try value(#"'a\r\nb'.readLines()"#) == "[a, b]")
    #expect(try value(#"'a\rb'.readLines()"#) == "[a, b]")
    #expect(try value(#"''.readLines().size()"#) == "0")
    #expect(try value(#"'\n'.readLines().size()"#) == "1")
    #expect(try value(#"'a\n\n'.readLines().size()"#) == "2")
    #expect(try value(#"'a\r\nb\r\n'.readLines().size()"#) == "2")
  }

  @Test func eachLine() throws {
    #expect(try run(#"""
      def out = []
      'x\ny\r\nz'.eachLine { out << it }
      'p\nq'.eachLine { line, n -> out << "$n:$line" }
      echo out.toString()
      """#) == ["[x, y, z, 0:p, 1:q]"])
  }

  @Test func conversions() throws {
    #expect(try value(#"'42'.toInteger() + 1"#) == "43")
    #expect(try value(#"'-7'.toInteger()"#) == "-7")
    #expect(try value(#"'10'.toLong()"#) == "10")
    #expect(try value(#"'3.14'.toDouble()"#) == "3.14")
    #expect(try value(#"'2.50'.toBigDecimal()"#) == "2.50")
    #expect(try value(#"'3.14'.toBigDecimal() * 2"#) == "6.28")
    #expect(try value(#"'true'.toBoolean()"#) == "true")
    #expect(try value(#"'yes'.toBoolean()"#) == "false")
    #expect(try value(#"'3'.isInteger()"#) == "true")
    #expect(try value(#"'3.5'.isInteger()"#) == "false")
    #expect(try value(#"'3.5'.isNumber()"#) == "true")
    #expect(try value(#"'abc'.isNumber()"#) == "false")
    #expect(try value(#"'42'.toString()"#) == "42")
    #expect(try value(#"42.toString() + 1"#) == "421")
    #expect(failure(#"'abc'.toInteger()"#) == "java.lang.NumberFormatException: For input string: \"abc\"")
    #expect(failure(#"'4.5'.toInteger()"#) == "java.lang.NumberFormatException: For input string: \"4.5\"")
  }

  /// Groovy iterates a string's characters for each/collect/findAll/….
  @Test func iteratingCharacters() throws {
    #expect(try value(#"'abc'.collect { it * 2 }"#) == "[aa, bb, cc]")
    #expect(try value(#"'abc'.findAll { it > 'a' }"#) == "[b, c]")
    #expect(try value(#"'abc'.find { it > 'a' }"#) == "b")
    #expect(try value(#"'abc'.any { it == 'b' }"#) == "true")
    #expect(try value(#"'abc'.every { it < 'd' }"#) == "true")
    #expect(try value(#"'abc'.inject('') { acc, c -> c + acc }"#) == "cba")
    #expect(try value(#"'abc'.toList()"#) == "[a, b, c]")
    #expect(try value(#"'a\r\nb'.toList().size()"#) == "4")
    #expect(try run(#"""
      def out = []
      'ab'.each { out << it }
      'cd'.eachWithIndex { c, i -> out << "$i$c" }
      for (c in 'ef') { out << c }
      echo out.toString()
      """#) == ["[a, b, 0c, 1d, e, f]"])
  }

  @Test func otherMethods() throws {
    #expect(try value(#"'abc'.reverse()"#) == "cba")
    #expect(try value(#"'abc'.padLeft(5, '0')"#) == "00abc")
    #expect(try value(#"'abc'.padLeft(5) + '|'"#) == "  abc|")
    #expect(try value(#"'abc'.padRight(5, '.') + '|'"#) == "abc..|")
    #expect(try value(#"'abc'.center(7, '*')"#) == "**abc**")
    #expect(try value(#"'abc'.center(8)  + '|'"#) == "  abc   |")
    #expect(try value(#"'a' * 3"#) == "aaa")
    #expect(try value(#"'hello world' - 'o'"#) == "hell world")
    #expect(try value(#"'abc' - ~/b/"#) == "ac")
    #expect(try value(#"'abcabc'.indexOf('c')"#) == "2")
    #expect(try value(#"'abcabc'.lastIndexOf('c')"#) == "5")
    #expect(try value(#"'abcabc'.indexOf('c', 3)"#) == "5")
    #expect(try value(#"'abcabc'.lastIndexOf('c', 3)"#) == "2")
    #expect(try value(#"'abc'.indexOf('')"#) == "0")
    #expect(try value(#"'abc'.indexOf('c', 10)"#) == "-1")
    #expect(try value(#"'abc'.lastIndexOf('a', -5)"#) == "-1")
    #expect(try value(#"'a\r\nb'.indexOf('\n')"#) == "2")
    #expect(try value(#"'aaa'.count('aa')"#) == "2")
    #expect(try value(#"'hello'.count('l')"#) == "2")
    #expect(try value(#"'Hello'.equalsIgnoreCase('hELLO')"#) == "true")
    #expect(try value(#"'abc' <=> 'abd'"#) == "-1")
    #expect(try value(#"'b' > 'a'"#) == "true")
    #expect(try value(#"'abc'.charAt(1)"#) == "b")
    #expect(try value(#"'x'.next()"#) == "y")
    #expect(try value(#"'az'.next()"#) == "a{")
    #expect(try value(#"'b'.previous()"#) == "a")
    #expect(try value(#"'abc'.inspect()"#) == "'abc'")
    #expect(try value(#"'it\'s'.inspect()"#) == "'it\\'s'")
    #expect(try value(#"'  |a\n  |b'.stripMargin()"#) == "a\nb")
    #expect(try value(#"'    a\n      b'.stripIndent()"#) == "a\n  b")
    #expect(try value(#"'a'.concat('b')"#) == "ab")
    #expect(try value(#"'ab'.compareTo('ab')"#) == "0")
  }
}
