import CarsonGroovy
import Testing

/// Closures, switch, loops and exceptions as Groovy 2.4 runs them.
/// Expected values come from Groovy 2.4.21 (the version Jenkins runs).
@Suite struct ControlFlowTests {
  @Test func closures() throws {
    #expect(try run(#"""
      def add = { a, b = 10 -> a + b }
      echo "${add(1)} ${add(1, 2)}"
      def noArg = { -> 'none' }
      def implicit = { it * 2 }
      echo "${noArg()} ${implicit(4)}"
      def early = { x -> if (x > 1) { return 'big' }; 'small' }
      echo "${early(5)} ${early(0)}"
      def counter = 0
      def inc = { counter++ }
      inc(); inc()
      echo "$counter"
      def make = { n -> return { x -> x * n } }
      def ident = { it }
      echo "${make(3)(4)} ${ident.call(7)}"
      def typed = { String s, int n -> s * n }
      echo "${typed('ab', 2)} ${typed.maximumNumberOfParameters} ${implicit.maximumNumberOfParameters}"
      def minus = { a, b -> a - b }
      echo "${minus.curry(10)(3)}"
      def composed = { it + 1 } >> { it * 2 }
      def composedBack = { it + 1 } << { it * 2 }
      echo "${composed(3)} ${composedBack(3)}"
      def pair = { a, b -> "$a-$b" }
      echo "${pair([1, 2])} ${pair(1, 2)}"
      """#) == ["11 3", "none 8", "big small", "2", "12 7", "abab 2 1", "7", "8 7", "1-2 1-2"])
  }

  @Test func closureReturnOnlyLeavesTheClosure() throws {
    #expect(try run(#"""
      def out = []
      [1, 2, 3].each { if (it == 2) return; out << it }
      echo out.toString()
      def found = [1, 2, 3].find { it > 1 }
      echo found.toString()
      """#) == ["[1, 3]", "2"])
  }

  @Test func methodPointersAndFunctions() throws {
    #expect(try run(#"""
      def square(x) { x * x }
      def greet(String who = 'you') { "hi $who" }
      def join(String... parts) { parts.join('+') }
      def sq = this.&square
      echo "${sq(5)} ${[1, 2].collect(this.&square)} ${greet()} ${greet('me')} ${join('a', 'b')}"
      """#) == ["25 [1, 4] hi you hi me a+b"])
  }

  @Test func switchMatchesLikeIsCase() throws {
    #expect(try run(#"""
      def classify(x) {
        switch (x) {
          case 1: return 'one'
          case [2, 3]: return 'two-three'
          case 4..6: return 'four-six'
          case ~/a.*/: return 'a-word'
          case String: return 'string'
          case { it instanceof List }: return 'list'
          case Integer: return 'int'
          case Map: return 'map'
          default: return 'other'
        }
      }
      echo([1, 2, 5, 'abc', 'xyz', [1], 99, [k: 1], 1.5].collect { classify(it) }.toString())
      """#) == ["[one, two-three, four-six, a-word, string, list, int, map, other]"])
  }

  /// The default body runs last, wherever it is written.
  @Test func switchFallsThroughUntilBreak() throws {
    #expect(try run(#"""
      def out = []
      switch (2) {
        case 1: out << 1
        case 2: out << 2
        case 3: out << 3; break
        case 4: out << 4
      }
      echo out.toString()
      switch ('B'.toLowerCase()) {
        case 'b':
          echo 'lower b'
          break
        default:
          echo 'nope'
      }
      switch (null) { case null: echo 'null case'; break; default: echo 'x' }
      switch ('x') { default: echo 'default first'; case 'y': echo 'fell into y' }
      switch ('y') { default: echo 'default'; case 'y': echo 'y matched' }
      switch ('z') { case 'z': echo 'z'; default: echo 'then default' }
      """#) == ["[2, 3]", "lower b", "null case", "default first", "y matched", "default", "z", "then default"])
  }

  @Test func loopsWithBreakAndContinue() throws {
    #expect(try run(#"""
      def out = []
      for (i in 0..<5) { if (i == 1) continue; if (i == 3) break; out << i }
      echo out.toString()
      out = []
      for (int i = 0; i < 3; i++) { out << i }
      for (def x : [7, 8]) { out << x }
      for (String s in ['p']) { out << s }
      echo out.toString()
      out = []
      def j = 0
      while (j < 5) { j++; if (j == 2) continue; if (j == 4) break; out << j }
      echo out.toString()
      out = []
      outer: for (a in 1..3) { for (b in 1..3) { if (b == 2) continue outer; if (a == 3) break outer; out << "$a$b" } }
      echo out.toString()
      out = []
      for (e in [x: 1, y: 2]) { out << e.key + e.value }
      for (c in 'ab') { out << c }
      echo out.toString()
      """#) == ["[0, 2]", "[0, 1, 2, 7, 8, p]", "[1, 3]", "[11, 21]", "[x1, y2, a, b]"])
  }

  @Test func tryCatchFinally() throws {
    #expect(try run(#"""
      def log = []
      try {
        throw new IllegalArgumentException('bad arg')
      } catch (IllegalStateException e) {
        log << 'state'
      } catch (IllegalArgumentException e) {
        log << "arg: ${e.message}"
      } finally {
        log << 'finally'
      }
      echo log.toString()
      try { 1 / 0 } catch (ArithmeticException e) { echo "arith: $e.message" }
      try { null.foo() } catch (NullPointerException e) { echo "npe: ${e.message}" }
      try { [].first() } catch (NoSuchElementException e) { echo "nse: ${e.message}" }
      try { Integer.parseInt('x') } catch (NumberFormatException e) { echo "nfe: ${e.message}" }
      try { throw new Exception('plain') } catch (e) { echo "untyped: ${e.message} ${e.getClass().name}" }
      try { throw new RuntimeException('rt') } catch (Exception e) { echo "as exception: ${e}" }
      try { 'abc'.substring(10) } catch (StringIndexOutOfBoundsException e) { echo 'sioobe' }
      try { [1].get(5) } catch (IndexOutOfBoundsException e) { echo "ioobe: ${e.message}" }
      try { 'x'.noSuchMethod() } catch (MissingMethodException e) { echo 'mme' }
      try { assert 1 == 2 } catch (AssertionError e) { echo 'assert failed' }
      try { assert 1 == 2 : 'custom' } catch (AssertionError e) { echo "assert: ${e.message}" }
      def l = [1]
      try { assert l.size() > 2 && true : 'big' } catch (AssertionError e) { echo e.message }
      try { throw new Exception('multi') } catch (IllegalStateException | IOException e) { echo 'no' } catch (Exception e) { echo 'multi ok' }
      try { new groovy.json.JsonSlurper().parseText('{"a": tru}') } catch (groovy.json.JsonException e) { echo 'json' }
      """#) == ["[arg: bad arg, finally]", "arith: Division by zero", "npe: Cannot invoke method foo() on null object", "nse: Cannot access first() element from an empty List", "nfe: For input string: \"x\"", "untyped: plain java.lang.Exception", "as exception: java.lang.RuntimeException: rt", "sioobe", "ioobe: Index 5 out of bounds for length 1", "mme", "assert failed", "assert: custom. Expression: (1 == 2)", "big. Expression: ((l.size() > 2) && true)", "multi ok", "json"])
  }

  @Test func finallyAndRethrow() throws {
    #expect(try run(#"""
      def f = { ->
        try { return 'from try' } finally { echo 'finally runs' }
      }
      echo f()
      try {
        try { throw new IOException('io') } finally { echo 'inner finally' }
      } catch (IOException e) { echo "outer caught ${e.message}" }
      def e2 = new Exception('wrapped', new IllegalStateException('cause'))
      try { throw e2 } catch (Exception e) { echo "${e.message} ${e.cause.message} ${e.cause.getClass().name}" }
      def e3 = new RuntimeException(new IOException('io'))
      echo "${e3.message} | ${e3}"
      echo "${new Exception().message} ${new Exception()}"
      try {
        try { throw new IllegalStateException('first') } catch (e) { throw e }
      } catch (IllegalStateException e) { echo "rethrown ${e.message}" }
      """#) == ["finally runs", "from try", "inner finally", "outer caught io", "wrapped cause java.lang.IllegalStateException", "java.io.IOException: io | java.lang.RuntimeException: java.io.IOException: io", "null java.lang.Exception", "rethrown first"])
    #expect(failure(#"try { throw new IllegalStateException('escapes') } catch (IllegalArgumentException e) { echo 'wrong' }"#) == "java.lang.IllegalStateException: escapes")
    #expect(failure(#"try { throw new IOException('disk') } finally { echo 'cleanup' }"#) == "java.io.IOException: disk")
  }

  @Test func withSetsTheDelegate() throws {
    #expect(try run(#"""
      echo([a: 1].with { it.a + 1 }.toString())
      def sb = new StringBuilder()
      sb.with { append('x'); append('y') }
      echo sb.toString()
      def cfg = [name: 'n']
      echo(cfg.with { name.toUpperCase() })
      echo([1, 2].with { size() }.toString())
      echo('abc'.with { toUpperCase() })
      def m = [a: 1]
      m.with { a = 5; c = 3 }
      echo m.toString()
      def x = 10
      echo([x: 1].with { x }.toString())
      y = 10
      echo([y: 1].with { y }.toString())
      echo([a: 1].with { b }.toString())
      """#) == ["2", "xy", "N", "2", "ABC", "[a:5, c:3]", "10", "1", "null"])
  }
}
