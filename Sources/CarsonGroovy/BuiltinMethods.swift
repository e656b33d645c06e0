import CarsonSyntax
import Foundation

/// Methods of strings, numbers, lists and maps (Groovy's GDK, the part Jenkinsfiles use).
/// Each returns nil for a method it does not know, so the caller can report Groovy's
/// "No signature of method" error.
enum BuiltinMethods {
  static func invoke(
    _ receiver: GValue, _ name: String, _ arguments: CallArguments, _ interpreter: Interpreter, _ context: EvaluationContext,
    at range: SourceRange
  ) throws -> GValue? {
    let call = MethodCall(interpreter: interpreter, context: context, arguments: arguments, range: range)
    if let result = try common(receiver, name, call) { return result }
    switch receiver {
    case .string(let s): return try stringMethod(s, name, call)
    case .list(let l): return try listMethod(l, name, call)
    case .map(let m): return try mapMethod(m, name, call)
    case .int, .decimal: return try numberMethod(receiver, name, call)
    case .bool(let b):
      switch name {
      case "booleanValue": return .bool(b)
      case "and": return .bool(b && Groovy.truthy(call.argument(0)))
      case "or": return .bool(b || Groovy.truthy(call.argument(0)))
      default: return nil
      }
    case .closure(let c):
      switch name {
      case "curry":
        let bound = call.arguments.positional
        return .closure(GClosure(range: c.range) { args, context in
          try interpreter.call(c, bound + args.positional, context)
        })
      case "getMaximumNumberOfParameters": return .int(Int64(c.arity))
      default: return nil
      }
    default: return nil
    }
  }

  /// Properties that are really getters (`list.size` is not one, but `s.length` neither; Groovy
  /// users write `str.length()`; these are the property forms that do exist).
  static func property(_ receiver: GValue, _ name: String, _ interpreter: Interpreter, _ context: EvaluationContext, at range: SourceRange) throws -> GValue? {
    switch (receiver, name) {
    case (.list(let l), "empty"): return .bool(l.items.isEmpty)
    // Arrays are lists here, and scripts read an array's length (`s.split(',').length`).
    case (.list(let l), "length"): return .int(Int64(l.items.count))
    case (.list(let l), "first"): return l.items.first ?? .null
    case (.list(let l), "last"): return l.items.last ?? .null
    case (.string(let s), "empty"): return .bool(s.isEmpty)
    case (.closure(let c), "maximumNumberOfParameters"): return .int(Int64(c.arity))
    case (.closure(let c), "delegate"): return c.delegate ?? .null
    case (.closure(let c), "resolveStrategy"): return c.resolveStrategy
    case (.string(let s), "bytes"): return .list(GList(s.utf8.map { .int(Int64(Int8(bitPattern: $0))) }))
    default: return nil
    }
  }

  /// The arguments of one call, with helpers for closures.
  struct MethodCall {
    let interpreter: Interpreter
    let context: EvaluationContext
    let arguments: CallArguments
    let range: SourceRange

    var all: [GValue] { arguments.groovyArguments }

    func argument(_ i: Int) -> GValue { i < all.count ? all[i] : .null }

    func string(_ i: Int) -> String { Groovy.string(argument(i)) }

    func int(_ i: Int) throws -> Int { Int(try integer(argument(i))) }

    /// A number used as a count or index: Groovy calls `intValue()` on it (`(4 / 2).times {}`).
    func integer(_ value: GValue) throws -> Int64 {
      switch value {
      case .int(let v): return v
      case .decimal(let d): return d.int64Value
      default:
        var error = GroovyError.illegalArgument("Expected a number, got \(Groovy.className(value)) '\(Groovy.string(value))'")
        error.range = range
        throw error
      }
    }

    /// The closure argument, if the call has one.
    var closure: GClosure? {
      if let c = arguments.closure { return c }
      for a in arguments.positional { if case .closure(let c) = a { return c } }
      return nil
    }

    func callClosure(_ closure: GClosure, _ values: [GValue]) throws -> GValue {
      try context.checkInterrupted()
      return try interpreter.call(closure, values, context)
    }

    /// Calls a closure on a map entry: `{ k, v -> }` gets key and value, `{ e -> }`/`it` the entry.
    func callOnEntry(_ closure: GClosure, _ key: GValue, _ value: GValue) throws -> GValue {
      if closure.hasArrow && closure.parameters.count == 2 { return try callClosure(closure, [key, value]) }
      return try callClosure(closure, [.object(MapEntryObject(key: key, value: value))])
    }
  }

  /// Methods every value has.
  static func common(_ receiver: GValue, _ name: String, _ call: MethodCall) throws -> GValue? {
    switch name {
    case "toString": return .string(Groovy.string(receiver))
    case "equals":
      // Java's equals is stricter than `==` for numbers: a BigDecimal equals only a BigDecimal
      // of the same scale (`1.5.equals(1.50)` is false), never an integer.
      switch (receiver, call.argument(0)) {
      case (.decimal(let x), .decimal(let y)): return .bool(x == y && x.scale == y.scale)
      case (.decimal, .int), (.int, .decimal): return .bool(false)
      default: return .bool(Groovy.equals(receiver, call.argument(0)))
      }
    case "hashCode": return .int(Int64(Groovy.string(receiver).hashValue & 0x7fff_ffff))
    case "getClass": return .object(StaticClasses.classObject(Groovy.className(receiver)))
    case "is": return .bool(call.interpreter.identical(receiver, call.argument(0)))
    case "asBoolean": return .bool(Groovy.truthy(receiver))
    case "with":
      // The receiver is the closure's `it` and its delegate (`sb.with { append('x') }`).
      guard let c = call.closure else { return nil }
      try call.context.checkInterrupted()
      return try call.interpreter.call(c, [receiver], call.context, delegate: receiver)
    case "inspect": return .string(Groovy.inspect(receiver))
    case "asType":
      guard case .object(let o) = call.argument(0), let cls = o as? ClassObject else { return nil }
      return try Conversions.convert(receiver, to: cls.name, at: call.range)
    case "isCase":
      return .bool(try call.interpreter.isCase(receiver, call.argument(0), call.context))
    default: return nil
    }
  }
}

extension GValue {
  /// A boolean argument such as the `false` of `sort(false)`; nil for anything else.
  var boolArgument: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  var mapEntry: MapEntryObject? {
    if case .object(let o) = self { return o as? MapEntryObject }
    return nil
  }
}
