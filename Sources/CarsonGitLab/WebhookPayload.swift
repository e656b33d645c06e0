import Foundation

/// A JSON object of a webhook payload with lookups that name what is missing: errors say which
/// file and which field (`merge_request.source_branch`), never just "invalid JSON".
struct WebhookPayload {
  let file: String
  let object: [String: Any]
  /// Where this object sits in the payload (`object_attributes.`), for error messages.
  let prefix: String
  /// What precedes "no …" in errors: `not a GitLab webhook payload: `, `merge_request payload: `.
  var context: String

  init(file: String, object: [String: Any], prefix: String = "", context: String = "not a GitLab webhook payload: ") {
    self.file = file
    self.object = object
    self.prefix = prefix
    self.context = context
  }

  static func parse(_ bytes: [UInt8], file: String) throws -> WebhookPayload {
    let value: Any
    do {
      value = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
    } catch {
      let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "it is not valid JSON"
      throw GitLabEventError(file: file, "not a GitLab webhook payload: \(reason)")
    }
    guard let object = value as? [String: Any] else {
      throw GitLabEventError(file: file, "not a GitLab webhook payload: the top level is not a JSON object")
    }
    return WebhookPayload(file: file, object: object)
  }

  func missing(_ key: String, _ what: String = "") -> GitLabEventError {
    GitLabEventError(file: file, "\(context)no \"\(prefix)\(key)\"\(what.isEmpty ? "" : " (\(what))")")
  }

  /// A string or number field; nil when absent or null.
  func string(_ key: String) -> String? {
    switch object[key] {
    case let text as String: return text
    case let number as NSNumber: return number.stringValue
    default: return nil
    }
  }

  func requiredString(_ key: String, _ what: String = "") throws -> String {
    guard let value = string(key) else { throw missing(key, what) }
    return value
  }

  func int(_ key: String) -> Int? {
    if let number = object[key] as? NSNumber { return number.intValue }
    if let text = object[key] as? String { return Int(text) }
    return nil
  }

  func requiredInt(_ key: String, _ what: String = "") throws -> Int {
    guard let value = int(key) else { throw missing(key, what) }
    return value
  }

  func nested(_ key: String) -> WebhookPayload? {
    guard let inner = object[key] as? [String: Any] else { return nil }
    return WebhookPayload(file: file, object: inner, prefix: prefix + key + ".", context: context)
  }

  func requiredNested(_ key: String, _ what: String = "") throws -> WebhookPayload {
    guard let inner = nested(key) else { throw missing(key, what) }
    return inner
  }

  func array(_ key: String) -> [WebhookPayload]? {
    guard let items = object[key] as? [Any] else { return nil }
    return items.enumerated().compactMap { index, item in
      (item as? [String: Any]).map { WebhookPayload(file: file, object: $0, prefix: prefix + "\(key)[\(index)].", context: context) }
    }
  }
}

/// A webhook payload Carson cannot use: names the file and what is missing or wrong.
public struct GitLabEventError: Error, CustomStringConvertible, Equatable {
  public var file: String
  public var message: String

  public init(file: String, _ message: String) {
    self.file = file
    self.message = message
  }

  public var description: String { "\(file): \(message)" }
}
