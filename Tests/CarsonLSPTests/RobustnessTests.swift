import CarsonSyntax
import CarsonTestSupport
import Testing

@testable import CarsonLSP

/// The server survives any document content: every corpus file, and bytes no editor should send,
/// through every request at many positions.
@Suite struct LSPRobustnessTests {
  func exercise(_ harness: ServerHarness, _ uri: String, _ text: String) {
    harness.open(uri, text)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for request in ["textDocument/documentSymbol", "textDocument/foldingRange"] {
      #expect(harness.request(request, ServerHarness.document(uri))["error"] == nil, "\(uri) \(request)")
    }
    // Through the protocol at a few places…
    for line in [0, lines.count / 3, lines.count / 2, lines.count - 1, lines.count + 2] {
      let width = line >= 0 && line < lines.count ? lines[line].utf16.count : 0
      for character in [0, width / 2, width + 5] {
        for method in ["textDocument/hover", "textDocument/completion"] {
          #expect(harness.request(method, ServerHarness.at(uri, line, character))["error"] == nil, "\(uri) \(method) \(line):\(character)")
        }
      }
    }
    // …and directly at both ends of every 8th token (each call walks the tokens before it).
    let source = SourceFile(path: uri, text: text)
    let tokens = Lexer.tokenize(source.bytes).tokens
    for token in tokens.enumerated().filter({ $0.offset % 8 == 0 }).map(\.element) {
      for offset in [token.start, token.end] {
        _ = Hover.response(source, tokens: tokens, offset: offset)
        _ = Completion.items(source, tokens: tokens, offset: offset)
      }
    }
    let all = ServerHarness.range(0, 0, lines.count, 0)
    #expect(harness.request("textDocument/codeAction", .object([("textDocument", .object([("uri", .string(uri))])), ("range", all), ("context", .object([]))]))["error"] == nil)
    harness.notify("textDocument/didClose", ServerHarness.document(uri))
  }

  @Test func everyCorpusFile() throws {
    let files = SharedCorpus.allJenkinsfiles
    guard !files.isEmpty else {
      Issue.record(Comment(rawValue: SharedCorpus.skipMessage("LSP robustness over the corpus")))
      return
    }
    let harness = ServerHarness()
    for file in files {
      guard let bytes = SharedCorpus.read(file) else { continue }
      exercise(harness, "file:///" + file, String(decoding: bytes, as: UTF8.self))
    }
  }

  @Test func hostileText() {
    let harness = ServerHarness()
    let texts = [
      "", "\u{0}", "{{{{{{{{", "}}}}}}", "pipeline {", "pipeline { stages { stage(", "'''", "\"${", "/* unterminated",
      "pipeline {\r\n\tagent any\r}\r", String(repeating: "(", count: 5000), "😀\u{FFFD}\u{200B}é\n𝔘𝔫𝔦", "// only a comment",
      "pipeline { agent { docker { image 'x' } } stages { stage('a') { steps { sh '''\n\n''' } } } }",
    ]
    for (index, text) in texts.enumerated() { exercise(harness, "file:///hostile\(index)", text) }
    // Edits that address positions in the middle of surrogate pairs and past the end.
    harness.open("file:///edits", "😀😀\n")
    harness.change("file:///edits", version: 2, [.object([("range", ServerHarness.range(0, 1, 0, 3)), ("text", .string("x"))])])
    harness.change("file:///edits", version: 3, [.object([("range", ServerHarness.range(9, 9, 0, 0)), ("text", .string("y"))])])
    #expect(harness.diagnostics(uri: "file:///edits", version: 3) != nil)
  }
}
