/// A header value with parameters, as `Content-Type` and `Content-Disposition` carry them:
/// `multipart/form-data; boundary="abc"` → value `multipart/form-data`, parameters
/// `["boundary": "abc"]`. Parameter names are lower-cased (they are case-insensitive); values
/// may be tokens or quoted strings with backslash escapes (RFC 9110 §5.6.4, §5.6.6).
public struct HeaderValue: Sendable, Equatable {
  /// The part before the first `;`, trimmed and lower-cased (`multipart/form-data`, `form-data`).
  public var value: String
  public var parameters: [String: String]

  public init(_ text: String) {
    let scalars = Array(text.unicodeScalars)
    var index = 0
    var head = ""
    while index < scalars.count, scalars[index] != ";" {
      head.unicodeScalars.append(scalars[index])
      index += 1
    }
    value = head.trimmingSpaces.lowercased()
    parameters = [:]
    while index < scalars.count {
      index += 1  // the ';'
      var name = ""
      while index < scalars.count, scalars[index] != "=", scalars[index] != ";" {
        name.unicodeScalars.append(scalars[index])
        index += 1
      }
      var parameterValue = ""
      if index < scalars.count, scalars[index] == "=" {
        index += 1
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        if index < scalars.count, scalars[index] == "\"" {
          index += 1
          while index < scalars.count, scalars[index] != "\"" {
            if scalars[index] == "\\", index + 1 < scalars.count { index += 1 }
            parameterValue.unicodeScalars.append(scalars[index])
            index += 1
          }
          // Skip the closing quote and anything up to the next ';'.
          while index < scalars.count, scalars[index] != ";" { index += 1 }
        } else {
          while index < scalars.count, scalars[index] != ";" {
            parameterValue.unicodeScalars.append(scalars[index])
            index += 1
          }
          parameterValue = parameterValue.trimmingSpaces
        }
      }
      let key = name.trimmingSpaces.lowercased()
      // The first occurrence counts; a later duplicate cannot override it.
      if !key.isEmpty, parameters[key] == nil { parameters[key] = parameterValue }
    }
  }
}
