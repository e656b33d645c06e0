import Foundation

/// Groovy's rules for the basic operations: truth, equality, ordering, printing, arithmetic.
public enum Groovy {
  // MARK: Truth

  /// Groovy truth: null, false, 0, "" and empty collections are false.
  public static func truthy(_ value: GValue) -> Bool {
    switch value {
    case .null: return false
    case .bool(let b): return b
    case .int(let i): return i != 0
    case .decimal(let d): return !d.value.isZero
    case .string(let s): return !s.isEmpty
    case .list(let l): return !l.items.isEmpty
    case .map(let m): return m.count > 0
    case .closure: return true
    case .object(let o): return (o as? GroovyTruth)?.groovyTruth ?? true
    }
  }

  // MARK: Printing

  /// `toString()` as Groovy prints values (`[a, b]`, `[k:v]`, `null`).
  public static func string(_ value: GValue) -> String {
    switch value {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .decimal(let d): return d.description
    case .string(let s): return s
    case .list(let l): return "[" + l.items.map(inspectInCollection).joined(separator: ", ") + "]"
    case .map(let m):
      if m.count == 0 { return "[:]" }
      return "[" + m.entries.map { "\(inspectInCollection($0.0)):\(inspectInCollection($0.1))" }.joined(separator: ", ") + "]"
    case .closure: return "Script1$_run_closure1@1"
    case .object(let o): return o.groovyDescription
    }
  }

  /// An element inside a printed collection: as `toString()`, except that a range inside a
  /// collection prints as `1..3` (Groovy's formatter special-cases ranges there).
  static func inspectInCollection(_ value: GValue) -> String {
    if case .object(let range as RangeObject) = value { return range.rangeText }
    return string(value)
  }

  /// `inspect()`: like `toString()` but strings are quoted (`['a':1]`).
  static func inspect(_ value: GValue) -> String {
    switch value {
    case .string(let s): return "'" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    case .list(let l): return "[" + l.items.map(inspect).joined(separator: ", ") + "]"
    case .map(let m):
      if m.count == 0 { return "[:]" }
      return "[" + m.entries.map { "\(inspect($0.0)):\(inspect($0.1))" }.joined(separator: ", ") + "]"
    default: return string(value)
    }
  }

  /// A string's Java characters, one string each (by Unicode scalar, so `\r\n` is two).
  static func characters(_ s: String) -> [GValue] { s.unicodeScalars.map { .string(String($0)) } }

  // MARK: Equality and order

  public static func equals(_ a: GValue, _ b: GValue) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.null, _), (_, .null): return false
    case (.bool(let x), .bool(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.list(let x), .list(let y)):
      return x === y || (x.items.count == y.items.count && zip(x.items, y.items).allSatisfy { equals($0, $1) })
    case (.map(let x), .map(let y)):
      return x === y || (x.count == y.count && x.entries.allSatisfy { k, v in y[k].map { equals(v, $0) } ?? false })
    case (.closure(let x), .closure(let y)): return x === y
    case (.object(let x), .object(let y)):
      if let e = x as? GroovyEquatable { return e.groovyEquals(b) }
      return x === y
    case (.object(let x), _):
      return (x as? GroovyEquatable)?.groovyEquals(b) ?? false
    default:
      if let x = number(a), let y = number(b) { return x == y }
      return false
    }
  }

  /// Java's `equals`, which `List.contains` and `in` use: stricter than `==` for numbers, as an
  /// integer never equals a BigDecimal and BigDecimals must agree in scale (`1.0 in [1]` is false).
  public static func javaEquals(_ a: GValue, _ b: GValue) -> Bool {
    switch (a, b) {
    case (.decimal(let x), .decimal(let y)): return x == y && x.scale == y.scale
    case (.decimal, .int), (.int, .decimal): return false
    case (.list(let x), .list(let y)): return x === y || (x.items.count == y.items.count && zip(x.items, y.items).allSatisfy { javaEquals($0, $1) })
    default: return equals(a, b)
    }
  }

  /// `<=>`; nil when the values are not comparable.
  public static func compare(_ a: GValue, _ b: GValue) -> Int? {
    switch (a, b) {
    case (.null, .null): return 0
    case (.null, _): return -1
    case (_, .null): return 1
    case (.string(let x), .string(let y)): return x < y ? -1 : (x == y ? 0 : 1)
    case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
    default:
      if let x = number(a), let y = number(b) { return x < y ? -1 : (x == y ? 0 : 1) }
      return nil
    }
  }

  public static func number(_ value: GValue) -> Decimal? { bigDecimal(value)?.value }

  /// A number as a BigDecimal (an integer has scale 0), as Groovy widens mixed arithmetic.
  static func bigDecimal(_ value: GValue) -> GDecimal? {
    switch value {
    case .int(let i): return GDecimal(i)
    case .decimal(let d): return d
    default: return nil
    }
  }

  // MARK: Arithmetic

  /// Integers with integers stay integers and wrap on overflow like Java's `long` (Carson does
  /// not tell `int` from `long`, so 32-bit `int` overflow is not reproduced); anything with a
  /// BigDecimal is a BigDecimal.
  static func arithmetic(_ a: GValue, _ b: GValue, _ intOp: (Int64, Int64) -> Int64, _ decimalOp: (GDecimal, GDecimal) -> GDecimal) -> GValue? {
    if case .int(let x) = a, case .int(let y) = b { return .int(intOp(x, y)) }
    if let x = bigDecimal(a), let y = bigDecimal(b) { return .decimal(decimalOp(x, y)) }
    return nil
  }

  public static func plus(_ a: GValue, _ b: GValue) throws -> GValue {
    switch (a, b) {
    case (.string(let x), _): return .string(x + string(b))
    case (.list(let x), .list(let y)): return .list(GList(x.items + y.items))
    case (.list(let x), _): return .list(GList(x.items + [b]))
    case (.map(let x), .map(let y)):
      let merged = GMap(x.entries)
      for (k, v) in y.entries { merged[k] = v }
      return .map(merged)
    case (_, .string(let y)) where a.isScalar || a.isNull: return .string(string(a) + y)
    case (.null, _): throw GroovyError("java.lang.NullPointerException", "Cannot execute null+\(string(b))")
    default:
      if let r = arithmetic(a, b, { $0 &+ $1 }, { $0 + $1 }) { return r }
      throw operatorError("plus", a, b)
    }
  }

  public static func minus(_ a: GValue, _ b: GValue) throws -> GValue {
    switch (a, b) {
    case (.string(let x), _):
      let removed = string(b)
      guard let r = x.range(of: removed) else { return a }
      return .string(x.replacingCharacters(in: r, with: ""))
    case (.list(let x), .list(let y)): return .list(GList(x.items.filter { item in !y.items.contains { equals($0, item) } }))
    case (.list(let x), _): return .list(GList(x.items.filter { !equals($0, b) }))
    case (.map(let x), .map(let y)):
      // Removes the entries found in both with equal values.
      return .map(GMap(x.entries.filter { k, v in !(y[k].map { equals($0, v) } ?? false) }))
    default:
      if let r = arithmetic(a, b, { $0 &- $1 }, { $0 - $1 }) { return r }
      throw operatorError("minus", a, b)
    }
  }

  public static func multiply(_ a: GValue, _ b: GValue) throws -> GValue {
    if case .string(let s) = a, case .int(let n) = b {
      try checkSize(s.utf16.count, times: n)
      return .string(String(repeating: s, count: max(0, Int(n))))
    }
    if case .list(let l) = a, case .int(let n) = b {
      try checkSize(l.items.count, times: n)
      return .list(GList(Array([[GValue]](repeating: l.items, count: max(0, Int(n))).joined())))
    }
    if let r = arithmetic(a, b, { $0 &* $1 }, { $0 * $1 }) { return r }
    throw operatorError("multiply", a, b)
  }

  /// Repetition (`'-' * n`) that would not fit in memory fails as Java does, instead of
  /// taking the process down.
  static func checkSize(_ count: Int, times n: Int64) throws {
    let (total, overflow) = Int64(count).multipliedReportingOverflow(by: max(0, n))
    if overflow || total > 100_000_000 { throw GroovyError("java.lang.OutOfMemoryError", "Java heap space") }
  }

  /// Groovy's `/` always gives a BigDecimal, even for integers (`1 / 2 == 0.5`, `4 / 2` is the
  /// BigDecimal `2`); see `GDecimal./` for the scale.
  public static func divide(_ a: GValue, _ b: GValue) throws -> GValue {
    guard let x = bigDecimal(a), let y = bigDecimal(b) else { throw operatorError("div", a, b) }
    if y.value.isZero { throw GroovyError("java.lang.ArithmeticException", "Division by zero") }
    return .decimal(x / y)
  }

  /// `%` is only defined on integers in Groovy 2.4 (`5.5 % 2` fails).
  public static func remainder(_ a: GValue, _ b: GValue) throws -> GValue {
    guard case .int(let x) = a, case .int(let y) = b else {
      if number(a) != nil && number(b) != nil { throw unsupportedNumberOperation("mod", a) }
      throw operatorError("mod", a, b)
    }
    if y == 0 { throw GroovyError("java.lang.ArithmeticException", "/ by zero") }
    return .int(x.remainderReportingOverflow(dividingBy: y).partialValue)
  }

  static func unsupportedNumberOperation(_ name: String, _ value: GValue) -> GroovyError {
    GroovyError("java.lang.UnsupportedOperationException", "Cannot use \(name)() on this number type: \(className(value)) with value: \(string(value))")
  }

  /// `**` as Groovy's `power` methods: integer powers stay exact (growing past `long` into a big
  /// integer), `BigDecimal ** n` keeps Java's scale, anything else goes through `Math.pow` and
  /// comes back as an integer when the result is whole (`4 ** 0.5 == 2`).
  public static func power(_ a: GValue, _ b: GValue) throws -> GValue {
    if case .int(let x) = a, case .int(let y) = b, y >= 0 {
      if x == 0 || x == 1 { return .int(y == 0 ? 1 : x) }
      if x == -1 { return .int(y % 2 == 0 ? 1 : -1) }
      var result: Int64 = 1
      for _ in 0..<y {
        let (r, overflow) = result.multipliedReportingOverflow(by: x)
        if overflow { return .decimal(pow(Decimal(x), Int(y))) }
        result = r
      }
      return .int(result)
    }
    if case .decimal(let x) = a, case .int(let y) = b, y >= 0, y < 1000 { return .decimal(x.power(Int(y))) }
    guard let x = bigDecimal(a), let y = bigDecimal(b) else { throw operatorError("power", a, b) }
    let answer = Foundation.pow(x.doubleValue, y.doubleValue)
    if answer == answer.rounded(), abs(answer) < 9.2e18 { return .int(Int64(answer)) }
    return .decimal(GDecimal(double: answer))
  }

  static func operatorError(_ name: String, _ a: GValue, _ b: GValue) -> GroovyError {
    if a.isNull { return GroovyError.nullPointer("\(name)()") }
    return GroovyError(
      "groovy.lang.MissingMethodException",
      "No signature of method: \(className(a)).\(name)() is applicable for argument types: (\(className(b))) values: [\(string(b))]")
  }

  /// The Java class of a value, as Groovy error messages print it.
  public static func className(_ value: GValue) -> String {
    switch value {
    case .null: return "null"
    case .bool: return "java.lang.Boolean"
    case .int(let i): return i >= Int64(Int32.min) && i <= Int64(Int32.max) ? "java.lang.Integer" : "java.lang.Long"
    case .decimal: return "java.math.BigDecimal"
    case .string: return "java.lang.String"
    case .list(let list): return list.javaClassName
    case .map: return "java.util.LinkedHashMap"
    case .closure: return "groovy.lang.Closure"
    case .object(let o): return o.groovyClassName
    }
  }
}

extension GValue {
  /// Strings, numbers, booleans: values that `+` with a string concatenates.
  var isScalar: Bool {
    switch self {
    case .int, .decimal, .bool: return true
    default: return false
    }
  }
}

extension Decimal {
  func rounded(_ scale: Int, _ mode: NSDecimalNumber.RoundingMode = .plain) -> Decimal {
    var value = self
    var result = Decimal()
    // Decimal's exponent stays within ±128: rounding further out changes nothing.
    NSDecimalRound(&result, &value, max(-130, min(130, scale)), mode)
    return result
  }
}

/// Host objects with their own Groovy truth (an exhausted matcher is false).
public protocol GroovyTruth {
  var groovyTruth: Bool { get }
}

/// Host objects compared by value (`Result.SUCCESS == 'SUCCESS'`-style comparisons).
public protocol GroovyEquatable {
  func groovyEquals(_ other: GValue) -> Bool
}
