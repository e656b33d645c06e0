import CarsonGroovy
import CarsonSyntax
import Testing

/// A host with one step, `echo`, that records its message, and a few global variables.
final class RecordingHost: ScriptHost {
  var echoed: [String] = []
  var globals: [String: GValue] = ["BRANCH_NAME": .string("main")]

  func callStep(_ name: String, _ arguments: CallArguments, _ context: EvaluationContext, at range: SourceRange) throws -> GValue? {
    switch name {
    case "echo":
      echoed.append(Groovy.string(arguments.positional.first ?? arguments.named("message") ?? .null))
      return .null
    case "error":
      throw GroovyError("hudson.AbortException", Groovy.string(arguments.positional.first ?? .null))
    default:
      return nil
    }
  }

  func globalVariable(_ name: String, _ context: EvaluationContext) throws -> GValue? { globals[name] }

  func noSuchMethod(_ name: String) -> GroovyError {
    GroovyError("java.lang.NoSuchMethodError", "No such DSL method '\(name)' found among steps [echo, error]")
  }
}

final class TestContext: EvaluationContext {
  func checkInterrupted() throws {}
}

/// Runs `source` as a script and returns what it echoed.
func run(_ source: String, host: RecordingHost = RecordingHost()) throws -> [String] {
  let tree = SyntaxTree.parse(SourceFile(path: "test", text: source))
  #expect(tree.diagnostics.isEmpty, "\(tree.diagnostics.map(\.message))")
  let interpreter = Interpreter(tree: tree, host: host)
  try interpreter.lock.locked { try interpreter.runScript(TestContext()) { _ in false } }
  return host.echoed
}

/// The value of one expression.
func value(_ expression: String) throws -> String {
  try run("echo(\"${\(expression)}\")").first ?? ""
}

@Suite struct InterpreterTests {
  @Test func literalsAndArithmetic() throws {
    #expect(try value("1 + 2 * 3") == "7")
    #expect(try value("7 / 2") == "3.5")
    #expect(try value("4 / 2") == "2")
    #expect(try value("1.1 + 2.2") == "3.3")
    #expect(try value("7.intdiv(2)") == "3")
    #expect(try value("7 % 3") == "1")
    #expect(try value("2 ** 10") == "1024")
    #expect(try value("'a' + 1") == "a1")
    #expect(try value("'ab' * 3") == "ababab")
    #expect(try value("-(3 - 5)") == "2")
  }

  @Test func stringsAndGStrings() throws {
    #expect(try run("def name = 'world'\necho \"hello ${name}!\"") == ["hello world!"])
    #expect(try run("def m = [a: [b: 'deep']]\necho \"$m.a.b\"") == ["deep"])
    #expect(try run("echo 'single ${not} interpolated'") == ["single ${not} interpolated"])
    #expect(try run("echo \"\"\"multi\nline ${1 + 1}\"\"\"") == ["multi\nline 2"])
  }

  @Test func collectionsPrintLikeGroovy() throws {
    #expect(try value("[1, 'a', [2]]") == "[1, a, [2]]")
    #expect(try value("[a: 1, b: 'x']") == "[a:1, b:x]")
    #expect(try value("[:]") == "[:]")
    #expect(try value("null") == "null")
  }

  @Test func controlFlow() throws {
    let script = """
      def out = []
      for (i in 0..<3) { out << i }
      for (int j = 0; j < 2; j++) { out << "j$j" }
      def k = 0
      while (true) { k++; if (k > 2) break }
      out << k
      if (out.size() > 3) { echo "big: $out" } else { echo 'small' }
      switch ('b') {
        case 'a': echo 'A'; break
        case ['b', 'c']: echo 'B or C'
        case 'd': echo 'fell through to D'; break
        default: echo 'never'
      }
      """
    #expect(try run(script) == ["big: [0, 1, 2, j0, j1, 3]", "B or C", "fell through to D"])
  }

  @Test func closuresAndCollections() throws {
    #expect(try value("[1, 2, 3].collect { it * 2 }") == "[2, 4, 6]")
    #expect(try value("[1, 2, 3, 4].findAll { it % 2 == 0 }") == "[2, 4]")
    #expect(try value("[3, 1, 2].sort()") == "[1, 2, 3]")
    #expect(try value("['b', 'a'].join('-')") == "b-a")
    #expect(try value("[a: 1, b: 2].collect { k, v -> \"$k=$v\" }.join(',')") == "a=1,b=2")
    #expect(try value("[1, 2, 3].inject(0) { acc, x -> acc + x }") == "6")
    #expect(try value("[1, 2].any { it > 1 } && [1, 2].every { it > 0 }") == "true")
    #expect(try run("[x: 1].each { k, v -> echo \"$k:$v\" }\n[5].eachWithIndex { v, i -> echo \"$i=$v\" }") == ["x:1", "0=5"])
    #expect(try value("{ a, b -> a + b }(2, 3)") == "5")
  }

  @Test func stringMethods() throws {
    #expect(try value("'  x  '.trim()") == "x")
    #expect(try value("'a,b,,c'.split(',')") == "[a, b, , c]")
    #expect(try value("'a b  c'.tokenize()") == "[a, b, c]")
    #expect(try value("'Hello'.toUpperCase() + 'Hello'.toLowerCase()") == "HELLOhello")
    #expect(try value("'release-1.2'.replaceAll(/\\d/, 'N')") == "release-N.N")
    #expect(try value("'abc'.substring(1)") == "bc")
    #expect(try value("'42'.toInteger() + 1") == "43")
    #expect(try value("'l1\\nl2\\n'.readLines()") == "[l1, l2]")
    #expect(try value("'feature/x' ==~ /feature\\/.*/") == "true")
    #expect(try value("('v1.2.3' =~ /v(\\d+)\\.(\\d+)/)[0][2]") == "2")
  }

  @Test func functionsAndScopes() throws {
    let script = """
      def twice(x) { return x * 2 }
      String greet(String who = 'you') { "hi $who" }
      counter = 0
      def bump() { counter++ }
      bump(); bump()
      echo "${twice(21)} ${greet()} ${greet('me')} $counter"
      """
    #expect(try run(script) == ["42 hi you hi me 2"])
  }

  @Test func exceptions() throws {
    let script = """
      try {
        error 'boom'
      } catch (hudson.AbortException e) {
        echo "caught ${e.message}"
      } finally {
        echo 'finally'
      }
      try {
        throw new IllegalStateException('bad')
      } catch (RuntimeException e) {
        echo "runtime: ${e.getMessage()}"
      }
      try { nope() } catch (NoSuchMethodError e) { echo 'no such method' }
      """
    #expect(try run(script) == ["caught boom", "finally", "runtime: bad", "no such method"])
  }

  @Test func missingPropertyIsGroovysError() {
    #expect(throws: GroovyError.self) { try run("echo undefinedThing") }
    do {
      _ = try run("echo undefinedThing")
    } catch let error as GroovyError {
      #expect(error.description == "groovy.lang.MissingPropertyException: No such property: undefinedThing for class: groovy.lang.Binding")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func globalsComeFromTheHost() throws {
    #expect(try run("echo \"on ${BRANCH_NAME}\"") == ["on main"])
  }

  @Test func unsupportedConstructsStopWithALocation() {
    do {
      _ = try run("def x = new java.io.File('/etc/passwd')")
      Issue.record("expected an error")
    } catch let error as UnsupportedConstruct {
      #expect(error.message.contains("java.io.File"))
      #expect(error.range.start == 8)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func sandboxRejectsSystemAccessLikeJenkins() {
    do {
      _ = try run("System.err.println('x')")
      Issue.record("expected an error")
    } catch let error as GroovyError {
      #expect(error.description == "org.jenkinsci.plugins.scriptsecurity.sandbox.RejectedAccessException: Scripts not permitted to use staticField java.lang.System err")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func jsonRoundTrip() throws {
    #expect(try value("new groovy.json.JsonSlurperClassic().parseText('{\"a\": [1, 2], \"b\": \"x\"}').a[1]") == "2")
    #expect(try value("groovy.json.JsonOutput.toJson([a: 1, b: [true, null]])") == #"{"a":1,"b":[true,null]}"#)
  }
}
