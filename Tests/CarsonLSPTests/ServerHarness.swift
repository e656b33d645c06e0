import CarsonSyntax
import Foundation
import Testing

@testable import CarsonLSP

/// A `LanguageServer` driven in-process: bodies in, every outgoing message collected.
final class ServerHarness: @unchecked Sendable {
  private let condition = NSCondition()
  private var messages: [JSONValue] = []
  private var responses: [Int: JSONValue] = [:]
  private var nextID: Int64 = 1
  var server: LanguageServer!

  init(configuration: LanguageServer.Configuration = .init(), initialize: Bool = true) {
    server = LanguageServer(configuration: configuration) { [self] message in
      condition.lock()
      if message["method"] == nil, let id = message["id"]?.intValue {
        responses[id] = message
      } else {
        messages.append(message)
      }
      condition.broadcast()
      condition.unlock()
    }
    if initialize {
      _ = request("initialize", .object([("capabilities", .object([]))]))
      notify("initialized", .object([]))
    }
  }

  deinit { server.stop() }

  var received: [JSONValue] {
    condition.lock()
    defer { condition.unlock() }
    return messages
  }

  func sendRaw(_ text: String) { server.receive(Array(text.utf8)) }

  func notify(_ method: String, _ params: JSONValue) {
    server.receive(Array(JSONRPC.notification(method, params).compact.utf8))
  }

  /// Sends a request and returns its response (requests are answered synchronously).
  @discardableResult
  func request(_ method: String, _ params: JSONValue) -> JSONValue {
    let id = nextID
    nextID += 1
    let message: JSONValue = .object([("jsonrpc", .string("2.0")), ("id", .integer(id)), ("method", .string(method)), ("params", params)])
    server.receive(Array(message.compact.utf8))
    condition.lock()
    defer { condition.unlock() }
    return responses.removeValue(forKey: Int(id)) ?? .null
  }

  func result(_ method: String, _ params: JSONValue) -> JSONValue {
    let response = request(method, params)
    #expect(response["error"] == nil, "\(method) failed: \(response.compact)")
    return response["result"] ?? .null
  }

  /// Waits for a message matching `predicate` (diagnostics come from another thread).
  func waitFor(timeout: Double = 10, _ predicate: (JSONValue) -> Bool) -> JSONValue? {
    let deadline = Date(timeIntervalSinceNow: timeout)
    condition.lock()
    defer { condition.unlock() }
    while true {
      if let found = messages.first(where: predicate) { return found }
      if !condition.wait(until: deadline) { return nil }
    }
  }

  func diagnostics(uri: String, version: Int) -> JSONValue? {
    waitFor { $0["method"]?.stringValue == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.stringValue == uri && $0["params"]?["version"]?.intValue == version }
  }

  func open(_ uri: String, _ text: String, version: Int = 1) {
    notify(
      "textDocument/didOpen",
      .object([("textDocument", .object([("uri", .string(uri)), ("languageId", .string("groovy")), ("version", .integer(Int64(version))), ("text", .string(text))]))]))
  }

  func change(_ uri: String, version: Int, _ changes: [JSONValue]) {
    notify(
      "textDocument/didChange",
      .object([("textDocument", .object([("uri", .string(uri)), ("version", .integer(Int64(version)))])), ("contentChanges", .array(changes))]))
  }

  static func position(_ line: Int, _ character: Int) -> JSONValue {
    .object([("line", .integer(Int64(line))), ("character", .integer(Int64(character)))])
  }

  static func range(_ l1: Int, _ c1: Int, _ l2: Int, _ c2: Int) -> JSONValue {
    .object([("start", position(l1, c1)), ("end", position(l2, c2))])
  }

  static func at(_ uri: String, _ line: Int, _ character: Int) -> JSONValue {
    .object([("textDocument", .object([("uri", .string(uri))])), ("position", position(line, character))])
  }

  static func document(_ uri: String) -> JSONValue {
    .object([("textDocument", .object([("uri", .string(uri))]))])
  }
}

/// The 0-based line and UTF-16 column of the first `needle` in `text`, counted by Swift's own
/// UTF-16 view (independently of the server's byte arithmetic).
func utf16Position(of needle: String, in text: String) -> (line: Int, character: Int) {
  let range = text.range(of: needle)!
  let before = text[..<range.lowerBound]
  let line = before.filter { $0 == "\n" }.count
  let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
  return (line, text[lineStart..<range.lowerBound].utf16.count)
}
