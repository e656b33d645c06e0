import CarsonGroovy
import CarsonModel
import Foundation

// `parameters {}`: defaults, `-a NAME=VALUE` typed by the declaration, `params.X`.

extension PipelineRun {
  struct ParameterDeclaration {
    var name: String
    var type: String
    var defaultValue: GValue
    var choices: [String]
  }

  func parameterDeclarations(_ context: BranchContext) throws -> [ParameterDeclaration] {
    try (pipeline.parameters?.calls ?? []).map { call in
      let arguments = try evaluate(call.arguments, context)
      let name = Groovy.string(arguments.named("name") ?? arguments.positional.first ?? .null)
      var choices: [String] = []
      if let list = arguments.named("choices") {
        switch list {
        case .list(let l): choices = l.items.map(Groovy.string)
        default: choices = Groovy.string(list).split(separator: "\n").map(String.init)
        }
      }
      let defaultValue: GValue
      switch call.name {
      case "booleanParam": defaultValue = .bool(Groovy.truthy(arguments.named("defaultValue") ?? .bool(false)))
      case "choice": defaultValue = choices.first.map { .string($0) } ?? .string("")
      default: defaultValue = arguments.named("defaultValue").map { $0.isNull ? .string("") : .string(Groovy.string($0)) } ?? .string("")
      }
      return ParameterDeclaration(name: name, type: call.name, defaultValue: defaultValue, choices: choices)
    }
  }

  /// `-a` names that the `parameters {}` block does not declare are an error before anything
  /// runs (names are read from the literals; defaults are evaluated later, once the script's
  /// top-level code has run, since they may use it).
  func checkParameterNames() throws {
    let declared = (pipeline.parameters?.calls ?? []).compactMap { call -> String? in
      call.arguments.value(named: "name")?.asValue?.stringLiteral ?? call.arguments.unnamedValues.first?.asValue?.stringLiteral
    }
    for name in options.arguments.keys.sorted() where !declared.contains(name) {
      throw RunSetupError(
        "unknown parameter '\(name)' (-a); the pipeline declares \(declared.isEmpty ? "no parameters" : declared.joined(separator: ", "))")
    }
    // A boolean given as anything but true/false is an error now, not after the first stages ran.
    for call in pipeline.parameters?.calls ?? [] where call.name == "booleanParam" {
      guard let name = call.arguments.value(named: "name")?.asValue?.stringLiteral, let given = options.arguments[name] else { continue }
      _ = try typed(given, ParameterDeclaration(name: name, type: call.name, defaultValue: .null, choices: []))
    }
  }

  /// Fills `params` from the declarations and `-a` values (typed by the declaration).
  func declareParameters(_ context: BranchContext) throws {
    let declarations = try parameterDeclarations(context)
    for declaration in declarations {
      var value = declaration.defaultValue
      if let given = options.arguments[declaration.name] {
        value = try typed(given, declaration)
      }
      parameters[string: declaration.name] = value
      if declaration.type == "password", case .string(let secret) = value { masker.add(secret) }
      // Parameters are environment variables too.
      buildVariables[declaration.name] = Groovy.string(value)
    }
  }

  func typed(_ given: String, _ declaration: ParameterDeclaration) throws -> GValue {
    switch declaration.type {
    case "booleanParam":
      switch given.lowercased() {
      case "true": return .bool(true)
      case "false": return .bool(false)
      default: throw RunSetupError("parameter '\(declaration.name)' is a booleanParam: give true or false, not '\(given)'")
      }
    case "choice":
      guard declaration.choices.isEmpty || declaration.choices.contains(given) else {
        throw RunSetupError("parameter '\(declaration.name)' must be one of \(declaration.choices.joined(separator: ", ")), not '\(given)'")
      }
      return .string(given)
    default:
      return .string(given)
    }
  }
}
