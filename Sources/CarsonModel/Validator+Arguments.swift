import CarsonSyntax
import Foundation

// Describable arguments (steps, options, triggers, parameters, when conditions) and `when`.

extension Validator {
  enum ArgumentStyle {
    /// A step: several unnamed arguments must be named.
    case step
    /// An option/trigger/parameter call: positional arguments must match the required count.
    case method
    /// A `when` condition.
    case condition
  }

  /// Jenkins' rules (`ModelValidatorImpl`): for options, triggers and parameters the required
  /// (constructor) parameters only fix the count of positional arguments — named arguments are
  /// never "missing" — and one required boolean may be left out (`skipDefaultCheckout()`).
  /// A block step accepts one unnamed argument even without a single required parameter, and
  /// a map of keys the step does not know goes to a sole object parameter (`step([$class: …])`).
  mutating func validateArguments(_ name: String, _ nameRange: SourceRange, _ arguments: Arguments, _ spec: Describable, style: ArgumentStyle) {
    switch arguments {
    case .none:
      var required = spec.requiredParameters
      if style == .method {
        if required.count == 1 && required[0].type == .boolean { required = [] }
        if !required.isEmpty {
          error(.wrongArgumentCount, "\"\(name)\" should have \(required.count) arguments but has 0 arguments instead.", nameRange)
        }
      } else {
        for parameter in required {
          error(.missingRequiredParameter, "Missing required parameter: \"\(parameter.name)\"", nameRange)
        }
      }
    case .single(let argument):
      validateNestedCalls(argument)
      let parameter = spec.soleRequiredParameter ?? (spec.parameters.count == 1 ? spec.parameters[0] : nil)
      guard let parameter else {
        if !spec.takesBlock && style != .method {
          error(.notSingleRequiredParameter, "Step does not take a single required parameter - use named parameters instead", argument.range)
        }
        return
      }
      if let value = argument.asValue, let mismatch = typeMismatch(value, parameter.type) {
        error(.invalidParameterType, "Expecting \"\(parameter.type.javaName)\" but got \"\(mismatch.text)\" of type \(mismatch.className) instead", value.range)
      }
    case .named(let list):
      for argument in list { validateNestedCalls(argument.value) }
      let hasUnknown = list.contains { spec.parameter(named: $0.name) == nil }
      if hasUnknown, style == .step, let sole = spec.soleRequiredParameter, sole.type == .object {
        return  // the map configures the sole object parameter; its keys are that object's
      }
      for argument in list {
        guard let parameter = spec.parameter(named: argument.name) else {
          let valid = spec.parameters.map(\.name)
          let nearest = EditDistance.nearest(to: argument.name, in: valid) ?? ""
          error(
            .invalidParameterName, "Invalid parameter \"\(argument.name)\", did you mean \"\(nearest)\"?", argument.nameRange,
            fixIts: FixIts.rename(argument.name, at: argument.nameRange, candidates: valid))
          continue
        }
        if let value = argument.value.asValue, let mismatch = typeMismatch(value, parameter.type) {
          error(
            .invalidParameterType,
            "Expecting \"\(parameter.type.javaName)\" for parameter \"\(parameter.name)\" but got \"\(mismatch.text)\" of type \(mismatch.className) instead",
            value.range)
        }
      }
      if style != .method {
        for parameter in spec.requiredParameters where !list.contains(where: { $0.name == parameter.name }) {
          error(.missingRequiredParameter, "Missing required parameter: \"\(parameter.name)\"", nameRange)
        }
      }
    case .positional(let values):
      for value in values { validateNestedCalls(value) }
      if style == .method {
        let required = spec.requiredParameters
        if values.count != required.count && values.count > spec.parameters.count {
          error(.wrongArgumentCount, "\"\(name)\" should have \(required.count) arguments but has \(values.count) arguments instead.", nameRange)
        }
      } else {
        error(.tooManyUnnamedParameters, "Arguments to \"\(name)\" must be explicitly named.", nameRange)
      }
    }
  }

  /// Nested describables in options/triggers/parameters may not be blocked steps.
  mutating func validateNestedCalls(_ argument: ArgumentValue) {
    guard case .call(let call) = argument else { return }
    switch call.name {
    case "properties":
      error(.blockedStep, "Invalid step \"properties\" used - not allowed in this context - The properties step cannot be used in Declarative Pipelines", call.nameRange)
    case "node":
      error(.blockedStep, "Invalid step \"node\" used - not allowed in this context - The node step cannot be called as an argument to a method in Declarative Pipelines", call.nameRange)
    case "stage":
      error(.blockedStep, "Invalid step \"stage\" used - not allowed in this context - The stage step cannot be used in Declarative Pipelines", call.nameRange)
    default:
      break
    }
    for nested in call.arguments.namedArguments.map(\.value) + call.arguments.unnamedValues { validateNestedCalls(nested) }
  }

  /// A literal whose type does not fit the parameter, as Jenkins' `DescribableModel` sees it.
  func typeMismatch(_ value: Value, _ type: ParameterType) -> (text: String, className: String)? {
    guard let literal = value.literal else { return nil }
    let fits: Bool
    switch (type, literal) {
    case (_, .null), (.object, _): fits = true
    case (.string, .string), (.choice, .string): fits = true
    case (.int, .integer(let i)): fits = i >= Int64(Int32.min) && i <= Int64(Int32.max)
    case (.long, .integer): fits = true
    case (.double, .integer), (.double, .decimal): fits = true
    case (.boolean, .boolean): fits = true
    default: fits = false
    }
    if fits { return nil }
    let className: String
    switch literal {
    case .string: className = "class java.lang.String"
    case .integer(let i): className = i >= Int64(Int32.min) && i <= Int64(Int32.max) ? "class java.lang.Integer" : "class java.lang.Long"
    case .decimal: className = "class java.math.BigDecimal"
    case .boolean: className = "class java.lang.Boolean"
    case .null: className = "null"
    }
    return (value.literalText ?? value.text, className)
  }

  // MARK: when

  /// `when` conditions and their parameters (`DeclarativeStageConditional` symbols).
  static let whenConditions: [String: Describable] = Catalogue.standard.whenConditions

  static let nestedConditions: NameSet = ["allOf", "anyOf", "not"]

  mutating func validateWhen(_ when: When) {
    if when.conditions.isEmpty {
      error(.emptyWhen, "Empty when closure, remove the property or add some content.", when.range)
    }
    for condition in when.conditions { validateCondition(condition) }
  }

  mutating func validateCondition(_ condition: WhenCondition) {
    guard let spec = Self.whenConditions[condition.name] else {
      let valid = Self.whenConditions.keys.sorted()
      error(
        .unknownWhenCondition, "Unknown conditional \(condition.name). Valid conditionals are: \(valid.joined(separator: ", "))",
        condition.nameRange, fixIts: FixIts.rename(condition.name, at: condition.nameRange, candidates: valid))
      return
    }
    if Self.nestedConditions.contains(condition.name) {
      if !condition.arguments.isEmpty {
        error(.nestedWhenArguments, "No additional arguments are allowed for children when condition \"\(condition.name)\".", condition.nameRange)
      }
      if condition.name == "not" {
        if condition.children.count != 1 {
          error(.nestedWhenChildren, "Nested when condition \"not\" requires exactly 1 child condition(s).", condition.nameRange)
        }
      } else if condition.children.isEmpty {
        error(.nestedWhenChildren, "Nested when condition \"\(condition.name)\" requires at least one child condition.", condition.nameRange)
      }
      for child in condition.children { validateCondition(child) }
      return
    }
    if condition.name == "expression" { return }
    if condition.hasBlock {
      error(.noNestedWhenAllowed, "No children when conditions are allowed for when condition \"\(condition.name)\".", condition.nameRange)
    }
    validateArguments(condition.name, condition.nameRange, condition.arguments, spec, style: .condition)
    if condition.name == "changelog",
      let pattern = condition.arguments.value(named: "pattern", soleParameter: "pattern")?.asValue,
      let text = pattern.stringLiteral, let problem = JavaRegex.problem(in: text)
    {
      error(.invalidRegex, "\"\(text)\" is not a valid regular expression. \(problem)", pattern.range)
    }
  }
}

/// Levenshtein distance, for "did you mean" suggestions.
public enum EditDistance {
  public static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars)
    let b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }

  /// The candidate closest to `word` (first one on ties), nil when there are none.
  public static func nearest(to word: String, in candidates: [String]) -> String? {
    var best: (String, Int)?
    for candidate in candidates {
      let d = distance(word, candidate)
      if best == nil || d < best!.1 { best = (candidate, d) }
    }
    return best?.0
  }
}

/// Whether a pattern compiles as a regular expression (ICU's syntax is close to Java's).
enum JavaRegex {
  static func problem(in pattern: String) -> String? {
    do {
      _ = try NSRegularExpression(pattern: pattern)
      return nil
    } catch {
      return "The pattern does not compile."
    }
  }
}
