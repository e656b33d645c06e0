import CarsonSyntax

// Values, argument lists and method calls of Jenkins' JSON form as Groovy text.

extension JenkinsJSONTextWriter {
  /// `{"isLiteral": true, "value": 'x'}` → `'x'`; a non-literal value is Groovy source: `${expr}`
  /// stands for the expression, a GString or map keeps its own text. A non-literal value in none
  /// of those forms (an environment value joined from `'a' + "${B}"`) is a GString body.
  func groovy(_ node: JSONNode) throws(JenkinsJSONError) -> String {
    try node.object(allowed: ["isLiteral", "value"])
    let isLiteral = try node.required("isLiteral").bool()
    let value = try node.required("value")
    if isLiteral { return try literal(value) }
    let text = try value.string()
    if text.hasPrefix("${"), text.hasSuffix("}"), Self.isSingleInterpolation(text) {
      return String(text.dropFirst(2).dropLast())
    }
    if let first = text.first, "\"'[(".contains(first) { return text }
    if text.isEmpty { throw value.fail("empty expression") }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }

  func literal(_ node: JSONNode) throws(JenkinsJSONError) -> String {
    switch node.value {
    case .string(let s): return Self.quoted(s)
    case .integer(let i): return String(i)
    case .double(let d): return String(d)
    case .bool(let b): return b ? "true" : "false"
    case .null: return "null"
    case .array, .object: throw node.fail("expected a constant (string, number, boolean or null), got \(JSONNode.kind(node.value))")
    }
  }

  /// `${…}` whose braces enclose everything: `${a}${b}` is a GString body, not one expression.
  static func isSingleInterpolation(_ text: String) -> Bool {
    var depth = 0
    let scalars = Array(text.unicodeScalars)
    for (i, c) in scalars.enumerated() {
      if c == "{" { depth += 1 }
      if c == "}" {
        depth -= 1
        if depth == 0 && i != scalars.count - 1 { return false }
      }
    }
    return depth == 0
  }

  /// A single-quoted Groovy string (no interpolation); line breaks and quotes escaped.
  static func quoted(_ s: String) -> String {
    var out = "'"
    for c in s.unicodeScalars {
      switch c {
      case "\\": out += "\\\\"
      case "'": out += "\\'"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default: out.unicodeScalars.append(c)
      }
    }
    return out + "'"
  }

  /// An argument list as Jenkins stores it: a bare value, or an array of values, `{key, value}`
  /// pairs and nested calls. Returns the text between the parentheses.
  func arguments(_ node: JSONNode) throws(JenkinsJSONError) -> String {
    if node.isObject { return try argument(node) }
    return try node.array().map { (item) throws(JenkinsJSONError) in try argument(item) }.joined(separator: ", ")
  }

  func argument(_ node: JSONNode) throws(JenkinsJSONError) -> String {
    guard node.isObject else { throw node.fail("expected an object, got \(JSONNode.kind(node.value))") }
    if node.child("key") != nil {
      try node.object(allowed: ["key", "value"])
      let key = try node.required("key").string()
      return "\(Self.mapKey(key)): \(try argument(try node.required("value")))"
    }
    if node.child("name") != nil { return try methodCall(node) }
    return try groovy(node)
  }

  /// `name(args)`: a describable in options/parameters/triggers, a nested call, `credentials('id')`.
  func methodCall(_ node: JSONNode) throws(JenkinsJSONError) -> String {
    try node.object(allowed: ["name", "arguments"])
    let name = try node.required("name").identifier()
    let arguments = try node.child("arguments").map { (a) throws(JenkinsJSONError) in try self.arguments(a) } ?? ""
    return "\(name)(\(arguments))"
  }

  /// A map key as written in a named argument: bare when it is an identifier, quoted otherwise.
  static func mapKey(_ key: String) -> String { isIdentifier(key) ? key : quoted(key) }

  static func isIdentifier(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, first == "_" || first == "$" || first.properties.isAlphabetic else { return false }
    return name.unicodeScalars.allSatisfy { $0 == "_" || $0 == "$" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
  }
}
