extension Catalogue {
  /// `docs/steps.md`, generated so the documentation cannot drift from the catalogue (a test
  /// compares the file with this text; `UPDATE_GOLDENS=1` rewrites it).
  public func markdown() -> String {
    var out = """
      # Sections, conditions, steps, options, triggers, parameters and tools

      Carson's catalogue of the declarative language and of what Jenkins and its common plugins
      provide. `carson lsp` answers hover and completion from it. The validator checks
      arguments against it (names, required parameters, literal types) as Jenkins does; `carson lint
      --strict` warns about steps that are not in it. A step missing here is still accepted without
      `--strict`: plugins and shared libraries add steps. Which steps `carson run` executes, and
      how, is in [run-steps.md](run-steps.md); options that only configure a Jenkins job
      (`buildDiscarder`, `quietPeriod`, …) and `triggers` are accepted and reported as having no
      effect in a local run.

      **required** marks a parameter of the `@DataBoundConstructor`. A single unnamed argument
      (`echo 'hi'`) binds to the only required parameter. Types are those of the Java field
      (`String`, `int`, `boolean`, …); `object` means lists, maps, nested objects or closures.

      This file is generated from `Sources/CarsonModel/CatalogueData*.swift`.

      """
    out += "\n## Sections and directives (\(CatalogueData.sections.count))\n\n| name | written in | example | what it is |\n| --- | --- | --- | --- |\n"
    for item in CatalogueData.sections {
      let places = item.places.map(\.rawValue).joined(separator: ", ")
      out += "| `\(item.name)` | \(places) | `\(item.syntax.replacingPipes())` | \(item.summary.replacingPipes()) |\n"
    }
    out += section("Agent types", CatalogueData.agentTypes, extra: { _ in "" })
    out += section("when conditions", CatalogueData.whenConditions, extra: { d in d.takesBlock ? "block" : "" })
    out += section("post conditions", CatalogueData.postConditions, extra: { _ in "" }, order: "in the order Jenkins runs them")
    out += section("Steps", steps.values.sorted { $0.name < $1.name }, extra: { d in
      var flags: [String] = []
      if d.takesBlock { flags.append("block") }
      if d.requiresNode { flags.append("needs an agent") }
      return flags.joined(separator: ", ")
    })
    out += section("Options", options.values.sorted { $0.describable.name < $1.describable.name }.map(\.describable), extra: { d in
      switch self.options[d.name]?.kind {
      case .jobProperty: return "job property, pipeline only"
      case .declarative(let stage): return stage ? "declarative option, pipeline and stage" : "declarative option, pipeline only"
      case .wrapper: return "wrapper, pipeline and stage"
      case nil: return ""
      }
    })
    out += section("Triggers", triggers.values.sorted { $0.name < $1.name }, extra: { _ in "" })
    out += section("Build parameters", parameters.values.sorted { $0.name < $1.name }, extra: { _ in "" })
    out += section("Tools", tools.values.sorted { $0.name < $1.name }, extra: { _ in "" })
    return out
  }

  func section(_ title: String, _ items: [Describable], extra: (Describable) -> String, order: String? = nil) -> String {
    var out = "\n## \(title) (\(items.count))\n\n"
    if let order { out += "Listed \(order).\n\n" }
    out += "| name | parameters | notes | plugin | what it does |\n| --- | --- | --- | --- | --- |\n"
    for item in items {
      let parameters = item.parameters.map { p in
        "`\(p.name)`\(p.required ? " **required**" : ""): \(Self.typeName(p.type))"
      }.joined(separator: "<br>")
      let cells = [
        "`\(item.name)`", parameters.isEmpty ? "—" : parameters, extra(item), item.plugin,
        item.summary.replacingPipes(),
      ]
      out += "| " + cells.joined(separator: " | ") + " |\n"
    }
    return out
  }

  static func typeName(_ type: ParameterType) -> String { type.displayName(choiceSeparator: "/") }

}

extension String {
  fileprivate func replacingPipes() -> String {
    var out = ""
    for c in self { out += c == "|" ? "\\|" : String(c) }
    return out
  }
}

extension ParameterType {
  /// How docs and editors show the type: `String`, `int`, `a/b/c` for a choice.
  public func displayName(choiceSeparator: String) -> String {
    switch self {
    case .string: return "String"
    case .int: return "int"
    case .long: return "long"
    case .boolean: return "boolean"
    case .double: return "double"
    case .choice(let values): return values.isEmpty ? "String" : values.joined(separator: choiceSeparator)
    case .object: return "object"
    }
  }
}
