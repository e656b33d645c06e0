import CarsonSyntax
import Testing

@testable import CarsonLSP

@Suite struct FramingTests {
  let first = Array(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"note":"héllo 😀"}}"#.utf8)
  let second = Array(#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#.utf8)

  func drain(_ framer: inout MessageFramer) -> [MessageFramer.Event] {
    var events: [MessageFramer.Event] = []
    while let event = framer.next() { events.append(event) }
    return events
  }

  @Test func messagesSplitAtEveryByteComeOutWhole() {
    let stream = MessageFramer.frame(first) + MessageFramer.frame(second)
    for cut in 1..<stream.count {
      var framer = MessageFramer()
      framer.append(stream[..<cut])
      var events = drain(&framer)
      framer.append(stream[cut...])
      events += drain(&framer)
      #expect(events == [.message(first), .message(second)], "cut at \(cut)")
    }
  }

  @Test func oneByteAtATime() {
    var framer = MessageFramer()
    var events: [MessageFramer.Event] = []
    for byte in MessageFramer.frame(first) + MessageFramer.frame(second) {
      framer.append([byte])
      events += drain(&framer)
    }
    #expect(events == [.message(first), .message(second)])
  }

  @Test func mergedMessagesAndContentTypeHeader() {
    var framer = MessageFramer()
    let typed = Array("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: \(second.count)\r\n\r\n".utf8) + second
    framer.append(MessageFramer.frame(first) + typed + MessageFramer.frame(first))
    #expect(drain(&framer) == [.message(first), .message(second), .message(first)])
  }

  @Test func aBrokenHeaderIsReportedAndTheStreamGoesOn() {
    var framer = MessageFramer()
    framer.append(Array("Content-Length: lots\r\n\r\n".utf8) + MessageFramer.frame(second))
    let events = drain(&framer)
    #expect(events.count == 2)
    if case .invalidHeader(let reason) = events.first { #expect(reason.contains("Content-Length")) } else { Issue.record("expected a header error") }
    #expect(events.last == .message(second))
  }

  @Test func aHeaderWithoutContentLengthIsAnError() {
    var framer = MessageFramer()
    framer.append(Array("X-Other: 1\r\n\r\n".utf8))
    #expect(drain(&framer).count == 1)
  }

  @Test func endlessHeaderGarbageIsDropped() {
    var framer = MessageFramer()
    framer.append([UInt8](repeating: 0x41, count: 20_000))
    guard case .invalidHeader = framer.next() else {
      Issue.record("expected a header error")
      return
    }
    framer.append(MessageFramer.frame(second))
    #expect(framer.next() == .message(second))
  }
}

@Suite struct JSONRPCErrorTests {
  func error(_ response: JSONValue) -> Int? { response["error"]?["code"]?.intValue }

  @Test func malformedJSONIsAParseError() {
    let harness = ServerHarness()
    harness.sendRaw(#"{"jsonrpc":"2.0","id":5,"method":"#)
    #expect(error(harness.received.last!) == -32700)
    #expect(harness.received.last!["id"] == .null)
  }

  @Test func invalidRequests() {
    let harness = ServerHarness()
    for body in ["[1,2]", #"{"id":1,"method":"x"}"#, #"{"jsonrpc":"2.0","id":2}"#, #"{"jsonrpc":"2.0","id":3,"method":7}"#, #"{"jsonrpc":"2.0","id":{},"method":"x"}"#, #"{"jsonrpc":"2.0","id":4,"method":"textDocument/hover","params":3}"#] {
      harness.sendRaw(body)
      #expect(error(harness.received.last!) == -32600, "\(body)")
    }
    harness.sendRaw(#"{"jsonrpc":"2.0","id":"req-3","method":7}"#)
    #expect(harness.received.last!["id"]?.stringValue == "req-3")
  }

  @Test func unknownMethodAndUnknownNotification() {
    let harness = ServerHarness()
    let response = harness.request("textDocument/noSuchThing", .object([]))
    #expect(error(response) == -32601)
    let count = harness.received.count
    harness.notify("$/noSuchNotification", .object([]))
    #expect(harness.received.count == count)
  }

  @Test func requestsBeforeInitializeAndAfterShutdown() {
    let harness = ServerHarness(initialize: false)
    #expect(error(harness.request("textDocument/hover", ServerHarness.at("file:///x", 0, 0))) == -32002)
    #expect(harness.request("initialize", .object([])) ["result"]?["capabilities"]?["hoverProvider"] == .bool(true))
    #expect(error(harness.request("initialize", .object([]))) == -32600)
    #expect(harness.request("shutdown", .null)["result"] == .null)
    #expect(error(harness.request("textDocument/hover", ServerHarness.at("file:///x", 0, 0))) == -32600)
    #expect(harness.server.exitCode == nil)
    harness.notify("exit", .null)
    #expect(harness.server.exitCode == 0)
  }

  @Test func exitWithoutShutdownIsStatus1() {
    let harness = ServerHarness()
    harness.notify("exit", .null)
    #expect(harness.server.exitCode == 1)
  }

  @Test func badParamsAreInvalidParamsNotACrash() {
    let harness = ServerHarness()
    #expect(error(harness.request("textDocument/hover", .object([("textDocument", .string("x"))]))) == -32602)
    harness.open("file:///a", "pipeline {}")
    #expect(error(harness.request("textDocument/hover", .object([("textDocument", .object([("uri", .string("file:///a"))])), ("position", .object([("line", .integer(-1)), ("character", .integer(0))]))]))) == -32602)
    #expect(error(harness.request("textDocument/hover", ServerHarness.at("file:///not-open", 0, 0))) == -32803)
    harness.notify("textDocument/didChange", .object([("textDocument", .object([("uri", .string("file:///a"))])), ("contentChanges", .array([.object([("range", .integer(3)), ("text", .string("x"))])]))]))
    #expect(harness.received.last?["method"]?.stringValue == "window/logMessage")
  }
}
