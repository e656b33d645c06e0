import CarsonModel

/// One thing from `Catalogue.standard` that hover and completion can show: a section, an agent
/// type, a `when` or `post` condition, an option, trigger, parameter type, tool, step or one of
/// their parameters.
struct CatalogueEntry {
  enum Kind: String {
    case section, agentType = "agent type", whenCondition = "when condition", postCondition = "post condition"
    case option, trigger, buildParameter = "build parameter", tool, step, parameter, directive
  }
  var name: String
  var kind: Kind
  var detail: String
  var documentation: String

  static func section(_ s: SectionDescription) -> CatalogueEntry {
    CatalogueEntry(name: s.name, kind: .section, detail: "section", documentation: "**\(s.name)** — section\n\n\(s.summary)\n\n```groovy\n\(s.syntax)\n```")
  }

  static func describable(_ d: Describable, _ kind: Kind) -> CatalogueEntry {
    var text = "**\(d.name)** — \(kind.rawValue) (\(d.plugin))\n\n\(d.summary)"
    if !d.parameters.isEmpty {
      text += "\n\nParameters:\n"
      for p in d.parameters {
        text += "\n- `\(p.name)`: \(typeName(p.type))\(p.required ? ", required" : "")\(p.summary.isEmpty ? "" : ". \(p.summary)")"
      }
    }
    if d.takesBlock { text += "\n\nTakes a block: `\(d.name) { … }`." }
    return CatalogueEntry(name: d.name, kind: kind, detail: "\(kind.rawValue) · \(d.plugin)", documentation: text)
  }

  static func parameter(_ p: ParameterSpec, of owner: Describable) -> CatalogueEntry {
    let text = "**\(p.name)** — parameter of `\(owner.name)`: \(typeName(p.type))\(p.required ? ", required" : "")\(p.summary.isEmpty ? "" : "\n\n\(p.summary)")"
    return CatalogueEntry(name: p.name, kind: .parameter, detail: "\(typeName(p.type))\(p.required ? ", required" : "")", documentation: text)
  }

  static func directive(_ name: String, _ summary: String) -> CatalogueEntry {
    CatalogueEntry(name: name, kind: .directive, detail: "directive", documentation: "**\(name)** — directive\n\n\(summary)")
  }

  static func typeName(_ type: ParameterType) -> String { type.displayName(choiceSeparator: " | ") }

  /// Directives that are not sections: `when`'s modifiers and `input`'s and `axis`' fields.
  static let whenModifiers: [CatalogueEntry] = [
    directive("beforeAgent", "beforeAgent true: evaluate the when conditions before entering the stage's agent."),
    directive("beforeInput", "beforeInput true: evaluate the when conditions before the stage's input."),
    directive("beforeOptions", "beforeOptions true: evaluate the when conditions before the stage's options."),
  ]
  static let inputFields: [CatalogueEntry] = [
    directive("message", "The question shown to the user (required)."),
    directive("id", "Identifier of the input (defaults to the stage name)."),
    directive("ok", "Text of the button that proceeds."),
    directive("submitter", "Comma-separated users or groups allowed to answer."),
    directive("submitterParameter", "Environment variable set to the name of whoever answered."),
  ]
  static let axisFields: [CatalogueEntry] = [
    directive("name", "The axis name, available as an environment variable in each cell."),
    directive("values", "The values of the axis."),
    directive("notValues", "In an exclude: the values the axis must not have."),
  ]
}
