import CarsonSyntax

// `when`, `input` and `matrix` of Jenkins' JSON form as Groovy text.

extension JenkinsJSONTextWriter {
  // MARK: when

  func when(_ node: JSONNode, into out: inout GroovyLines) throws(JenkinsJSONError) {
    try node.object(allowed: ["conditions", "beforeAgent", "beforeInput", "beforeOptions"])
    let conditions = try node.required("conditions").array()
    try out.block("when") { (out) throws(JenkinsJSONError) in
      for flag in ["beforeAgent", "beforeInput", "beforeOptions"] {
        if let value = node.child(flag) { out.line("\(flag) \(try value.bool())") }
      }
      for condition in conditions { try whenCondition(condition, into: &out) }
    }
  }

  func whenCondition(_ node: JSONNode, into out: inout GroovyLines) throws(JenkinsJSONError) {
    try node.object(allowed: ["name", "arguments", "children"])
    let name = try node.required("name").identifier()
    if name == "expression", let arguments = node.child("arguments") {
      try out.block("expression") { (out) throws(JenkinsJSONError) in try scriptBody(arguments, into: &out) }
      return
    }
    if let children = node.child("children") {
      let list = try children.array()
      let header = try node.child("arguments").map { (a) throws(JenkinsJSONError) in "\(name)(\(try self.arguments(a)))" } ?? name
      try out.block(header) { (out) throws(JenkinsJSONError) in
        for child in list { try whenCondition(child, into: &out) }
      }
      return
    }
    let arguments = try node.child("arguments").map { (a) throws(JenkinsJSONError) in try self.arguments(a) } ?? ""
    out.line("\(name)(\(arguments))")
  }

  // MARK: input

  func input(_ node: JSONNode, into out: inout GroovyLines) throws(JenkinsJSONError) {
    let fields = ["message", "id", "ok", "submitter", "submitterParameter"]
    try node.object(allowed: fields + ["parameters"])
    try out.block("input") { (out) throws(JenkinsJSONError) in
      for field in fields {
        if let value = node.child(field) { out.line("\(field) \(try groovy(value))") }
      }
      if let parameters = node.child("parameters") { try methodCallSection("parameters", parameters, into: &out) }
    }
  }

  // MARK: matrix

  func matrix(_ node: JSONNode, into out: inout GroovyLines) throws(JenkinsJSONError) {
    try node.object(allowed: ["axes", "excludes", "stages"] + Self.stageBaseKeys)
    try out.block("matrix") { (out) throws(JenkinsJSONError) in
      try stageBase(node, into: &out) { (out) throws(JenkinsJSONError) in
        if let axes = node.child("axes") {
          let list = try axes.array()
          try out.block("axes") { (out) throws(JenkinsJSONError) in
            for axis in list { try self.axis(axis, into: &out) }
          }
        }
        if let excludes = node.child("excludes") {
          let list = try excludes.array()
          try out.block("excludes") { (out) throws(JenkinsJSONError) in
            for exclude in list {
              let axes = try exclude.array()
              try out.block("exclude") { (out) throws(JenkinsJSONError) in
                for axis in axes { try self.axis(axis, into: &out) }
              }
            }
          }
        }
        if let stages = node.child("stages") { try self.stages(stages, into: &out) }
      }
    }
  }

  /// `{"name": "OS", "values": [...]}`; `"inverse": true` (in an exclude) is `notValues`.
  func axis(_ node: JSONNode, into out: inout GroovyLines) throws(JenkinsJSONError) {
    try node.object(allowed: ["name", "values", "inverse"])
    let inverse = try node.child("inverse").map { (i) throws(JenkinsJSONError) in try i.bool() } ?? false
    try out.block("axis") { (out) throws(JenkinsJSONError) in
      if let name = node.child("name") { out.line("name \(Self.quoted(try name.string()))") }
      if let values = node.child("values") {
        let list = try values.array().map { (v) throws(JenkinsJSONError) in try groovy(v) }
        out.line("\(inverse ? "notValues" : "values") \(list.joined(separator: ", "))")
      }
    }
  }
}
