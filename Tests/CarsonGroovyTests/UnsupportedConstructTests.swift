import CarsonGroovy
import CarsonSyntax
import Testing

/// Groovy features Carson leaves out stop the run with UnsupportedConstruct at the construct:
/// never a crash, never an exception the script could catch and carry on from.
@Suite struct UnsupportedConstructTests {
  /// The construct `source` stops at: its message and the text of its range.
  func unsupported(_ source: String) -> (message: String, text: String)? {
    do {
      _ = try run(source)
    } catch let error as UnsupportedConstruct {
      let text = String(source.utf8.dropFirst(Int(error.range.start)).prefix(Int(error.range.end - error.range.start)))
      return (error.message, text ?? "")
    } catch {
      Issue.record("expected UnsupportedConstruct, got \(error)")
    }
    return nil
  }

  @Test func characterRanges() {
    let found = unsupported("def letters = ('a'..'c').toList()")
    #expect(found?.message == "Only integer ranges are supported")
    #expect(found?.text == "'a'..'c'")
  }

  @Test func typesDeclaredInTheScript() {
    let script = """
      class Config { String name }
      def c = new Config(name: 'x')
      """
    #expect(unsupported(script)?.message == "The class 'Config' is declared in the script; Carson does not support declaring types")
    let enumScript = """
      enum Color { RED, GREEN }
      try { echo Color.RED.name() } catch (e) { echo 'caught' }
      """
    let found = unsupported(enumScript)
    #expect(found?.message == "The enum 'Color' is declared in the script; Carson does not support declaring types")
    #expect(found?.text == "Color")
  }

  @Test func metaprogramming() {
    let found = unsupported("try { String.metaClass.shout = { -> delegate.toUpperCase() } } catch (e) { echo 'caught' }")
    #expect(found?.message == "Metaprogramming ('metaClass') is not supported")
    #expect(found?.text == "String.metaClass")
  }

  @Test func anonymousClasses() {
    #expect(unsupported("def r = new Runnable() { void run() {} }")?.message == "Anonymous classes are not supported")
  }

  @Test func unsupportedConstructsAreNotCatchable() {
    #expect(unsupported("try { def x = ('a'..'b') } catch (Throwable t) { echo 'caught' }")?.text == "'a'..'b'")
  }
}
