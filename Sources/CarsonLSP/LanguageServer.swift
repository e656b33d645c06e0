import CarsonModel
import CarsonSyntax
import Foundation

/// The language server: takes message bodies, answers requests, publishes diagnostics. Transport
/// is someone else's job (`StdioTransport`, or a test feeding bodies directly); `send` receives
/// every outgoing message and must be safe to call from two threads (diagnostics are published
/// from a background thread).
///
/// Requests and notifications are handled in order on the caller's thread; only checking for
/// diagnostics runs in the background (`DiagnosticsScheduler`).
public final class LanguageServer: @unchecked Sendable {
  public struct Configuration: Sendable {
    /// Quiet time after the last change before a document is checked; 0 checks as soon as the
    /// checker is free (changes that arrive meanwhile are still coalesced).
    public var diagnosticsDelaySeconds: Double = 0
    /// What diagnostics a document has: `carson lint`'s checks (through `IncrementalLinter`,
    /// which gives what `Linter.check` gives) unless a test sets its own.
    public var check: (@Sendable (SourceFile) -> [Diagnostic])?
    public var format: (@Sendable (SourceFile) -> String?)? = Formatting.formatter
    public var serverVersion = "0"
    public init() {}
  }

  enum State { case uninitialized, running, shuttingDown }

  private let configuration: Configuration
  private let send: @Sendable (JSONValue) -> Void
  private var state = State.uninitialized
  private var documents: [String: TextDocument] = [:]
  private let scheduler: DiagnosticsScheduler
  private let published: PublishedDiagnostics
  /// Set when `exit` arrives: 0 after `shutdown`, 1 without (as LSP specifies).
  public private(set) var exitCode: Int32?

  public init(configuration: Configuration = Configuration(), send: @escaping @Sendable (JSONValue) -> Void) {
    self.configuration = configuration
    self.send = send
    let published = PublishedDiagnostics()
    self.published = published
    let check: DiagnosticsScheduler.Check
    if let custom = configuration.check {
      check = { source, _ in (custom(source), nil, nil) }
    } else {
      check = { source, previous in
        let outcome = IncrementalLinter.check(source, previous: previous)
        return (outcome.diagnostics, outcome.version, outcome.wholeResult)
      }
    }
    scheduler = DiagnosticsScheduler(
      delaySeconds: configuration.diagnosticsDelaySeconds, check: check,
      publish: { [published] uri, version, source, diagnostics in
        published.record(uri: uri, version: version, diagnostics)
        send(
          JSONRPC.notification(
            "textDocument/publishDiagnostics", DiagnosticConversion.publishParams(uri: uri, version: version, source: source, diagnostics: diagnostics)))
      })
  }

  deinit { scheduler.stop() }

  /// Stops the diagnostics thread (also done by `exit`).
  public func stop() { scheduler.stop() }

  /// A frame whose header could not be read: answered as a parse error.
  public func receiveInvalidFrame(_ reason: String) {
    send(JSONRPC.response(id: .null, error: ResponseError(.parseError, "Parse error: \(reason)")))
  }

  /// Handles one message body.
  public func receive(_ body: [UInt8]) {
    switch JSONRPCMessage.decode(body) {
    case .failure(let failure):
      send(JSONRPC.response(id: failure.id, error: failure.error))
    case .success(.response):
      break
    case .success(.request(let id, let method, let params)):
      do {
        send(JSONRPC.response(id: id, result: try request(method, params)))
      } catch {
        send(JSONRPC.response(id: id, error: error))
      }
    case .success(.notification(let method, let params)):
      do {
        try notification(method, params)
      } catch {
        log("\(method): \(error.message)")
      }
    }
  }

  private func request(_ method: String, _ params: JSONValue?) throws(ResponseError) -> JSONValue {
    switch state {
    case .uninitialized where method != "initialize":
      throw ResponseError(.serverNotInitialized, "The server is not initialized: send 'initialize' first")
    case .running where method == "initialize", .shuttingDown where method == "initialize":
      throw ResponseError(.invalidRequest, "The server is already initialized")
    case .shuttingDown:
      throw ResponseError(.invalidRequest, "The server is shutting down: only 'exit' is accepted")
    default:
      break
    }
    switch method {
    case "initialize":
      state = .running
      return initializeResult()
    case "shutdown":
      state = .shuttingDown
      scheduler.stop()
      return .null
    case "textDocument/documentSymbol":
      var document = try openDocument(params)
      defer { documents[document.uri] = document }
      return DocumentSymbols.response(document.lint())
    case "textDocument/foldingRange":
      let document = try openDocument(params)
      return FoldingRanges.response(Lexer.tokenize(document.source.bytes).tokens, in: document.source)
    case "textDocument/hover":
      let (document, offset) = try documentPosition(params)
      return Hover.response(document.source, tokens: Lexer.tokenize(document.source.bytes).tokens, offset: offset)
    case "textDocument/completion":
      let (document, offset) = try documentPosition(params)
      let source = document.source
      let tokens = Lexer.tokenize(source.bytes).tokens
      let context = CursorContext(tokens: tokens, source: source, offset: offset)
      return Completion.response(Completion.items(source, tokens: tokens, offset: offset), range: context.wordRange, source: source)
    case "textDocument/codeAction":
      var document = try openDocument(params)
      defer { documents[document.uri] = document }
      guard let range = document.source.byteRange(ofRange: params?["range"]) else {
        throw ResponseError(.invalidParams, "codeAction needs a range")
      }
      // The diagnostics published for this version when there are some (the editor asks for
      // actions on what it shows); a whole check otherwise.
      let diagnostics = published.diagnostics(uri: document.uri, version: document.version) ?? document.lint().diagnostics
      return CodeActions.response(diagnostics, in: document.source, uri: document.uri, range: range)
    case "textDocument/formatting":
      let document = try openDocument(params)
      guard let format = configuration.format else {
        throw ResponseError(.requestFailed, "Formatting is not available in this build of Carson")
      }
      guard let formatted = format(document.source) else {
        log("\(document.uri): not formatted: the file has syntax errors")
        return .null
      }
      return Formatting.edits(document.source, formatted: formatted)
    default:
      throw ResponseError(.methodNotFound, "Method not found: \(method)")
    }
  }

  private func notification(_ method: String, _ params: JSONValue?) throws(ResponseError) {
    if method == "exit" {
      exitCode = state == .shuttingDown ? 0 : 1
      scheduler.stop()
      return
    }
    guard state == .running else { return }
    switch method {
    case "textDocument/didOpen":
      guard let item = params?["textDocument"], let uri = item["uri"]?.stringValue, let text = item["text"]?.stringValue else {
        throw ResponseError(.invalidParams, "didOpen needs textDocument.uri and textDocument.text")
      }
      let document = TextDocument(uri: uri, version: item["version"]?.intValue ?? 0, text: text)
      documents[uri] = document
      scheduler.submit(.init(uri: uri, version: document.version, source: document.source))
    case "textDocument/didChange":
      guard let uri = params?["textDocument"]?["uri"]?.stringValue, let changes = params?["contentChanges"]?.arrayValue else {
        throw ResponseError(.invalidParams, "didChange needs textDocument.uri and contentChanges")
      }
      guard var document = documents[uri] else { throw ResponseError(.invalidParams, "didChange for \(uri), which is not open") }
      try document.apply(changes, version: params?["textDocument"]?["version"]?.intValue ?? document.version + 1)
      documents[uri] = document
      scheduler.submit(.init(uri: uri, version: document.version, source: document.source))
    case "textDocument/didClose":
      guard let uri = params?["textDocument"]?["uri"]?.stringValue else { throw ResponseError(.invalidParams, "didClose needs textDocument.uri") }
      documents[uri] = nil
      scheduler.close(uri: uri)
    default:
      break  // initialized, didSave, $/cancelRequest, workspace/didChangeConfiguration, …: nothing to do
    }
  }

  private func openDocument(_ params: JSONValue?) throws(ResponseError) -> TextDocument {
    guard let uri = params?["textDocument"]?["uri"]?.stringValue else { throw ResponseError(.invalidParams, "textDocument.uri is missing") }
    guard let document = documents[uri] else { throw ResponseError(.requestFailed, "\(uri) is not open") }
    return document
  }

  private func documentPosition(_ params: JSONValue?) throws(ResponseError) -> (TextDocument, UInt32) {
    let document = try openDocument(params)
    guard let offset = document.source.offset(ofPosition: params?["position"]) else {
      throw ResponseError(.invalidParams, "position is missing or not a position")
    }
    return (document, offset)
  }

  private func initializeResult() -> JSONValue {
    var capabilities: [(String, JSONValue)] = [
      ("positionEncoding", .string("utf-16")),
      ("textDocumentSync", .object([("openClose", .bool(true)), ("change", .integer(2))])),
      ("documentSymbolProvider", .bool(true)),
      ("hoverProvider", .bool(true)),
      ("completionProvider", .object([("resolveProvider", .bool(false))])),
      ("codeActionProvider", .object([("codeActionKinds", .array([.string("quickfix")]))])),
      ("foldingRangeProvider", .bool(true)),
    ]
    if configuration.format != nil { capabilities.append(("documentFormattingProvider", .bool(true))) }
    return .object([
      ("capabilities", .object(capabilities)),
      ("serverInfo", .object([("name", .string("carson")), ("version", .string(configuration.serverVersion))])),
    ])
  }

  /// `window/logMessage` (type 1, error): the editor's log shows what the server could not do.
  private func log(_ message: String) {
    send(JSONRPC.notification("window/logMessage", .object([("type", .integer(1)), ("message", .string(message))])))
  }
}

/// The diagnostics last published for each document, by version: written by the diagnostics
/// thread, read by requests.
final class PublishedDiagnostics: @unchecked Sendable {
  private let lock = NSLock()
  private var latest: [String: (version: Int, diagnostics: [Diagnostic])] = [:]

  func record(uri: String, version: Int?, _ diagnostics: [Diagnostic]) {
    lock.lock()
    defer { lock.unlock() }
    if let version { latest[uri] = (version, diagnostics) } else { latest[uri] = nil }
  }

  func diagnostics(uri: String, version: Int) -> [Diagnostic]? {
    lock.lock()
    defer { lock.unlock() }
    guard let entry = latest[uri], entry.version == version else { return nil }
    return entry.diagnostics
  }
}
