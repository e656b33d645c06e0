import CarsonSyntax
import Foundation

// Expressions: literals, names, operators, assignment.

extension Interpreter {
  public func evaluate(_ expr: Expr, in scope: Scope, _ context: EvaluationContext) throws -> GValue {
    switch expr.kind {
    case .identifier(let name):
      return try resolve(name, in: scope, context, at: expr.range)
    case .this:
      // Inside a method of a library class, `this` is the instance (see ScriptClass).
      if let instance = scope.lookup(ScriptClass.thisVariable) { return instance }
      return .object(ScriptObject(interpreter: self, scope: scope))
    case .null: return .null
    case .boolean(let b): return .bool(b)
    case .integer(let written):
      if let i = IntegerLiteral.parse(written, negative: false) { return .int(i) }
      return .decimal(Decimal(string: written.filter(\.isNumber)) ?? 0)
    case .decimal(let written):
      // `1.10` keeps its scale; `1.5d`/`1.5f` are doubles, which print their shortest digits.
      var digits = written.filter { $0 != "_" }
      var isDouble = false
      if let last = digits.last, "dDfFgG".contains(last) {
        isDouble = !"gG".contains(last)
        digits.removeLast()
      }
      guard let number = GDecimal(string: digits) else {
        throw UnsupportedConstruct("The number '\(written)' is not supported", at: expr.range)
      }
      return .decimal(isDouble ? GDecimal(double: number.doubleValue) : number)
    case .string(let literal):
      return .string(try interpolate(literal, in: scope, context))
    case .list(let items):
      return .list(GList(try evaluateElements(items, in: scope, context)))
    case .map(let entries):
      let map = GMap()
      for entry in entries {
        switch entry.key {
        case .name(let name, let range):
          // The parser keeps `[1: 'one']` keys as names; Groovy's key is the integer.
          let number = source.text(range).first?.isNumber == true ? IntegerLiteral.parse(source.text(range), negative: false) : nil
          map[number.map { .int($0) } ?? .string(name)] = try evaluate(entry.value, in: scope, context)
        case .expression(let key):
          if isGString(key) {
            map[gstring: Groovy.string(try evaluate(key, in: scope, context))] = try evaluate(entry.value, in: scope, context)
          } else {
            map[try evaluate(key, in: scope, context)] = try evaluate(entry.value, in: scope, context)
          }
        case .spread:
          if case .map(let other) = try evaluate(entry.value, in: scope, context) {
            for (k, v) in other.entries { map[k] = v }
          }
        }
      }
      return .map(map)
    case .closure(let c):
      let closure = GClosure(parameters: c.parameters, hasArrow: c.hasArrow, body: c.body, scope: scope, range: c.range)
      closure.owner = self
      return .closure(closure)
    case .property(let access):
      return try evaluateProperty(access, in: scope, context, at: expr.range)
    case .index(let base, let arguments, let isSafe):
      let target = try evaluate(base, in: scope, context)
      if isSafe, target.isNull { return .null }
      let indices = try arguments.map { try evaluate($0, in: scope, context) }
      return try getAt(target, indices, context, at: expr.range)
    case .call(let call):
      return try evaluateCall(call, in: scope, context, at: expr.range)
    case .prefix(let op, let operand):
      return try evaluatePrefix(op, operand, in: scope, context, at: expr.range)
    case .postfix(let op, let operand):
      let old = try evaluate(operand, in: scope, context)
      let new = try op == .increment ? Groovy.plus(old, .int(1)) : Groovy.minus(old, .int(1))
      try assign(new, to: operand, in: scope, context)
      return old
    case .binary(let op, let lhs, let rhs):
      return try evaluateBinary(op, lhs, rhs, in: scope, context, at: expr.range)
    case .ternary(let condition, let then, let otherwise):
      return Groovy.truthy(try evaluate(condition, in: scope, context))
        ? try evaluate(then, in: scope, context) : try evaluate(otherwise, in: scope, context)
    case .elvis(let lhs, let rhs):
      let value = try evaluate(lhs, in: scope, context)
      return Groovy.truthy(value) ? value : try evaluate(rhs, in: scope, context)
    case .assignment(let op, let target, let valueExpr):
      var value = try evaluate(valueExpr, in: scope, context)
      if op != .assign {
        let current = try evaluate(target, in: scope, context)
        value = try compound(op, current, value, context, at: expr.range)
      }
      try assign(value, to: target, in: scope, context)
      return value
    case .asType(let operand, let type), .cast(let type, let operand):
      return try Conversions.convert(try evaluate(operand, in: scope, context), to: type, at: expr.range)
    case .instanceOf(let operand, let type, let negated):
      var result = Conversions.isInstance(try evaluate(operand, in: scope, context), of: type.name)
      // A GString literal is a GString, not a String (`"${x}" instanceof String` is false).
      if isGString(operand) { result = ["GString", "groovy.lang.GString", "Object", "CharSequence", "Comparable"].contains(type.name) }
      return .bool(negated ? !result : result)
    case .new(let instance):
      return try construct(instance, in: scope, context, at: expr.range)
    case .range(let from, let to, let exclusive):
      let lower = try evaluate(from, in: scope, context)
      let upper = try evaluate(to, in: scope, context)
      return .object(try RangeObject(lower, upper, exclusive: exclusive, at: expr.range))
    case .sequence(let items):
      var last = GValue.null
      for item in items { last = try evaluate(item, in: scope, context) }
      return last
    case .type(let type):
      if let cls = StaticClasses.lookup(type.name) { return .object(cls) }
      // Types `instanceof` knows can be values for `case Map:` and `x.class == List`.
      if let package = Conversions.knownTypes[type.name] { return .object(StaticClasses.classObject("\(package).\(type.name)")) }
      try rejectScriptType(type.name, at: expr.range)
      throw UnsupportedConstruct("The type '\(type.name)' cannot be used as a value here", at: expr.range)
    case .spread:
      throw UnsupportedConstruct("The spread operator '*' is only supported in argument and list positions", at: expr.range)
    case .tuple:
      throw UnsupportedConstruct("A tuple '(a, b)' is only supported on the left of '='", at: expr.range)
    case .super:
      throw UnsupportedConstruct("'super' is not supported", at: expr.range)
    case .missing:
      throw UnsupportedConstruct("This expression has a syntax error", at: expr.range)
    }
  }

  /// Items of a list literal or argument list, expanding `*spread` elements.
  func evaluateElements(_ items: [Expr], in scope: Scope, _ context: EvaluationContext) throws -> [GValue] {
    var values: [GValue] = []
    for item in items {
      if case .spread(let inner) = item.kind {
        values += try iterate(try evaluate(inner, in: scope, context), at: item.range)
      } else {
        values.append(try evaluate(item, in: scope, context))
      }
    }
    return values
  }

  /// Whether an expression is a GString literal (`"v${x}"`). Carson turns GStrings into
  /// strings at once; only map keys remember they were GStrings (see `GMap`).
  func isGString(_ expr: Expr) -> Bool {
    if case .string(let literal) = expr.kind { return literal.plainValue == nil }
    return false
  }

  /// A GString's text: each `${…}`/`$x` part converted with `toString()`.
  func interpolate(_ literal: StringLiteral, in scope: Scope, _ context: EvaluationContext) throws -> String {
    if let plain = literal.plainValue { return plain }
    var out = ""
    for part in literal.parts {
      switch part {
      case .text(let text, _): out += text
      case .interpolation(let expr, _, _): out += Groovy.string(try evaluate(expr, in: scope, context))
      }
    }
    return out
  }

  // MARK: Names

  /// A bare name: local variable, then a property of the delegate inside `x.with { … }`, then
  /// script variable, then a host global (`env`, `params`, environment variables), then a
  /// static class (`Integer`, `Math`) or type (`Map`).
  func resolve(_ name: String, in scope: Scope, _ context: EvaluationContext, at range: SourceRange) throws -> GValue {
    if let value = localVariable(name, in: scope) { return value }
    for delegate in delegates(of: scope) {
      if let value = try delegateProperty(delegate, name, context, at: range) { return value }
    }
    if let value = scope.lookup(name) { return value }
    if let value = try host.globalVariable(name, context) { return value }
    if let cls = StaticClasses.lookup(name) { return .object(cls) }
    if let package = Conversions.knownTypes[name] { return .object(StaticClasses.classObject("\(package).\(name)")) }
    if functions[name] != nil {
      return .closure(GClosure(range: range) { [unowned self] arguments, context in
        try self.callFunction(name, arguments.groovyArguments, context, at: range)
      })
    }
    try rejectScriptType(name, at: range)
    var error = GroovyError.missingProperty(name, "groovy.lang.Binding")
    error.range = range
    throw error
  }

  /// An assertion's expression as Groovy prints it: binary operations in parentheses.
  func assertionText(_ expr: Expr) -> String {
    if case .binary(let op, let lhs, let rhs) = expr.kind { return "(\(assertionText(lhs)) \(op.rawValue) \(assertionText(rhs)))" }
    return source.text(expr.range)
  }

  /// Classes, enums and interfaces declared in the script are not run: using one stops with
  /// UnsupportedConstruct rather than Groovy's "no such property".
  func rejectScriptType(_ name: String, at range: SourceRange) throws {
    for statement in tree.statements {
      if case .typeDecl(let type) = statement.kind, type.name == name {
        throw UnsupportedConstruct("The \(type.kind.rawValue) '\(name)' is declared in the script; Carson does not support declaring types", at: range)
      }
    }
  }

  // MARK: Delegates

  /// The delegates of the closures around `scope`, innermost first (usually none).
  func delegates(of scope: Scope) -> [GValue] {
    var found: [GValue] = []
    var current: Scope? = scope
    while let s = current {
      if let delegate = s.delegate { found.append(delegate) }
      current = s.parent
    }
    return found
  }

  /// A variable declared in the code around `scope` (not a script binding variable, which a
  /// delegate's property hides).
  func localVariable(_ name: String, in scope: Scope) -> GValue? {
    var current: Scope? = scope
    while let s = current, s !== binding {
      if let value = s.variables[name] { return value }
      current = s.parent
    }
    return nil
  }

  /// A delegate's property, or nil when it has none. A map has every property (a missing key
  /// reads as null), as in Groovy.
  func delegateProperty(_ delegate: GValue, _ name: String, _ context: EvaluationContext, at range: SourceRange) throws -> GValue? {
    if case .map = delegate { return try getProperty(delegate, name, context, at: range) }
    do {
      return try getProperty(delegate, name, context, at: range)
    } catch let error as GroovyError where error.groovyClassName == "groovy.lang.MissingPropertyException" {
      return nil
    }
  }

  func delegateHasProperty(_ delegate: GValue, _ name: String, _ context: EvaluationContext) throws -> Bool {
    if case .map = delegate { return true }
    return try delegateProperty(delegate, name, context, at: SourceRange.point(0)) != nil
  }

  func assign(_ value: GValue, to target: Expr, in scope: Scope, _ context: EvaluationContext) throws {
    switch target.kind {
    case .identifier(let name):
      if localVariable(name, in: scope) == nil, let delegate = try delegates(of: scope).first(where: { try delegateHasProperty($0, name, context) }) {
        try setProperty(delegate, name, value, context, at: target.range)
        return
      }
      if !scope.assign(name, value) { binding.declare(name, value) }
    case .property(let access):
      let base = try evaluate(access.base, in: scope, context)
      let name = try access.dynamicName.map { Groovy.string(try evaluate($0, in: scope, context)) } ?? access.name
      try setProperty(base, name, value, context, at: target.range)
    case .index(let baseExpr, let indices, _):
      let base = try evaluate(baseExpr, in: scope, context)
      guard let first = indices.first else { return }
      try putAt(base, try evaluate(first, in: scope, context), value, at: target.range)
    case .tuple(let targets):
      let items: [GValue]
      if case .list(let list) = value { items = list.items } else { items = [value] }
      for (i, t) in targets.enumerated() { try assign(i < items.count ? items[i] : .null, to: t, in: scope, context) }
    default:
      throw UnsupportedConstruct("Cannot assign to this expression", at: target.range)
    }
  }

  // MARK: Operators

  func evaluatePrefix(_ op: PrefixOperator, _ operand: Expr, in scope: Scope, _ context: EvaluationContext, at range: SourceRange) throws -> GValue {
    let value = try evaluate(operand, in: scope, context)
    switch op {
    case .not: return .bool(!Groovy.truthy(value))
    case .plus: return value
    case .negate: return try negate(value)
    case .bitwiseNot:
      if case .string(let pattern) = value { return .object(try PatternObject(pattern, at: range)) }
      if case .int(let i) = value { return .int(~i) }
      throw GroovyError.illegalArgument("Cannot apply ~ to \(Groovy.className(value))")
    case .increment, .decrement:
      let new = try op == .increment ? Groovy.plus(value, .int(1)) : Groovy.minus(value, .int(1))
      try assign(new, to: operand, in: scope, context)
      return new
    }
  }

  /// Unary minus (`-x`, `x.negate()`); a list negates each element, as in Groovy.
  func negate(_ value: GValue) throws -> GValue {
    switch value {
    case .int(let i): return .int(0 &- i)
    case .decimal(let d): return .decimal(-d)
    case .list(let l): return .list(GList(try l.items.map(negate)))
    default: throw GroovyError.missingMethod("negative", Groovy.className(value), 0)
    }
  }

  func evaluateBinary(_ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr, in scope: Scope, _ context: EvaluationContext, at range: SourceRange) throws -> GValue {
    switch op {
    case .and:
      guard Groovy.truthy(try evaluate(lhs, in: scope, context)) else { return .bool(false) }
      return .bool(Groovy.truthy(try evaluate(rhs, in: scope, context)))
    case .or:
      if Groovy.truthy(try evaluate(lhs, in: scope, context)) { return .bool(true) }
      return .bool(Groovy.truthy(try evaluate(rhs, in: scope, context)))
    default: break
    }
    let a = try evaluate(lhs, in: scope, context)
    let b = try evaluate(rhs, in: scope, context)
    return try binary(op, a, b, context, at: range)
  }

  func binary(_ op: BinaryOperator, _ a: GValue, _ b: GValue, _ context: EvaluationContext, at range: SourceRange) throws -> GValue {
    switch op {
    case .plus: return try representable(try Groovy.plus(a, b), a, b, at: range)
    case .minus: return try representable(try Groovy.minus(a, b), a, b, at: range)
    case .multiply: return try representable(try Groovy.multiply(a, b), a, b, at: range)
    case .divide: return try representable(try Groovy.divide(a, b), a, b, at: range)
    case .remainder: return try Groovy.remainder(a, b)
    case .power: return try representable(try Groovy.power(a, b), a, b, at: range)
    case .equal: return .bool(Groovy.equals(a, b))
    case .notEqual: return .bool(!Groovy.equals(a, b))
    case .identical: return .bool(identical(a, b))
    case .notIdentical: return .bool(!identical(a, b))
    case .less, .lessEqual, .greater, .greaterEqual, .compare:
      guard let order = Groovy.compare(a, b) else {
        throw GroovyError("groovy.lang.GroovyRuntimeException", "Cannot compare \(Groovy.className(a)) with value '\(Groovy.string(a))' and \(Groovy.className(b)) with value '\(Groovy.string(b))'")
      }
      switch op {
      case .less: return .bool(order < 0)
      case .lessEqual: return .bool(order <= 0)
      case .greater: return .bool(order > 0)
      case .greaterEqual: return .bool(order >= 0)
      default: return .int(Int64(order))
      }
    case .in: return .bool(try isCase(b, a, context))
    case .find: return .object(try MatcherObject(Groovy.string(a), pattern: patternText(b), at: range))
    case .match: return .bool(try PatternObject(patternText(b), at: range).matchesWhole(Groovy.string(a)))
    case .shiftLeft where isClosure(a) && isClosure(b), .shiftRight where isClosure(a) && isClosure(b):
      // Composition: `f >> g` is `{ g(f(it)) }`, `f << g` is `{ f(g(it)) }`.
      guard case .closure(let f) = a, case .closure(let g) = b else { throw Groovy.operatorError(op.rawValue, a, b) }
      let (first, second) = op == .shiftRight ? (f, g) : (g, f)
      return .closure(GClosure(range: first.range) { [unowned self] arguments, context in
        try self.call(second, [try self.call(first, arguments.positional, context)], context)
      })
    case .shiftLeft:
      if case .list(let list) = a {
        list.items.append(b)
        return a
      }
      if case .map(let map) = a {
        // `map << [k: v]` puts the entries (or one entry) and gives the map.
        if case .map(let other) = b { for (k, v) in other.entries { map[k] = v } } else if let entry = b.mapEntry { map[entry.key] = entry.value } else {
          throw Groovy.operatorError("leftShift", a, b)
        }
        return a
      }
      if case .int(let x) = a, case .int(let y) = b { return .int(x << (y & 63)) }  // Java masks long shifts
      if case .object(let o) = a, let builder = o as? StringBuilderObject {
        builder.text += Groovy.string(b)
        return a
      }
      throw Groovy.operatorError("leftShift", a, b)
    case .shiftRight, .unsignedShiftRight, .bitwiseAnd, .bitwiseOr, .bitwiseXor:
      if case .bool(let x) = a, case .bool(let y) = b, op == .bitwiseAnd || op == .bitwiseOr || op == .bitwiseXor {
        return .bool(op == .bitwiseAnd ? x && y : op == .bitwiseOr ? x || y : x != y)
      }
      let methods: [BinaryOperator: String] = [.shiftRight: "rightShift", .unsignedShiftRight: "rightShiftUnsigned", .bitwiseAnd: "and", .bitwiseOr: "or", .bitwiseXor: "xor"]
      guard case .int(let x) = a, case .int(let y) = b else { throw Groovy.operatorError(methods[op] ?? op.rawValue, a, b) }
      switch op {
      case .shiftRight: return .int(x >> (y & 63))
      case .unsignedShiftRight: return .int(Int64(bitPattern: UInt64(bitPattern: x) >> UInt64(y & 63)))
      case .bitwiseAnd: return .int(x & y)
      case .bitwiseOr: return .int(x | y)
      default: return .int(x ^ y)
      }
    case .and, .or: return .bool(false)  // handled above (short-circuit)
    }
  }

  func isClosure(_ value: GValue) -> Bool {
    if case .closure = value { return true }
    return false
  }

  /// A BigDecimal result beyond `Decimal`'s 38 digits and ±127 exponent comes back NaN; Java
  /// would have the exact value, so stop rather than carry on with a wrong number.
  func representable(_ result: GValue, _ a: GValue, _ b: GValue, at range: SourceRange) throws -> GValue {
    guard case .decimal(let d) = result, d.value.isNaN else { return result }
    for operand in [a, b] { if case .decimal(let x) = operand, x.value.isNaN { return result } }
    throw UnsupportedConstruct("This result is too large for Carson's decimal numbers (38 digits)", at: range)
  }

  func patternText(_ value: GValue) -> String {
    if case .object(let o) = value, let pattern = o as? PatternObject { return pattern.pattern }
    return Groovy.string(value)
  }

  func identical(_ a: GValue, _ b: GValue) -> Bool {
    switch (a, b) {
    case (.list(let x), .list(let y)): return x === y
    case (.map(let x), .map(let y)): return x === y
    case (.object(let x), .object(let y)): return x === y
    case (.closure(let x), .closure(let y)): return x === y
    default: return Groovy.equals(a, b)
    }
  }

  func compound(_ op: AssignmentOperator, _ current: GValue, _ value: GValue, _ context: EvaluationContext, at range: SourceRange) throws -> GValue {
    switch op {
    case .assign: return value
    case .plus: return try binary(.plus, current, value, context, at: range)
    case .minus: return try binary(.minus, current, value, context, at: range)
    case .multiply: return try binary(.multiply, current, value, context, at: range)
    case .divide: return try binary(.divide, current, value, context, at: range)
    case .remainder: return try binary(.remainder, current, value, context, at: range)
    case .power: return try binary(.power, current, value, context, at: range)
    case .elvis: return Groovy.truthy(current) ? current : value
    case .bitwiseAnd: return try binary(.bitwiseAnd, current, value, context, at: range)
    case .bitwiseOr: return try binary(.bitwiseOr, current, value, context, at: range)
    case .bitwiseXor: return try binary(.bitwiseXor, current, value, context, at: range)
    case .shiftLeft: return try binary(.shiftLeft, current, value, context, at: range)
    case .shiftRight: return try binary(.shiftRight, current, value, context, at: range)
    case .unsignedShiftRight: return try binary(.unsignedShiftRight, current, value, context, at: range)
    }
  }
}
