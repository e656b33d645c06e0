import CarsonModel
import CarsonSyntax
import Foundation
import Testing

@testable import CarsonLSP

@Suite struct DocumentSyncTests {
  func change(_ range: JSONValue?, _ text: String) -> JSONValue {
    var fields: [(String, JSONValue)] = []
    if let range { fields.append(("range", range)) }
    fields.append(("text", .string(text)))
    return .object(fields)
  }

  @Test func incrementalEditsUseUTF16Columns() throws {
    var document = TextDocument(uri: "u", version: 1, text: "a😀é = 1\nsecond line\n")
    // "a😀é" is 1 + 2 + 1 UTF-16 units: column 4 is after 'é'.
    try document.apply([change(ServerHarness.range(0, 4, 0, 4), "X")], version: 2)
    #expect(document.source.text(SourceRange(0, document.source.bytes.count)) == "a😀éX = 1\nsecond line\n")
    try document.apply([change(ServerHarness.range(0, 1, 0, 3), "")], version: 3)
    #expect(String(decoding: document.source.bytes, as: UTF8.self) == "aéX = 1\nsecond line\n")
    #expect(document.version == 3)
  }

  @Test func severalChangesApplyInOrderAndAcrossLines() throws {
    var document = TextDocument(uri: "u", version: 1, text: "one\ntwo\nthree\n")
    try document.apply(
      [change(ServerHarness.range(0, 3, 1, 3), " 2"), change(ServerHarness.range(1, 0, 1, 5), "THREE"), change(ServerHarness.range(2, 0, 2, 0), "four")],
      version: 2)
    #expect(String(decoding: document.source.bytes, as: UTF8.self) == "one 2\nTHREE\nfour")
    try document.apply([change(nil, "all new")], version: 3)
    #expect(String(decoding: document.source.bytes, as: UTF8.self) == "all new")
  }

  @Test func positionsPastTheEndClamp() throws {
    var document = TextDocument(uri: "u", version: 1, text: "ab\ncd")
    try document.apply([change(ServerHarness.range(0, 99, 7, 0), "!")], version: 2)
    #expect(String(decoding: document.source.bytes, as: UTF8.self) == "ab!")
  }
}

@Suite struct DiagnosticsTests {
  static let multiByteLine = "    stage('😀 é') { steps { echo 'ü' }; post { alwayz { echo 'y' } } }"
  static let text = "pipeline {\n  agent any\n  stages {\n\(multiByteLine)\n  }\n}\n"

  @Test func diagnosticsAfterOpenHaveUTF16Ranges() throws {
    let harness = ServerHarness()
    harness.open("file:///j", Self.text)
    let published = try #require(harness.diagnostics(uri: "file:///j", version: 1))
    let items = published["params"]?["diagnostics"]?.arrayValue ?? []
    let expected = Linter.check(SourceFile(path: "j", text: Self.text)).diagnostics
    #expect(items.count == expected.count)
    let invalid = try #require(items.first { $0["code"]?.stringValue == DiagnosticID.invalidCondition.rawValue })
    let (line, character) = utf16Position(of: "alwayz", in: Self.text)
    #expect(invalid["range"] == ServerHarness.range(line, character, line, character + 6))
    #expect(invalid["severity"]?.intValue == 1)
    #expect(invalid["source"]?.stringValue == "carson")
    #expect(invalid["message"]?.stringValue?.hasPrefix("Invalid condition \"alwayz\"") == true)
  }

  @Test func diagnosticsFollowEdits() throws {
    let harness = ServerHarness()
    harness.open("file:///j", Self.text)
    _ = try #require(harness.diagnostics(uri: "file:///j", version: 1))
    // Fix the condition: replace "alwayz" by "always", addressed in UTF-16 columns.
    let (line, character) = utf16Position(of: "alwayz", in: Self.text)
    harness.change("file:///j", version: 2, [.object([("range", ServerHarness.range(line, character, line, character + 6)), ("text", .string("always"))])])
    let fixed = try #require(harness.diagnostics(uri: "file:///j", version: 2))
    #expect(fixed["params"]?["diagnostics"]?.arrayValue?.isEmpty == true)
    // Break the step after the multi-byte characters: `echo` → `echo(`.
    let (stepLine, stepCharacter) = utf16Position(of: "echo 'ü'", in: Self.text)
    harness.change("file:///j", version: 3, [.object([("range", ServerHarness.range(stepLine, stepCharacter + 4, stepLine, stepCharacter + 4)), ("text", .string("("))])])
    let broken = try #require(harness.diagnostics(uri: "file:///j", version: 3))
    let first = try #require(broken["params"]?["diagnostics"]?[0])
    #expect(first["range"]?["start"]?["line"]?.intValue == stepLine)
    #expect((first["range"]?["start"]?["character"]?.intValue ?? 0) > stepCharacter + 4)
  }

  @Test func closingClearsDiagnostics() throws {
    let harness = ServerHarness()
    harness.open("file:///j", Self.text)
    _ = try #require(harness.diagnostics(uri: "file:///j", version: 1))
    harness.notify("textDocument/didClose", ServerHarness.document("file:///j"))
    let cleared = harness.received.last { $0["method"]?.stringValue == "textDocument/publishDiagnostics" }
    #expect(cleared?["params"]?["diagnostics"]?.arrayValue?.isEmpty == true)
    #expect(cleared?["params"]?["version"] == nil)
  }

  /// A check of version 1 that is still running when version 2 arrives must not be published.
  @Test func aStaleResultIsNeverPublishedOverANewerOne() throws {
    let entered = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    var configuration = LanguageServer.Configuration()
    configuration.check = { source in
      let text = String(decoding: source.bytes, as: UTF8.self)
      if text.contains("first") {
        entered.signal()
        release.wait()
      }
      return [Diagnostic(.invalidCondition, text, at: SourceRange(0, 1))]
    }
    let harness = ServerHarness(configuration: configuration)
    harness.open("file:///s", "first")
    #expect(entered.wait(timeout: .now() + 10) == .success)
    harness.change("file:///s", version: 2, [.object([("text", .string("second"))])])
    harness.change("file:///s", version: 3, [.object([("text", .string("third"))])])
    release.signal()
    let newest = try #require(harness.diagnostics(uri: "file:///s", version: 3))
    #expect(newest["params"]?["diagnostics"]?[0]?["message"]?.stringValue == "third")
    // Give a wrongly published stale result time to arrive, then check none did.
    Thread.sleep(forTimeInterval: 0.2)
    let published = harness.received.filter { $0["method"]?.stringValue == "textDocument/publishDiagnostics" }
    #expect(published.map { $0["params"]?["version"]?.intValue } == [3], "versions 1 and 2 were superseded before their checks could publish")
  }

  @Test func aDelayCoalescesABurstOfChanges() throws {
    var configuration = LanguageServer.Configuration()
    configuration.diagnosticsDelaySeconds = 0.3
    let harness = ServerHarness(configuration: configuration)
    harness.open("file:///d", "pipeline {")
    for version in 2...6 { harness.change("file:///d", version: version, [.object([("text", .string("pipeline { // \(version)"))])]) }
    _ = try #require(harness.diagnostics(uri: "file:///d", version: 6))
    let published = harness.received.filter { $0["method"]?.stringValue == "textDocument/publishDiagnostics" }
    #expect(published.count == 1)
  }
}
