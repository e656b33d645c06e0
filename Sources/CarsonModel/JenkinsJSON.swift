import CarsonSyntax

/// Jenkins' JSON form of a Declarative Pipeline: what the pipeline-model-converter endpoints
/// (`/pipeline-model-converter/toJson`) and the Blue Ocean editor use, described by
/// `ast-schema.json`. It mirrors Jenkins' `ModelAST*.toJSON()` for a model read from Groovy:
///
/// * values are `{"isLiteral": true, "value": <constant>}` or, for anything evaluated at run time,
///   `{"isLiteral": false, "value": <Groovy text>}`: a GString or map keeps its source text
///   (quotes included); any other expression becomes `${<source text>}`, with binary operators
///   glued to their operands without spaces as Jenkins' `getSourceText(BinaryExpression)` does;
/// * step arguments keep Jenkins' three shapes (named list, single bare value, positional list);
///   a single unnamed argument of a known step without a block is stored under the step's sole
///   required parameter, as `ModelParser.populateStepArgumentList` does;
/// * `script { … }` and `expression { … }` carry their body as the literal `scriptBlock` argument.
public enum JenkinsJSON {
  public static func document(for pipeline: Pipeline, catalogue: Catalogue = .standard) -> JSONValue {
    let writer = JenkinsJSONWriter(catalogue: catalogue)
    return .object([("pipeline", writer.pipeline(pipeline))])
  }
}

/// An object under construction: keys in the order Jenkins' `toJSON()` adds them; `nil` values
/// are left out (`JSONObject.elementOpt`).
struct JSONObjectBuilder {
  var pairs: [(String, JSONValue)] = []

  init(_ pairs: [(String, JSONValue)] = []) { self.pairs = pairs }

  mutating func set(_ key: String, _ value: JSONValue?) {
    guard let value else { return }
    pairs.append((key, value))
  }

  var value: JSONValue { .object(pairs) }
}

struct JenkinsJSONWriter {
  let catalogue: Catalogue

  // MARK: Pipeline

  func pipeline(_ p: Pipeline) -> JSONValue {
    var o = JSONObjectBuilder()
    o.set("stages", p.stages.map(stages))
    o.set("post", p.post.map(post))
    o.set("environment", p.environment.map(environment))
    o.set("agent", p.agent.map(agent))
    o.set("tools", p.tools.map(tools))
    // Empty options/parameters/triggers/libraries are left out at the pipeline level.
    if let options = p.options, !options.options.isEmpty { o.set("options", methodCallSection("options", options.options)) }
    if let parameters = p.parameters, !parameters.calls.isEmpty { o.set("parameters", methodCallSection("parameters", parameters.calls)) }
    if let triggers = p.triggers, !triggers.calls.isEmpty { o.set("triggers", methodCallSection("triggers", triggers.calls)) }
    if let libraries = p.libraries, !libraries.libraries.isEmpty {
      o.set("libraries", .object([("libraries", .array(libraries.libraries.map { rawValue($0.identifier) }))]))
    }
    return o.value
  }

  // MARK: Agent

  func agent(_ a: Agent) -> JSONValue {
    if isEmptyStringLabelAgent(a) { return .object([("type", .string("any"))]) }
    var o = JSONObjectBuilder([("type", .string(a.type))])
    switch a.arguments {
    case .none: break
    case .single(let v): o.set("argument", rawValue(v))
    case .block(let options):
      if !options.isEmpty { o.set("arguments", agentOptions(options)) }
    }
    return o.value
  }

  /// JENKINS-43016: `label ''` (alone, or as the only option of a `label`/`node` block) is `agent any`.
  func isEmptyStringLabelAgent(_ a: Agent) -> Bool {
    guard a.type == "label" || a.type == "node" else { return false }
    switch a.arguments {
    case .single(let v): return v.literal == .string("")
    case .block(let options):
      guard options.count == 1, options[0].key == "label", case .single(let v) = options[0].value else { return false }
      return v.literal == .string("")
    case .none: return false
    }
  }

  func agentOptions(_ options: [AgentOption]) -> JSONValue {
    .array(
      options.map { option in
        let value: JSONValue
        switch option.value {
        case .single(let v): value = rawValue(v)
        case .block(let nested): value = agentOptions(nested)
        case .none: value = .array([])
        }
        return .object([("key", .string(option.key)), ("value", value)])
      })
  }

  // MARK: environment, tools, options, parameters, triggers

  func environment(_ e: Environment) -> JSONValue {
    .array(e.entries.map { .object([("key", .string($0.name)), ("value", environmentValue($0))]) })
  }

  func environmentValue(_ entry: EnvironmentEntry) -> JSONValue {
    if let id = entry.credentialsID {
      // `credentials('id')`: an internal function call, not a value.
      return .object([("name", .string("credentials")), ("arguments", .array([rawValue(id)]))])
    }
    if case .binary(.plus, _, _) = entry.value.expr.kind, let joined = concatenatedEnvironmentValue(entry.value) {
      return joined
    }
    return rawValue(entry.value)
  }

  func tools(_ t: Tools) -> JSONValue {
    .array(t.tools.map { .object([("key", .string($0.type)), ("value", rawValue($0.name))]) })
  }

  func methodCallSection(_ key: String, _ calls: [MethodCall]) -> JSONValue {
    .object([(key, .array(calls.map(methodCall)))])
  }

  /// A describable call in `options`/`parameters`/`triggers`: arguments are always a list of
  /// values, `{key, value}` pairs and nested calls (`ModelParser.parseMethodCall`).
  func methodCall(_ call: MethodCall) -> JSONValue {
    .object([("name", .string(call.name)), ("arguments", methodArguments(call.arguments))])
  }

  func methodArguments(_ arguments: Arguments) -> JSONValue {
    switch arguments {
    case .none: return .array([])
    case .single(let v):
      if case .value(let value) = v, let pairs = namedPairs(ofMap: value) { return .array(pairs) }
      return .array([argumentValue(v)])
    case .positional(let list): return .array(list.map(argumentValue))
    case .named(let list):
      return .array(list.map { .object([("key", .string($0.name)), ("value", argumentValue($0.value))]) })
    }
  }

  // MARK: post

  func post(_ p: Post) -> JSONValue {
    let conditions = p.conditions.map { condition in
      JSONValue.object([
        ("condition", .string(condition.name)),
        ("branch", branch(name: "default", steps: condition.branch.steps)),
      ])
    }
    return .object([("conditions", .array(conditions))])
  }
}
