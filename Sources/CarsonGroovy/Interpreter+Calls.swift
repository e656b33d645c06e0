import CarsonSyntax
import Foundation

// Calls, closures, script functions, properties and indexing.

extension Interpreter {
  // MARK: Calls

  func evaluateArguments(_ call: Call, in scope: Scope, _ context: EvaluationContext) throws -> CallArguments {
    var arguments = CallArguments()
    for argument in call.arguments {
      switch argument.key {
      case .name(let name, _)?:
        arguments.named.append((name, try evaluate(argument.value, in: scope, context)))
      case .expression(let key)?:
        arguments.named.append((Groovy.string(try evaluate(key, in: scope, context)), try evaluate(argument.value, in: scope, context)))
      case .spread?:
        if case .map(let map) = try evaluate(argument.value, in: scope, context) {
          for (k, v) in map.entries { arguments.named.append((Groovy.string(k), v)) }
        }
      case nil:
        if case .spread(let inner) = argument.value.kind {
          arguments.positional += try iterate(try evaluate(inner, in: scope, context), at: argument.range)
        } else {
          arguments.positional.append(try evaluate(argument.value, in: scope, context))
        }
      }
    }
    for (i, closure) in call.trailingClosures.enumerated() {
      let value = GClosure(parameters: closure.parameters, hasArrow: closure.hasArrow, body: closure.body, scope: scope, range: closure.range)
      value.owner = self
      if i == call.trailingClosures.count - 1 {
        arguments.closure = value
      } else {
        arguments.positional.append(.closure(value))
      }
    }
    return arguments
  }

  func evaluateCall(_ call: Call, in scope: Scope, _ context: EvaluationContext, at range: SourceRange) throws -> GValue {
    try context.checkInterrupted()
    guard let receiverExpr = call.receiver else {
      let arguments = try evaluateArguments(call, in: scope, context)
      return try callUnqualified(call.name, arguments, in: scope, context, at: range)
    }
    let receiver = try evaluate(receiverExpr, in: scope, context)
    // `x?.m()` and `x*.m()` on null are null.
    if call.op == .safe || call.op == .spread, receiver.isNull { return .null }
    let name = try call.dynamicName.map { Groovy.string(try evaluate($0, in: scope, context)) } ?? call.name
    let arguments = try evaluateArguments(call, in: scope, context)
    // A GString literal given to a map's key methods keeps its GString identity (see GMap).
    if case .map(let map) = receiver, call.op != .spread, let first = call.arguments.first, first.key == nil, isGString(first.value),
      case .string(let key)? = arguments.positional.first,
      let result = BuiltinMethods.gstringKeyMethod(map, name, key, arguments)
    {
      return result
    }
    if call.op == .spread {
      return .list(GList(try iterate(receiver, at: range).map { try invokeMethod($0, name, arguments, context, at: range) }))
    }
    return try invokeMethod(receiver, name, arguments, context, at: range)
  }

  /// `foo(…)`: a closure variable, a script function, a step, in that order.
  public func callUnqualified(_ name: String, _ arguments: CallArguments, in scope: Scope, _ context: EvaluationContext, at range: SourceRange) throws -> GValue {
    if let value = scope.lookup(name), case .closure(let closure) = value {
      return try call(closure, arguments.groovyArguments, context)
    }
    for delegate in delegates(of: scope) {
      do {
        return try invokeMethod(delegate, name, arguments, context, at: range)
      } catch let error as GroovyError where error.groovyClassName == "groovy.lang.MissingMethodException" && error.groovyMessage?.contains(".\(name)()") == true {
        continue  // not the delegate's method: the script's
      }
    }
    if functions[name] != nil {
      return try callFunction(name, arguments.groovyArguments, context, at: range)
    }
    if let result = try host.callStep(name, arguments, context, at: range) { return result }
    // `sprintf` is a method every Groovy object has, so scripts can call it unqualified.
    if name == "sprintf", let format = arguments.positional.first {
      return .string(try JavaFormat.format(Groovy.string(format), Array(arguments.positional.dropFirst())))
    }
    var error = host.noSuchMethod(name)
    error.range = range
    throw error
  }

  /// Calls a closure with Groovy's argument binding: declared parameters by position (missing
  /// ones take their default or null), or the implicit `it`. A single list given to a closure
  /// of several parameters is spread over them (`[[1, 2]].collect { a, b -> a + b }`).
  public func call(_ closure: GClosure, _ arguments: [GValue], _ context: EvaluationContext, delegate: GValue? = nil) throws -> GValue {
    if let native = closure.native { return try native(CallArguments(positional: arguments), context) }
    // A closure runs in the script it was written in (its functions, its source for errors).
    if let owner = closure.owner, owner !== self {
      return try owner.attributingErrors { try owner.call(closure, arguments, context, delegate: delegate) }
    }
    return try withDepth(closure.range) {
      let scope = Scope(parent: closure.scope)
      scope.delegate = delegate ?? closure.delegate
      if closure.hasArrow {
        var arguments = arguments
        if arguments.count == 1, closure.parameters.count > 1, case .list(let list) = arguments[0] { arguments = list.items }
        try bind(closure.parameters, arguments, into: scope, context)
      } else {
        scope.declare("it", arguments.first ?? .null)
      }
      do {
        return try execute(closure.body, in: scope, context)
      } catch ControlFlow.returnValue(let value) {
        return value
      }
    }
  }

  /// Calls a top-level `def name(…)` of the script.
  func callFunction(_ name: String, _ arguments: [GValue], _ context: EvaluationContext, at range: SourceRange) throws -> GValue {
    let candidates = functions[name] ?? []
    let method =
      candidates.first { $0.parameters.count == arguments.count }
      ?? candidates.first { m in m.parameters.count >= arguments.count && m.parameters.dropFirst(arguments.count).allSatisfy { $0.defaultValue != nil } }
      ?? candidates.first { $0.parameters.last?.isVariadic == true }
    guard let method, let body = method.body else {
      throw GroovyError.missingMethod(name, "WorkflowScript", arguments.count)
    }
    return try withDepth(range) {
      let scope = Scope(parent: binding)
      try bind(method.parameters, arguments, into: scope, context)
      do {
        return try execute(body, in: scope, context)
      } catch ControlFlow.returnValue(let value) {
        return value
      }
    }
  }

  func bind(_ parameters: [Parameter], _ arguments: [GValue], into scope: Scope, _ context: EvaluationContext) throws {
    for (i, parameter) in parameters.enumerated() {
      if parameter.isVariadic {
        scope.declare(parameter.name, .list(GList(Array(arguments.dropFirst(i)))))
        break
      }
      if i < arguments.count {
        var value = arguments[i]
        if let type = parameter.type { value = try coerce(value, to: type, at: parameter.nameRange) }
        scope.declare(parameter.name, value)
      } else if let defaultValue = parameter.defaultValue {
        scope.declare(parameter.name, try evaluate(defaultValue, in: scope, context))
      } else {
        scope.declare(parameter.name, .null)
      }
    }
  }

  func withDepth<T>(_ range: SourceRange, _ body: () throws -> T) throws -> T {
    depth += 1
    defer { depth -= 1 }
    if depth > Self.maxCallDepth {
      throw GroovyError("java.lang.StackOverflowError", "Calls nested more than \(Self.maxCallDepth) deep", range: range)
    }
    return try body()
  }

  /// `receiver.name(arguments)`.
  public func invokeMethod(_ receiver: GValue, _ name: String, _ arguments: CallArguments, _ context: EvaluationContext, at range: SourceRange) throws -> GValue {
    let callRange = range
    if case .closure(let closure) = receiver, name == "call" || name == "doCall" {
      return try call(closure, arguments.groovyArguments, context)
    }
    if case .object(let object) = receiver {
      if let range = object as? RangeObject, name == "step", let c = arguments.closure {
        for value in try range.stepped(arguments.positional.first ?? .null) { _ = try call(c, [value], context) }
        return .null
      }
      do {
        return try object.invokeMethod(name, arguments, context)
      } catch let error as GroovyError where error.groovyClassName == "groovy.lang.MissingMethodException" {
        // Every object has `getClass`, `with`, `inspect`…; ranges and matchers answer list
        // methods too (`(1..3).collect { … }`, `m.each { … }`).
        if let result = try BuiltinMethods.invoke(receiver, name, arguments, self, context, at: callRange) { return result }
        guard let iterable = object as? GroovyIterable else { throw error }
        let list = GValue.list(GList(try iterable.groovyElements()))
        if name == "toList" { return list }
        if let result = try BuiltinMethods.invoke(list, name, arguments, self, context, at: callRange) { return result }
        throw error
      }
    }
    if let result = try BuiltinMethods.invoke(receiver, name, arguments, self, context, at: range) { return result }
    if receiver.isNull {
      var error = GroovyError.nullPointer("\(name)()")
      error.range = range
      throw error
    }
    // `map.key(…)` calls a closure stored in the map.
    if case .map(let map) = receiver, case .closure(let closure)? = map[string: name] {
      return try call(closure, arguments.groovyArguments, context)
    }
    var error = GroovyError.missingMethod(name, Groovy.className(receiver), arguments.groovyArguments.count)
    error.range = range
    throw error
  }

  // MARK: Properties

  /// `java.lang.Integer`, `groovy.json.JsonOutput`: a package-qualified static class.
  func qualifiedClass(_ access: PropertyAccess, in scope: Scope) -> GValue? {
    var names = [access.name]
    var current = access.base
    while case .property(let inner) = current.kind, inner.op == .dot {
      names.insert(inner.name, at: 0)
      current = inner.base
    }
    guard case .identifier(let root) = current.kind, Self.packageRoots.contains(root), scope.lookup(root) == nil else { return nil }
    return StaticClasses.lookup(([root] + names).joined(separator: ".")).map { .object($0) }
  }

  static let packageRoots: Set<String> = ["java", "javax", "groovy", "org", "com", "hudson", "jenkins"]

  func evaluateProperty(_ access: PropertyAccess, in scope: Scope, _ context: EvaluationContext, at range: SourceRange) throws -> GValue {
    if access.op == .dot, let cls = qualifiedClass(access, in: scope) { return cls }
    let base = try evaluate(access.base, in: scope, context)
    let name = try access.dynamicName.map { Groovy.string(try evaluate($0, in: scope, context)) } ?? access.name
    switch access.op {
    case .safe:
      if base.isNull { return .null }
    case .spread:
      if base.isNull { return .null }
      return .list(GList(try iterate(base, at: range).map { try getProperty($0, name, context, at: range) }))
    case .methodPointer:
      return .closure(GClosure(range: range) { [unowned self] arguments, context in
        try self.invokeMethod(base, name, arguments, context, at: range)
      })
    case .dot, .field:
      break
    }
    return try getProperty(base, name, context, at: range)
  }

  public func getProperty(_ base: GValue, _ name: String, _ context: EvaluationContext, at range: SourceRange) throws -> GValue {
    if name == "metaClass" { throw UnsupportedConstruct("Metaprogramming ('metaClass') is not supported", at: range) }
    switch base {
    case .map(let map):
      return try mapValue(map, .string(name), context)  // even `map.class` is a key, as in Groovy
    case .object(let object):
      return try object.getProperty(name, context)
    case .list(let list):
      if name == "class" { return .object(StaticClasses.classObject(list.javaClassName)) }
      if let value = try BuiltinMethods.property(base, name, self, context, at: range) { return value }
      // `list.name` collects the property of each element.
      return .list(GList(try list.items.map { try getProperty($0, name, context, at: range) }))
    case .null:
      var error = GroovyError("java.lang.NullPointerException", "Cannot get property '\(name)' on null object")
      error.range = range
      throw error
    default:
      if name == "class" { return .object(StaticClasses.classObject(Groovy.className(base))) }
      if let value = try BuiltinMethods.property(base, name, self, context, at: range) { return value }
      var error = GroovyError.missingProperty(name, Groovy.className(base))
      error.range = range
      throw error
    }
  }

  func setProperty(_ base: GValue, _ name: String, _ value: GValue, _ context: EvaluationContext, at range: SourceRange) throws {
    switch base {
    case .map(let map): map[string: name] = value
    case .closure(let closure) where name == "delegate": closure.delegate = value.isNull ? nil : value
    case .closure(let closure) where name == "resolveStrategy": closure.resolveStrategy = value
    case .object(let object): try object.setProperty(name, value, context)
    case .null:
      var error = GroovyError("java.lang.NullPointerException", "Cannot set property '\(name)' on null object")
      error.range = range
      throw error
    default:
      var error = GroovyError.readOnlyProperty(name, Groovy.className(base))
      error.range = range
      throw error
    }
  }

  // MARK: Indexing

  /// `map[key]`, `map.key`, `map.get(key)`: a missing key is null, or made by `withDefault`.
  func mapValue(_ map: GMap, _ key: GValue, _ context: EvaluationContext) throws -> GValue {
    if let value = map[key] { return value }
    guard let makeDefault = map.defaultValue else { return .null }
    let value = try call(makeDefault, [key], context)
    map[key] = value
    return value
  }

  public func getAt(_ base: GValue, _ indices: [GValue], _ context: EvaluationContext, at range: SourceRange) throws -> GValue {
    guard let index = indices.first else { return .null }
    switch base {
    case .list(let list):
      // `list[0, 2]`, `list[[0, 2]]`, `list[0, 2..3]`: the items at each index, ranges spread.
      if indices.count > 1 { return try getAt(base, [.list(GList(indices))], context, at: range) }
      if case .list(let positions) = index {
        var items: [GValue] = []
        for position in positions.items {
          let item = try getAt(base, [position], context, at: range)
          if case .object(let o) = position, o is RangeObject, case .list(let slice) = item { items += slice.items } else { items.append(item) }
        }
        return .list(GList(items))
      }
      if case .object(let o) = index, let r = o as? RangeObject { return .list(GList(try slice(list.items, r))) }
      guard case .int(let i) = index else { throw GroovyError.illegalArgument("List index must be an integer") }
      let n = list.items.count
      let position = i < 0 ? n + Int(i) : Int(i)
      return position >= 0 && position < n ? list.items[position] : .null
    case .map(let map):
      return try mapValue(map, index, context)
    case .string(let s):
      let characters = Array(s.unicodeScalars)  // Java indexes characters, `\r\n` is two
      if case .object(let o) = index, let r = o as? RangeObject { return .string(String(String.UnicodeScalarView(try slice(characters, r)))) }
      guard case .int(let i) = index else { throw GroovyError.illegalArgument("String index must be an integer") }
      let position = i < 0 ? characters.count + Int(i) : Int(i)
      guard position >= 0 && position < characters.count else {
        throw GroovyError("java.lang.StringIndexOutOfBoundsException", "String index out of range: \(i)", range: range)
      }
      return .string(String(characters[position]))
    case .object(let o):
      return try o.invokeMethod("getAt", CallArguments(positional: [index]), NullContext.shared)
    case .null:
      throw GroovyError("java.lang.NullPointerException", "Cannot invoke method getAt() on null object", range: range)
    default:
      throw GroovyError.missingMethod("getAt", Groovy.className(base), 1)
    }
  }

  /// `list[from..to]`/`string[from..<to]`: negative indices count from the end, a reversed
  /// range gives the items reversed, and `x[i..<i]` is empty.
  func slice<T>(_ items: [T], _ range: RangeObject) throws -> [T] {
    let n = Int64(items.count)
    let from = range.from < 0 ? n &+ range.from : range.from
    var to = range.to < 0 ? n &+ range.to : range.to
    if range.exclusive {
      if from == to {
        guard from >= 0, from <= n else { throw GroovyError("java.lang.IndexOutOfBoundsException", from < 0 ? "fromIndex = \(from)" : "toIndex = \(to)") }
        return []
      }
      to = from < to ? to - 1 : to + 1
    }
    guard from >= 0, from < n, to >= 0, to < n else {
      // Java's subList messages.
      let message = min(from, to) < 0 ? "fromIndex = \(min(from, to))" : "toIndex = \(max(from, to) &+ 1)"
      throw GroovyError("java.lang.IndexOutOfBoundsException", message)
    }
    return from <= to ? Array(items[Int(from)...Int(to)]) : Array(items[Int(to)...Int(from)].reversed())
  }

  func putAt(_ base: GValue, _ index: GValue, _ value: GValue, at range: SourceRange) throws {
    switch base {
    case .list(let list):
      guard case .int(let i) = index else { throw GroovyError.illegalArgument("List index must be an integer") }
      var position = Int(i)
      if position < 0 { position += list.items.count }
      guard position >= 0 else { throw GroovyError("java.lang.IndexOutOfBoundsException", "Index: \(i)", range: range) }
      while list.items.count <= position { list.items.append(.null) }
      list.items[position] = value
    case .map(let map):
      map[index] = value
    case .object(let o):
      _ = try o.invokeMethod("putAt", CallArguments(positional: [index, value]), NullContext.shared)
    default:
      throw GroovyError.missingMethod("putAt", Groovy.className(base), 2)
    }
  }

  // MARK: new

  func construct(_ instance: NewInstance, in scope: Scope, _ context: EvaluationContext, at range: SourceRange) throws -> GValue {
    if instance.body != nil {
      throw UnsupportedConstruct("Anonymous classes are not supported", at: range)
    }
    let arguments = try instance.arguments.map { try evaluate($0.value, in: scope, context) }
    if !instance.arrayDimensions.isEmpty || instance.type.arrayDimensions > 0 {
      return .list(GList(try instance.arrayDimensions.map { try evaluate($0, in: scope, context) }))
    }
    if let cls = classes[instance.type.name] { return try cls.instantiate(arguments, context, at: range) }
    if let value = try StaticClasses.construct(instance.type.name, arguments, at: range) { return value }
    try rejectScriptType(instance.type.name, at: range)
    throw UnsupportedConstruct("Creating a '\(instance.type.name)' is not supported", at: range)
  }
}

/// `this` in a script: method calls and properties resolve like unqualified names.
final class ScriptObject: GObject {
  let interpreter: Interpreter
  let scope: Scope

  init(interpreter: Interpreter, scope: Scope) {
    self.interpreter = interpreter
    self.scope = scope
  }

  var groovyClassName: String { "WorkflowScript" }

  func getProperty(_ name: String, _ context: EvaluationContext) throws -> GValue {
    try interpreter.resolve(name, in: scope, context, at: SourceRange.point(0))
  }

  func setProperty(_ name: String, _ value: GValue, _ context: EvaluationContext) throws {
    interpreter.binding.declare(name, value)
  }

  func invokeMethod(_ name: String, _ arguments: CallArguments, _ context: EvaluationContext) throws -> GValue {
    try interpreter.callUnqualified(name, arguments, in: scope, context, at: SourceRange.point(0))
  }

  var groovyDescription: String { "WorkflowScript@1" }
}

/// A context for operations that cannot be interrupted (they do not loop or call out).
final class NullContext: EvaluationContext {
  nonisolated(unsafe) static let shared = NullContext()
  func checkInterrupted() throws {}
}
