import CarsonSyntax

// Stages, steps, post, when, input and matrix of Jenkins' JSON form as Groovy text.

extension JenkinsJSONTextWriter {
  func stages(_ node: JSONNode, into out: inout GroovyLines) throws(JenkinsJSONError) {
    let list = try node.array()
    try out.block("stages") { (out) throws(JenkinsJSONError) in
      for stage in list { try self.stage(stage, into: &out) }
    }
  }

  static let stageBaseKeys = ["agent", "when", "post", "tools", "environment", "options", "input"]

  func stage(_ node: JSONNode, into out: inout GroovyLines) throws(JenkinsJSONError) {
    try node.object(allowed: ["name", "branches", "stages", "parallel", "matrix", "failFast"] + Self.stageBaseKeys)
    let name = try node.required("name").string()
    try out.block("stage(\(Self.quoted(name)))") { (out) throws(JenkinsJSONError) in
      try stageBase(node, into: &out) { (out) throws(JenkinsJSONError) in
        let failFast = try node.child("failFast").map { (f) throws(JenkinsJSONError) in try f.bool() }
        let branches = try node.child("branches")?.array() ?? []
        let oldStyleParallel = branches.count > 1 || (branches.count == 1 && (try? branches[0].required("name").string()) != "default")
        if let failFast, !oldStyleParallel { out.line("failFast \(failFast)") }
        if oldStyleParallel {
          try out.block("steps") { (out) throws(JenkinsJSONError) in try parallelCall(branches, failFast: failFast, into: &out) }
        } else if let branch = branches.first {
          try out.block("steps") { (out) throws(JenkinsJSONError) in try self.steps(try branch.required("steps"), into: &out) }
        }
        if let stages = node.child("stages") { try self.stages(stages, into: &out) }
        if let parallel = node.child("parallel") {
          let list = try parallel.array()
          try out.block("parallel") { (out) throws(JenkinsJSONError) in
            for stage in list { try self.stage(stage, into: &out) }
          }
        }
        if let matrix = node.child("matrix") { try self.matrix(matrix, into: &out) }
      }
    }
  }

  /// The directives a stage shares with a matrix, around the stage's content; `post` comes last.
  func stageBase(
    _ node: JSONNode, into out: inout GroovyLines, content: (inout GroovyLines) throws(JenkinsJSONError) -> Void
  ) throws(JenkinsJSONError) {
    if let agent = node.child("agent") { try self.agent(agent, into: &out) }
    if let when = node.child("when") { try self.when(when, into: &out) }
    if let options = node.child("options") { try methodCallSection("options", options, into: &out) }
    if let tools = node.child("tools") { try self.tools(tools, into: &out) }
    if let environment = node.child("environment") { try self.environment(environment, into: &out) }
    if let input = node.child("input") { try self.input(input, into: &out) }
    try content(&out)
    if let post = node.child("post") { try self.post(post, into: &out) }
  }

  /// Branches not named `default`: the old-style `parallel('a': { … }, 'b': { … }, failFast: true)`.
  func parallelCall(_ branches: [JSONNode], failFast: Bool?, into out: inout GroovyLines) throws(JenkinsJSONError) {
    out.line("parallel(")
    out.depth += 1
    for (i, branch) in branches.enumerated() {
      try branch.object(allowed: ["name", "steps"])
      try out.block("\(Self.quoted(try branch.required("name").string())):") { (out) throws(JenkinsJSONError) in
        try steps(try branch.required("steps"), into: &out)
      }
      if i < branches.count - 1 || failFast != nil { out.appendCommaToLastLine() }
    }
    if let failFast { out.line("failFast: \(failFast)") }
    out.depth -= 1
    out.line(")")
  }

  func steps(_ node: JSONNode, into out: inout GroovyLines) throws(JenkinsJSONError) {
    for step in try node.array() { try self.step(step, into: &out) }
  }

  func step(_ node: JSONNode, into out: inout GroovyLines) throws(JenkinsJSONError) {
    try node.object(allowed: ["name", "arguments", "children"])
    let name = try node.required("name").identifier()
    let arguments = try node.required("arguments")
    if name == "script" {
      try out.block("script") { (out) throws(JenkinsJSONError) in try scriptBody(arguments, into: &out) }
      return
    }
    let call = "\(name)(\(try stepArguments(name, arguments)))"
    if let children = node.child("children") {
      let list = try children.array()
      try out.block(call) { (out) throws(JenkinsJSONError) in
        for child in list { try step(child, into: &out) }
      }
    } else {
      out.line(call)
    }
  }

  /// A step's single argument stored under its sole required parameter is written unnamed, as in
  /// the Jenkinsfile it came from (`echo('hi')`, not `echo(message: 'hi')`).
  func stepArguments(_ name: String, _ node: JSONNode) throws(JenkinsJSONError) -> String {
    if let items = try? node.array(), items.count == 1, let key = items[0].child("key")?.value.stringValue,
      let spec = catalogue.steps[name], !spec.takesBlock, spec.soleRequiredParameter?.name == key,
      let value = items[0].child("value"), value.child("isLiteral") != nil
    {
      return try groovy(value)
    }
    return try arguments(node)
  }

  /// `[{"key": "scriptBlock", "value": {"isLiteral": true, "value": "<code>"}}]`: the code, its
  /// first line at the block's depth and the rest re-indented by their common indentation (kept
  /// as written when the code has a multi-line string, whose content indentation is part of).
  func scriptBody(_ node: JSONNode, into out: inout GroovyLines) throws(JenkinsJSONError) {
    let items = try node.array()
    guard items.count == 1, let key = items[0].child("key"), try key.string() == "scriptBlock" else {
      throw node.fail("expected [{\"key\": \"scriptBlock\", \"value\": …}]")
    }
    let value = try items[0].required("value")
    try value.object(allowed: ["isLiteral", "value"])
    let code = try value.required("value").string()
    let lines = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let first = lines.first else { return }
    out.line(first.trimmingCharacters(in: .whitespaces))
    let rest = lines.dropFirst()
    if code.contains("'''") || code.contains("\"\"\"") {
      rest.forEach { out.verbatim($0) }
      return
    }
    let common = rest.filter { !$0.allSatisfy(\.isWhitespace) }.map { $0.prefix(while: { $0 == " " || $0 == "\t" }).count }.min() ?? 0
    for line in rest {
      if line.allSatisfy(\.isWhitespace) { out.verbatim("") } else { out.line(String(line.dropFirst(common))) }
    }
  }

  // MARK: post

  func post(_ node: JSONNode, into out: inout GroovyLines) throws(JenkinsJSONError) {
    try node.object(allowed: ["conditions"])
    let conditions = try node.required("conditions").array()
    try out.block("post") { (out) throws(JenkinsJSONError) in
      for condition in conditions {
        try condition.object(allowed: ["condition", "branch"])
        let name = try condition.required("condition").identifier()
        let branch = try condition.required("branch")
        try branch.object(allowed: ["name", "steps"])
        try out.block(name) { (out) throws(JenkinsJSONError) in try steps(try branch.required("steps"), into: &out) }
      }
    }
  }
}
