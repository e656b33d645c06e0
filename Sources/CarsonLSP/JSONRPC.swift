import CarsonSyntax

/// JSON-RPC 2.0 messages as LSP uses them, decoded from one framed body.
public enum JSONRPCMessage: Sendable {
  case request(id: JSONValue, method: String, params: JSONValue?)
  case notification(method: String, params: JSONValue?)
  /// A response to a request the server sent (the server sends none today; it is accepted and ignored).
  case response(id: JSONValue)

  /// Decodes a body; a failure carries the error to answer with and the request id when one could be read.
  public static func decode(_ body: [UInt8]) -> Result<JSONRPCMessage, JSONRPCFailure> {
    let value: JSONValue
    do {
      value = try JSONValue.parse(body)
    } catch {
      return .failure(JSONRPCFailure(id: .null, error: ResponseError(.parseError, "Parse error: \(error)")))
    }
    guard case .object = value else {
      return .failure(JSONRPCFailure(id: .null, error: ResponseError(.invalidRequest, "Invalid request: a message must be a JSON object")))
    }
    let id = value["id"]
    let validID: JSONValue? = {
      switch id {
      case .some(.integer), .some(.string), .some(.double): return id
      default: return nil
      }
    }()
    guard value["jsonrpc"]?.stringValue == "2.0" else {
      return .failure(JSONRPCFailure(id: validID ?? .null, error: ResponseError(.invalidRequest, "Invalid request: \"jsonrpc\" must be \"2.0\"")))
    }
    if let id, validID == nil, id != .null {
      return .failure(JSONRPCFailure(id: .null, error: ResponseError(.invalidRequest, "Invalid request: \"id\" must be a number or a string")))
    }
    guard let methodValue = value["method"] else {
      if let validID, value["result"] != nil || value["error"] != nil { return .success(.response(id: validID)) }
      return .failure(JSONRPCFailure(id: validID ?? .null, error: ResponseError(.invalidRequest, "Invalid request: no \"method\"")))
    }
    guard let method = methodValue.stringValue else {
      return .failure(JSONRPCFailure(id: validID ?? .null, error: ResponseError(.invalidRequest, "Invalid request: \"method\" must be a string")))
    }
    // `null` params are taken as absent: some clients send them for `shutdown` and `exit`.
    let params = value["params"] == .null ? nil : value["params"]
    if let params {
      switch params {
      case .object, .array: break
      default:
        return .failure(
          JSONRPCFailure(id: validID ?? .null, error: ResponseError(.invalidRequest, "Invalid request: \"params\" must be an object or an array")))
      }
    }
    if let validID { return .success(.request(id: validID, method: method, params: params)) }
    return .success(.notification(method: method, params: params))
  }
}

public struct JSONRPCFailure: Error, Sendable {
  public var id: JSONValue
  public var error: ResponseError
}

/// An error answer to a request, with JSON-RPC's and LSP's codes.
public struct ResponseError: Error, Sendable, Equatable {
  public enum Code: Int, Sendable {
    case parseError = -32700
    case invalidRequest = -32600
    case methodNotFound = -32601
    case invalidParams = -32602
    case internalError = -32603
    case serverNotInitialized = -32002
    case requestFailed = -32803
  }
  public var code: Code
  public var message: String

  public init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }
}

enum JSONRPC {
  static func response(id: JSONValue, result: JSONValue) -> JSONValue {
    .object([("jsonrpc", .string("2.0")), ("id", id), ("result", result)])
  }

  static func response(id: JSONValue, error: ResponseError) -> JSONValue {
    .object([
      ("jsonrpc", .string("2.0")), ("id", id),
      ("error", .object([("code", .integer(Int64(error.code.rawValue))), ("message", .string(error.message))])),
    ])
  }

  static func notification(_ method: String, _ params: JSONValue) -> JSONValue {
    .object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)])
  }
}
