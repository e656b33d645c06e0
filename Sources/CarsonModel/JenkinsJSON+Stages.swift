import CarsonSyntax

// Stages, steps, when, input and matrix in Jenkins' JSON form.

extension JenkinsJSONWriter {
  func stages(_ s: Stages) -> JSONValue {
    .array(s.stages.map(stage))
  }

  /// The directives a stage shares with a matrix (`ModelASTStageBase`).
  func stageBase(
    _ o: inout JSONObjectBuilder, agent a: Agent?, when w: When?, post p: Post?, tools t: Tools?,
    environment e: Environment?, options opts: Options?, input i: Input?
  ) {
    o.set("agent", a.map(agent))
    o.set("when", w.map(when))
    o.set("post", p.map(post))
    o.set("tools", t.map(tools))
    o.set("environment", e.map(environment))
    o.set("options", opts.map { methodCallSection("options", $0.options) })
    o.set("input", i.map(input))
  }

  func stage(_ s: Stage) -> JSONValue {
    var o = JSONObjectBuilder([("name", .string(s.name))])
    stageBase(&o, agent: s.agent, when: s.when, post: s.post, tools: s.tools, environment: s.environment, options: s.options, input: s.input)
    o.set("stages", s.stages.map(stages))
    o.set("parallel", s.parallel.map { .array($0.stages.map(stage)) })
    o.set("matrix", s.matrix.map(matrix))
    var failFast = s.failFast
    if let steps = s.steps {
      let (branches, parallelFailFast) = stageBranches(steps)
      if !branches.isEmpty { o.set("branches", .array(branches)) }
      if let parallelFailFast { failFast = parallelFailFast }
    }
    o.set("failFast", failFast.map(JSONValue.bool))
    return o.value
  }

  /// A `steps` block is one branch named `default`, except when its only statement is an
  /// old-style `parallel(a: { … }, b: { … }, failFast: true)`: then each closure is a branch
  /// named after its key (`ModelParser.matchParallel`).
  func stageBranches(_ steps: Branch) -> (branches: [JSONValue], failFast: Bool?) {
    guard steps.steps.count == 1, case .call(let call) = steps.steps[0], call.name == "parallel" else {
      return ([branch(name: "default", steps: steps.steps)], nil)
    }
    // Jenkins only takes branches from a single named-argument list; anything else (a map
    // variable, a trailing block) gives a stage without branches.
    guard call.body == nil, case .named(let arguments) = call.arguments else { return ([], nil) }
    var failFast: Bool?
    for argument in arguments where argument.name == "failFast" {
      failFast = argument.value.asValue?.booleanLiteral
    }
    let branches = (call.parallelBranches ?? []).map { branch(name: $0.name, steps: $0.steps) }
    return (branches, failFast)
  }

  func branch(name: String, steps: [Step]) -> JSONValue {
    .object([("name", .string(name)), ("steps", .array(steps.map(step)))])
  }

  func step(_ s: Step) -> JSONValue {
    switch s {
    case .script(let block):
      return .object([("name", .string("script")), ("arguments", scriptBlockArguments(block))])
    case .call(let call):
      if let body = call.body {
        // A block step: its arguments stay as written (no sole-parameter naming).
        return .object([
          ("name", .string(call.name)),
          ("arguments", argumentList(call.arguments)),
          ("children", .array(body.map(step))),
        ])
      }
      return .object([("name", .string(call.name)), ("arguments", stepArguments(call))])
    }
  }

  // MARK: when

  func when(_ w: When) -> JSONValue {
    var o = JSONObjectBuilder([("conditions", .array(w.conditions.map(whenCondition)))])
    o.set("beforeAgent", w.beforeAgent.map(JSONValue.bool))
    o.set("beforeInput", w.beforeInput.map(JSONValue.bool))
    o.set("beforeOptions", w.beforeOptions.map(JSONValue.bool))
    return o.value
  }

  func whenCondition(_ c: WhenCondition) -> JSONValue {
    if let script = c.script {
      return .object([("name", .string("expression")), ("arguments", scriptBlockArguments(script))])
    }
    var o = JSONObjectBuilder([("name", .string(c.name))])
    if c.hasBlock {
      // `allOf { … }`: arguments only when some were written before the block.
      if !c.arguments.isEmpty { o.set("arguments", argumentList(c.arguments)) }
      if !c.children.isEmpty { o.set("children", .array(c.children.map(whenCondition))) }
    } else {
      o.set("arguments", argumentList(c.arguments))
    }
    return o.value
  }

  // MARK: input

  func input(_ i: Input) -> JSONValue {
    var o = JSONObjectBuilder()
    o.set("message", i.message.map(rawValue))
    o.set("id", i.id.map(rawValue))
    o.set("ok", i.ok.map(rawValue))
    o.set("submitter", i.submitter.map(rawValue))
    o.set("submitterParameter", i.submitterParameter.map(rawValue))
    if let parameters = i.parameters, !parameters.calls.isEmpty {
      o.set("parameters", methodCallSection("parameters", parameters.calls))
    }
    return o.value
  }

  // MARK: matrix

  func matrix(_ m: Matrix) -> JSONValue {
    var o = JSONObjectBuilder()
    stageBase(&o, agent: m.agent, when: m.when, post: m.post, tools: m.tools, environment: m.environment, options: m.options, input: m.input)
    o.set("axes", m.axes.map { .array($0.map { axis($0, inExclude: false) }) })
    o.set("excludes", m.excludes.map { .array($0.map { .array($0.axes.map { axis($0, inExclude: true) }) }) })
    o.set("stages", m.stages.map(stages))
    return o.value
  }

  /// `{"name": "OS", "values": [...]}`; in an exclude, `notValues` is `values` plus `"inverse": true`.
  func axis(_ a: Axis, inExclude: Bool) -> JSONValue {
    var o = JSONObjectBuilder()
    o.set("name", a.name.map { .string($0.stringLiteral ?? $0.text) })
    if inExclude && a.hasNotValues && !a.hasValues {
      o.set("values", .array(a.notValues.map(rawValue)))
      o.set("inverse", .bool(true))
    } else if a.hasValues {
      o.set("values", .array(a.values.map(rawValue)))
    }
    return o.value
  }
}
