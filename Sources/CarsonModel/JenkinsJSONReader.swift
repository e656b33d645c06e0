import CarsonSyntax

/// Jenkins' JSON form of a Declarative Pipeline (what `/pipeline-model-converter/toJson` answers,
/// `ast-schema.json`) back to Jenkinsfile text: the reverse of `JenkinsJSON`, for the
/// `toJenkinsfile` and `validateJson` endpoints.
///
/// The layout follows Jenkins' `ModelASTPipelineDef.toPrettyGroovy()`: sections in the order
/// agent, libraries, stages, tools, environment, post, options, parameters, triggers; two spaces
/// per level; no newline after the closing brace. Calls are written with parentheses
/// (`echo('hi')`, `timeout(time: 5, unit: 'MINUTES')`), literal strings single-quoted.
///
/// The reader checks the shape (objects, arrays, strings where the schema has them, no unknown
/// keys); whether the pipeline is valid is for `Linter.check` on the text it returns.
public enum JenkinsJSONReader {
  public static func jenkinsfile(fromJSON json: JSONValue, catalogue: Catalogue = .standard) throws(JenkinsJSONError) -> String {
    let root = JSONNode(json, path: "")
    _ = try root.object(allowed: ["pipeline"])
    let pipeline = try root.required("pipeline")
    var out = GroovyLines()
    let reader = JenkinsJSONTextWriter(catalogue: catalogue)
    try reader.pipeline(pipeline, into: &out)
    return out.text
  }
}

/// What is wrong with a JSON pipeline, and where: `pipeline.stages[2].branches[0].steps: expected an array`.
public struct JenkinsJSONError: Error, Sendable, Equatable, CustomStringConvertible {
  public let path: String
  public let problem: String

  public init(path: String, problem: String) {
    self.path = path
    self.problem = problem
  }

  public var description: String { path.isEmpty ? problem : "\(path): \(problem)" }
}

/// A JSON value with the path that leads to it, for error messages.
struct JSONNode {
  let value: JSONValue
  let path: String

  init(_ value: JSONValue, path: String) {
    self.value = value
    self.path = path
  }

  func fail(_ problem: String) -> JenkinsJSONError { JenkinsJSONError(path: path, problem: problem) }

  func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  /// The object's pairs; a key outside `allowed` is an error (the schema's `additionalProperties: false`).
  @discardableResult
  func object(allowed: [String]) throws(JenkinsJSONError) -> [(String, JSONValue)] {
    guard let pairs = value.objectValue else { throw fail("expected an object, got \(Self.kind(value))") }
    if let unknown = pairs.first(where: { !allowed.contains($0.0) }) {
      throw fail("unexpected key '\(unknown.0)' (allowed: \(allowed.joined(separator: ", ")))")
    }
    return pairs
  }

  var isObject: Bool { value.objectValue != nil }

  func child(_ key: String) -> JSONNode? {
    guard let inner = value[key] else { return nil }
    return JSONNode(inner, path: keyPath(key))
  }

  func required(_ key: String) throws(JenkinsJSONError) -> JSONNode {
    guard let node = child(key) else { throw JenkinsJSONError(path: keyPath(key), problem: "missing") }
    return node
  }

  func array() throws(JenkinsJSONError) -> [JSONNode] {
    guard let items = value.arrayValue else { throw fail("expected an array, got \(Self.kind(value))") }
    return items.enumerated().map { JSONNode($1, path: "\(path)[\($0)]") }
  }

  func string() throws(JenkinsJSONError) -> String {
    guard let s = value.stringValue else { throw fail("expected a string, got \(Self.kind(value))") }
    return s
  }

  /// A name written bare into the text (a step, section, agent type, environment variable):
  /// anything but a Groovy identifier would change the text's structure.
  func identifier() throws(JenkinsJSONError) -> String {
    let name = try string()
    guard JenkinsJSONTextWriter.isIdentifier(name) else { throw fail("'\(name)' is not a valid name (letters, digits, _ and $, not starting with a digit)") }
    return name
  }

  func bool() throws(JenkinsJSONError) -> Bool {
    guard let b = value.boolValue else { throw fail("expected true or false, got \(Self.kind(value))") }
    return b
  }

  static func kind(_ value: JSONValue) -> String {
    switch value {
    case .null: return "null"
    case .bool: return "a boolean"
    case .integer, .double: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }
}

/// Lines of Groovy with their nesting depth; two spaces per level.
struct GroovyLines {
  private(set) var lines: [String] = []
  var depth = 0

  mutating func line(_ text: String) {
    lines.append(String(repeating: "  ", count: depth) + text)
  }

  /// A line that is part of a multi-line string or a script body kept as written.
  mutating func verbatim(_ text: String) { lines.append(text) }

  mutating func block(_ header: String, _ body: (inout GroovyLines) throws(JenkinsJSONError) -> Void) throws(JenkinsJSONError) {
    line(header + " {")
    depth += 1
    try body(&self)
    depth -= 1
    line("}")
  }

  /// A comma after the last line (`},` between old-style parallel branches).
  mutating func appendCommaToLastLine() {
    guard let last = lines.popLast() else { return }
    lines.append(last + ",")
  }

  var text: String { lines.joined(separator: "\n") }
}

struct JenkinsJSONTextWriter {
  let catalogue: Catalogue

  func pipeline(_ node: JSONNode, into out: inout GroovyLines) throws(JenkinsJSONError) {
    try node.object(allowed: ["stages", "post", "environment", "agent", "tools", "options", "parameters", "triggers", "libraries"])
    try out.block("pipeline") { (out) throws(JenkinsJSONError) in
      if let agent = node.child("agent") { try self.agent(agent, into: &out) }
      if let libraries = node.child("libraries") { try self.libraries(libraries, into: &out) }
      try stages(try node.required("stages"), into: &out)
      if let tools = node.child("tools") { try self.tools(tools, into: &out) }
      if let environment = node.child("environment") { try self.environment(environment, into: &out) }
      if let post = node.child("post") { try self.post(post, into: &out) }
      for section in ["options", "parameters", "triggers"] {
        if let calls = node.child(section) { try methodCallSection(section, calls, into: &out) }
      }
    }
  }

  // MARK: agent

  func agent(_ node: JSONNode, into out: inout GroovyLines) throws(JenkinsJSONError) {
    try node.object(allowed: ["type", "argument", "arguments"])
    let type = try node.required("type").identifier()
    if let argument = node.child("argument") {
      let value = try groovy(argument)
      try out.block("agent") { (out) throws(JenkinsJSONError) in out.line("\(type) \(value)") }
    } else if let arguments = node.child("arguments") {
      try out.block("agent") { (out) throws(JenkinsJSONError) in
        try out.block(type) { (out) throws(JenkinsJSONError) in try agentOptions(arguments, into: &out) }
      }
    } else {
      out.line("agent \(type)")
    }
  }

  func agentOptions(_ node: JSONNode, into out: inout GroovyLines) throws(JenkinsJSONError) {
    for option in try node.array() {
      try option.object(allowed: ["key", "value"])
      let key = try option.required("key").identifier()
      let value = try option.required("value")
      if value.value.arrayValue != nil {
        try out.block(key) { (out) throws(JenkinsJSONError) in try agentOptions(value, into: &out) }
      } else {
        out.line("\(key) \(try groovy(value))")
      }
    }
  }

  // MARK: libraries, tools, environment

  func libraries(_ node: JSONNode, into out: inout GroovyLines) throws(JenkinsJSONError) {
    try node.object(allowed: ["libraries"])
    let list = try node.required("libraries").array()
    try out.block("libraries") { (out) throws(JenkinsJSONError) in
      for library in list { out.line("lib(\(try groovy(library)))") }
    }
  }

  func tools(_ node: JSONNode, into out: inout GroovyLines) throws(JenkinsJSONError) {
    let list = try node.array()
    try out.block("tools") { (out) throws(JenkinsJSONError) in
      for tool in list {
        try tool.object(allowed: ["key", "value"])
        out.line("\(try tool.required("key").identifier()) \(try groovy(try tool.required("value")))")
      }
    }
  }

  func environment(_ node: JSONNode, into out: inout GroovyLines) throws(JenkinsJSONError) {
    let list = try node.array()
    try out.block("environment") { (out) throws(JenkinsJSONError) in
      for entry in list {
        try entry.object(allowed: ["key", "value"])
        let name = try entry.required("key").identifier()
        let value = try entry.required("value")
        if value.child("name") != nil {
          // An internal function call: `credentials('id')`.
          out.line("\(name) = \(try methodCall(value))")
        } else {
          out.line("\(name) = \(try groovy(value))")
        }
      }
    }
  }

  // MARK: options, parameters, triggers

  /// `{"options": [calls]}` under the section's own key.
  func methodCallSection(_ section: String, _ node: JSONNode, into out: inout GroovyLines) throws(JenkinsJSONError) {
    try node.object(allowed: [section])
    let calls = try node.required(section).array()
    try out.block(section) { (out) throws(JenkinsJSONError) in
      for call in calls { out.line(try methodCall(call)) }
    }
  }
}
