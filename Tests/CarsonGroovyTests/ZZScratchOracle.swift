// TEMPORARY scratch harness (to be deleted): runs snippets from $CARSON_SNIPPETS.
import CarsonGroovy
import CarsonSyntax
import Foundation
import Testing

@Suite struct ZZScratchOracle {
  @Test func runSnippets() throws {
    guard let path = ProcessInfo.processInfo.environment["CARSON_SNIPPETS"] else { return }
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var output = ""
    let parts = text.components(separatedBy: "\n==== ")
    for (i, raw) in parts.enumerated() {
      var s = raw
      if i == 0 { guard s.hasPrefix("==== ") else { continue }; s = String(s.dropFirst(5)) }
      guard let nl = s.firstIndex(of: "\n") else { continue }
      let name = s[..<nl].trimmingCharacters(in: .whitespaces)
      let code = String(s[s.index(after: nl)...])
      let host = RecordingHost()
      var lines: [String] = []
      let tree = SyntaxTree.parse(SourceFile(path: "test", text: code))
      if !tree.diagnostics.isEmpty { lines.append("PARSE " + tree.diagnostics.map(\.message).joined(separator: "; ")) }
      let interpreter = Interpreter(tree: tree, host: host)
      do {
        try interpreter.lock.locked { try interpreter.runScript(TestContext()) { _ in false } }
        lines = host.echoed
      } catch let e as GroovyError {
        lines = host.echoed + ["EXC \(e.groovyClassName): \((e.groovyMessage ?? "null").components(separatedBy: "\n")[0])"]
      } catch let e as UnsupportedConstruct {
        lines = host.echoed + ["UNSUPPORTED \(e.message)"]
      } catch {
        lines = host.echoed + ["OTHER \(error)"]
      }
      output += "==== \(name)\n" + lines.map { $0 + "\n" }.joined()
    }
    try output.write(toFile: path + ".carson", atomically: true, encoding: .utf8)
  }
}
