import CarsonSyntax
import Testing

func parse(_ source: String) -> SyntaxTree {
  SyntaxTree.parse(SourceFile(path: "test", text: source))
}

/// The dump of a snippet that must parse without diagnostics.
func dumpClean(_ source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
  let tree = parse(source)
  #expect(tree.diagnostics.isEmpty, "unexpected: \(tree.diagnostics.map(\.message))", sourceLocation: sourceLocation)
  return SyntaxDump.dump(tree.statements)
}



@Suite struct ParserTests {
  // MARK: Calls

  @Test func commandCallsWithoutParentheses() {
    #expect(dumpClean("echo 'hi'") == #"(call echo (str "hi"))"#)
    #expect(dumpClean("agent any") == "(call agent any)")
    #expect(dumpClean("sh script: 'make', returnStdout: true") == #"(call sh script: (str "make") returnStdout: true)"#)
    #expect(dumpClean("values 'a', 'b'") == #"(call values (str "a") (str "b"))"#)
    #expect(dumpClean("echo 'a' + b") == #"(call echo (+ (str "a") b))"#)
  }

  @Test func commandChains() {
    #expect(dumpClean("a b c d") == "(call (call a b).c d)")
  }

  @Test func callsWithParenthesesAndTrailingClosures() {
    #expect(dumpClean("stage('x') { echo 'y' }") == #"(call stage (str "x") {(call echo (str "y"))})"#)
    #expect(dumpClean("timeout(time: 5, unit: 'MINUTES') { sh 'x' }") == #"(call timeout time: 5 unit: (str "MINUTES") {(call sh (str "x"))})"#)
    #expect(dumpClean("node { }") == "(call node {})")
  }

  @Test func closureOnTheNextLineAttachesToTheCall() {
    #expect(dumpClean("stage('x')\n{\n  echo 'y'\n}") == #"(call stage (str "x") {(call echo (str "y"))})"#)
    #expect(dumpClean("pipeline\n{\n agent any\n}") == "(call pipeline {(call agent any)})")
  }

  @Test func closuresWithParameters() {
    #expect(dumpClean("list.each { item -> echo item }") == "(call list.each {item -> (call echo item)})")
    #expect(dumpClean("m.findAll { k, String v -> v }") == "(call m.findAll {k, v -> v})")
    #expect(dumpClean("def c = { -> 1 }") == "(var c = { -> 1})")
  }

  @Test func propertyIndexAndSafeNavigation() {
    #expect(dumpClean("x = env.BRANCH_NAME") == "(= x (env.BRANCH_NAME))")
    #expect(dumpClean("x = a?.b?.c") == "(= x ((a?.b)?.c))")
    #expect(dumpClean("x = m['k'][0]") == #"(= x ((m[(str "k")])[0]))"#)
    #expect(dumpClean("x = list*.name") == "(= x (list*.name))")
    #expect(dumpClean("x = this.&foo") == "(= x (this.&foo))")
    #expect(dumpClean("env.\"${k}\" = v") == "(= (env.(gstr ${k})) v)")
  }

  @Test func methodChainsAcrossLines() {
    #expect(dumpClean("def v = sh(script: 'x', returnStdout: true)\n    .trim()") == #"(var v = (call (call sh script: (str "x") returnStdout: true).trim))"#)
  }

  @Test func listAndMapLiterals() {
    #expect(dumpClean("x = [1, 2, 3]") == "(= x [1, 2, 3])")
    #expect(dumpClean("x = [:]") == "(= x [:])")
    #expect(dumpClean("x = [a: 1, 'b c': 2, (k): 3]") == "(= x [a: 1, b c: 2, (k): 3])")
    #expect(dumpClean("checkout([$class: 'GitSCM', branches: [[name: '*/main']]])") == #"(call checkout [$class: (str "GitSCM"), branches: [[name: (str "*/main")]]])"#)
    #expect(dumpClean("x = [\n 1,\n 2,\n]") == "(= x [1, 2])")
  }

  // MARK: Operators

  @Test func precedence() {
    #expect(dumpClean("x = a || b && c") == "(= x (|| a (&& b c)))")
    #expect(dumpClean("x = 1 + 2 * 3 ** 2") == "(= x (+ 1 (* 2 (** 3 2))))")
    #expect(dumpClean("x = -2 ** 2") == "(= x (- (** 2 2)))")
    #expect(dumpClean("x = !a == b") == "(= x (== (! a) b))")
    #expect(dumpClean("x = a in b") == "(= x (in a b))")
    #expect(dumpClean("x = 1..<n") == "(= x (..< 1 n))")
  }

  @Test func ternaryElvisAndRegexOperators() {
    #expect(dumpClean("x = a ? b : c ? d : e") == "(= x (? a b (? c d e)))")
    #expect(dumpClean("x = a ?: 'b'") == #"(= x (?: a (str "b")))"#)
    #expect(dumpClean("x = name ==~ /PR-\\d+/") == #"(= x (==~ name (str "PR-\d+")))"#)
    #expect(dumpClean("x = (s =~ /(\\d+)/)[0][1]") == #"(= x (((=~ s (str "(\d+)"))[0])[1]))"#)
  }

  @Test func castsNewAndInstanceof() {
    #expect(dumpClean("x = (String) y") == "(= x (cast String y))")
    #expect(dumpClean("x = y as List") == "(= x (as y List))")
    #expect(dumpClean("x = new java.util.Date()") == "(= x (new java.util.Date))")
    #expect(dumpClean("x = new File(path, 'n')") == #"(= x (new File path (str "n")))"#)
    #expect(dumpClean("x = y instanceof Map") == "(= x (instanceof y Map))")
  }

  @Test func compoundAssignments() {
    #expect(dumpClean("x += 1") == "(+= x 1)")
    #expect(dumpClean("list << 'a'") == #"(<< list (str "a"))"#)
    #expect(dumpClean("x++") == "(x ++)")
  }

  // MARK: Strings

  @Test func stringFormsAndEscapes() {
    #expect(dumpClean("x = 'a\\tb'") == "(= x (str \"a\tb\"))")
    #expect(dumpClean("x = \"v${a + 1}w\"") == #"(= x (gstr "v" ${(+ a 1)} "w"))"#)
    #expect(dumpClean("x = \"$env.HOME/bin\"") == #"(= x (gstr $(env.HOME) "/bin"))"#)
    #expect(dumpClean("x = '''a\nb'''") == #"(= x (str "a\nb"))"#)
    #expect(dumpClean("x = \"\\u00e9\"") == #"(= x (str "é"))"#)
    #expect(dumpClean("x = 'a\\\nb'") == #"(= x (str "ab"))"#)
    #expect(dumpClean("x = $/a\\b/$") == #"(= x (str "a\b"))"#)
  }

  @Test func commandCallInsideInterpolation() {
    #expect(dumpClean("x = \"${readFile file: 'a'}\"") == #"(= x (gstr ${(call readFile file: (str "a"))}))"#)
  }

  // MARK: Statements

  @Test func declarations() {
    #expect(dumpClean("def x = 1") == "(var x = 1)")
    #expect(dumpClean("String s = 'a'") == #"(var String s = (str "a"))"#)
    #expect(dumpClean("List<Map<String, String>> l = []") == "(var List l = [])")
    #expect(dumpClean("int i = 0, j") == "(var int i = 0, j)")
    #expect(dumpClean("def (a, b) = [1, 2]") == "(var a, b = [1, 2])")
    #expect(dumpClean("static final String NAME = 'n'") == #"(var String NAME = (str "n"))"#)
    #expect(dumpClean("def r = sh script: 'x', returnStdout: true") == #"(var r = (call sh script: (str "x") returnStdout: true))"#)
  }

  @Test func methodDefinitions() {
    #expect(dumpClean("def greet(name) {\n  echo name\n}") == "(def greet(name) {(call echo name)})")
    #expect(dumpClean("@NonCPS\nString f(String a, int b = 2) { return a }") == "@NonCPS (def f(a, b) {(return a)})")
    #expect(dumpClean("void run()\n{\n}") == "(def run() {})")
  }

  @Test func controlFlow() {
    #expect(dumpClean("if (a) { b() } else if (c) d() else { e() }") == "(if a {(call b)} else (if c (call d) else {(call e)}))")
    #expect(dumpClean("if (a) {\n}\nelse {\n}") == "(if a {} else {})")
    #expect(dumpClean("for (x in xs) { echo x }") == "(for x in xs {(call echo x)})")
    #expect(dumpClean("for (int i = 0; i < n; i++) { }") == "(for (var int i = 0); (< i n); (i ++) {})")
    #expect(dumpClean("for (String x : xs) { }") == "(for x in xs {})")
    #expect(dumpClean("while (a) { break }") == "(while a {(break)})")
    #expect(dumpClean("switch (x) {\ncase 'a':\ncase 'b':\n  f()\n  break\ndefault:\n  g()\n}") == #"(switch x case (str "a"), (str "b"): (call f); (break) | default: (call g))"#)
    #expect(dumpClean("try { a() } catch (IOException | InterruptedException e) { b() } finally { c() }") == "(try {(call a)} catch IOException|InterruptedException e {(call b)} finally {(call c)})")
    #expect(dumpClean("try {\n} catch (e) {\n}") == "(try {} catch  e {})")
    #expect(dumpClean("throw new Exception('x')") == #"(throw (new Exception (str "x")))"#)
    #expect(dumpClean("assert x : 'msg'") == #"(assert x (str "msg"))"#)
  }

  @Test func importsAnnotationsAndLibraries() {
    #expect(dumpClean("@Library('lib@1.0') _") == "@Library _")
    #expect(dumpClean("import groovy.json.JsonSlurper") == "(import groovy.json.JsonSlurper)")
    #expect(dumpClean("import static a.B.*") == "(import static a.B.*)")
    #expect(dumpClean("import a.B as C") == "(import a.B as C)")
    #expect(dumpClean("package org.example") == "(package org.example)")
  }

  @Test func classesAndEnums() {
    #expect(dumpClean("class Foo implements Serializable {\n  String name\n  def bar() { name }\n}") == "(class Foo {(var String name); (def bar() {name})})")
    #expect(dumpClean("enum Color { RED, GREEN }") == "(enum Color {(var RED); (var GREEN)})")
  }

  @Test func semicolonsSeparateStatements() {
    #expect(dumpClean("a(); b();") == "(call a)\n(call b)")
  }

  @Test func groovyQuirksThatJenkinsAccepts() {
    // Empty arguments and quoted labels are accepted by Groovy 2 (seen in real Jenkinsfiles).
    #expect(dumpClean("sh(script: 'pwd', , returnStdout: true)") == #"(call sh script: (str "pwd") returnStdout: true)"#)
    #expect(parse("x {\n \"deploy\": { echo 'a' }\n}").diagnostics.isEmpty)
  }

  // MARK: Recovery

  @Test func reportsUnclosedBraceAtTheOpeningBrace() {
    let tree = parse("pipeline {\n  stages {\n    stage('a') {\n")
    let unclosed = tree.diagnostics.filter { $0.id == .unclosedBrace }
    #expect(unclosed.count == 3)
    #expect(unclosed.map(\.message).contains("Missing '}' to close the '{' opened at line 1"))
  }

  @Test func reportsExtraClosingBraceAndContinues() {
    let tree = parse("a()\n}\nb()")
    #expect(tree.diagnostics.map(\.id) == [.unmatchedClosingBrace])
    #expect(tree.statements.count == 3)
  }

  @Test func recoversAtTheNextLineAndReportsEveryError() {
    let tree = parse("a = )\nb(\nc = 1 2\nd()")
    #expect(tree.diagnostics.count >= 3)
    #expect(SyntaxDump.dump(tree.statements).contains("(call d)"))
  }

  @Test func missingClosingParenthesisNamesTheOpeningOne() {
    let tree = parse("foo(a, b\nbar()")
    #expect(tree.diagnostics.first?.message.hasPrefix("Expected ')' to close '(' opened at line 1") == true)
  }

  @Test func badAssignmentTargetsUseGroovysMessage() {
    #expect(parse("hey-look = 1").diagnostics.map(\.message) == ["(hey - look) is a binary expression, but it should be a variable expression"])
    #expect(parse("\"k\" = 1").diagnostics.map(\.message) == ["[k] is a constant expression, but it should be a variable expression"])
  }

  @Test func deepNestingStopsWithOneDiagnosticInsteadOfCrashing() {
    let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
    let tree = parse("x = " + deep)
    #expect(tree.diagnostics.contains { $0.id == .nestingTooDeep })
    let braces = String(repeating: "a {", count: 3000)
    #expect(parse(braces).diagnostics.contains { $0.id == .nestingTooDeep })
  }

  @Test func rangesCoverTheWrittenText() {
    let source = "  echo \"hi ${name}\"  "
    let tree = parse(source)
    let statement = tree.statements[0]
    #expect(tree.text(statement.range) == "echo \"hi ${name}\"")
  }
}

