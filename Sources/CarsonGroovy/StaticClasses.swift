import CarsonSyntax
import Foundation

/// `as`, casts and `instanceof` for the types Jenkinsfiles use.
public enum Conversions {
  /// `as`/casts to a written type: arrays (`as int[]`, `String[] a = …`) are lists whose
  /// elements are converted.
  public static func convert(_ value: GValue, to type: TypeName, at range: SourceRange) throws -> GValue {
    guard type.arrayDimensions > 0 else { return try convert(value, to: type.name, at: range) }
    if value.isNull { return .null }
    let items: [GValue]
    switch value {
    case .list(let l): items = l.items
    case .string(let s): items = Groovy.characters(s)
    case .object(let o as GroovyIterable): items = try o.groovyElements()
    default: items = [value]
    }
    var element = type
    element.arrayDimensions -= 1
    return .list(GList(try items.map { try element.name == "Object" && element.arrayDimensions == 0 ? $0 : convert($0, to: element, at: range) }))
  }

  public static func convert(_ value: GValue, to type: String, at range: SourceRange) throws -> GValue {
    let simple = type.split(separator: ".").last.map(String.init) ?? type
    switch simple {
    case "String", "GString", "CharSequence":
      return value.isNull ? .null : .string(Groovy.string(value))
    case "int", "Integer", "long", "Long", "short", "Short", "byte", "Byte", "BigInteger":
      switch value {
      case .int: return value
      case .decimal(let d): return .int(d.int64Value)
      case .string(let s):
        guard let i = Int64(s.trimmingCharacters(in: .whitespaces)) else {
          throw GroovyError("java.lang.NumberFormatException", "For input string: \"\(s)\"", range: range)
        }
        return .int(i)
      case .bool(let b): return .int(b ? 1 : 0)
      case .null: return .null
      default: throw castError(value, simple, range)
      }
    case "double", "Double", "float", "Float", "BigDecimal", "Number":
      // Doubles are BigDecimals with the digits Java prints for the double (see GDecimal).
      let isDouble = simple != "BigDecimal" && simple != "Number"
      switch value {
      case .int(let i): return isDouble ? .decimal(GDecimal(double: Double(i))) : simple == "Number" ? value : .decimal(GDecimal(i))
      case .decimal(let d): return isDouble ? .decimal(GDecimal(double: d.doubleValue)) : value
      case .string(let s):
        guard let d = GDecimal(string: s.trimmingCharacters(in: .whitespaces)) else {
          throw GroovyError("java.lang.NumberFormatException", isDouble ? "For input string: \"\(s)\"" : "Character array is missing \"exponent\" mark 'e' or 'E'.", range: range)
        }
        return .decimal(isDouble ? GDecimal(double: d.doubleValue) : d)
      case .null: return .null
      default: throw castError(value, simple, range)
      }
    case "boolean", "Boolean":
      return .bool(Groovy.truthy(value))
    case "List", "ArrayList", "Collection", "Iterable", "Set", "HashSet", "LinkedHashSet", "Object[]", "String[]":
      switch value {
      case .list(let l): return simple.contains("Set") ? .list(GList(unique(l.items), isSet: true)) : value
      case .null: return .null
      case .map(let m): return .list(GList(m.entries.map { .object(MapEntryObject(key: $0.0, value: $0.1)) }))
      case .object(let o):
        if let iterable = o as? GroovyIterable { return .list(GList(try iterable.groovyElements())) }
        return .list([value])
      default: return .list([value])
      }
    case "Map", "HashMap", "LinkedHashMap":
      if case .map = value { return value }
      if value.isNull { return .null }
      throw castError(value, simple, range)
    default:
      return value
    }
  }

  static func unique(_ items: [GValue]) -> [GValue] {
    var out: [GValue] = []
    for item in items where !out.contains(where: { Groovy.equals($0, item) }) { out.append(item) }
    return out
  }

  static func castError(_ value: GValue, _ type: String, _ range: SourceRange) -> GroovyError {
    GroovyError(
      "org.codehaus.groovy.runtime.typehandling.GroovyCastException",
      "Cannot cast object '\(Groovy.string(value))' with class '\(Groovy.className(value))' to class '\(type)'", range: range)
  }

  /// Types `isInstance` can test (other than exceptions and host classes), with their package.
  static let knownTypes: [String: String] = [
    "Object": "java.lang", "String": "java.lang", "CharSequence": "java.lang", "GString": "groovy.lang", "Integer": "java.lang",
    "Long": "java.lang", "Number": "java.lang", "BigDecimal": "java.math", "Double": "java.lang", "Boolean": "java.lang",
    "List": "java.util", "ArrayList": "java.util", "Collection": "java.util", "Iterable": "java.lang", "Map": "java.util",
    "HashMap": "java.util", "LinkedHashMap": "java.util", "Closure": "groovy.lang",
  ]

  public static func isInstance(_ value: GValue, of type: String) -> Bool {
    let simple = type.split(separator: ".").last.map(String.init) ?? type
    switch (value, simple) {
    case (.null, _): return false
    case (_, "Object"): return true
    case (.string, "String"), (.string, "CharSequence"), (.string, "GString"): return true
    case (.int, "Integer"), (.int, "Long"), (.int, "Number"), (.decimal, "BigDecimal"), (.decimal, "Number"), (.decimal, "Double"): return true
    case (.bool, "Boolean"): return true
    case (.list, "List"), (.list, "ArrayList"), (.list, "Collection"), (.list, "Iterable"): return true
    case (.map, "Map"), (.map, "HashMap"), (.map, "LinkedHashMap"): return true
    case (.closure, "Closure"): return true
    case (.object(let o), _):
      let name = o.groovyClassName
      return name == type || name.hasSuffix("." + simple) || (o is ExceptionObject && ExceptionHierarchy.isSubclass(name, of: simple))
    default: return false
    }
  }
}

/// Static classes and constructors reachable from Jenkinsfiles (`Integer.parseInt`,
/// `Math.max`, `new Date()`, `new Exception('x')`, `JsonOutput.toJson`, …). Members outside this
/// list fail with the message Jenkins' script sandbox gives, or as unsupported.
public enum StaticClasses {
  static let names: Set<String> = [
    "Integer", "Long", "Double", "Float", "Boolean", "String", "Math", "System", "UUID", "URLEncoder", "URLDecoder",
    "JsonOutput", "Collections", "Character", "BigDecimal", "TimeUnit", "RoundingMode",
  ]

  public static func lookup(_ name: String) -> GObject? {
    let simple = name.split(separator: ".").last.map(String.init) ?? name
    guard names.contains(simple) else { return nil }
    return StaticClassObject(simple)
  }

  public static func classObject(_ qualified: String) -> GObject { ClassObject(qualified) }

  public static func construct(_ type: String, _ arguments: [GValue], at range: SourceRange) throws -> GValue? {
    let simple = type.split(separator: ".").last.map(String.init) ?? type
    if simple.hasSuffix("Exception") || simple.hasSuffix("Error") || simple == "Throwable" {
      // `new E(message)`, `new E(message, cause)`, or `new E(cause)` (whose message is the cause's `toString()`).
      let causeArgument = arguments.last.flatMap { value -> ExceptionObject? in
        if case .object(let o as ExceptionObject) = value { return o }
        return nil
      }
      var message = arguments.first.map { Groovy.string($0) }
      if arguments.count == 1, let causeArgument { message = causeArgument.groovyDescription }
      var error = GroovyError(ExceptionHierarchy.qualified(type), message, range: range)
      error.cause = causeArgument?.error as? GroovyThrowable
      return .object(ExceptionObject(error))
    }
    switch simple {
    case "ArrayList", "LinkedList", "Vector":
      if case .list(let l)? = arguments.first { return .list(GList(l.items)) }
      return .list([])
    case "HashSet", "LinkedHashSet", "TreeSet":
      if case .list(let l)? = arguments.first { return .list(GList(Conversions.unique(l.items), isSet: true)) }
      return .list(GList(isSet: true))
    case "HashMap", "LinkedHashMap", "TreeMap", "ConcurrentHashMap":
      if case .map(let m)? = arguments.first { return .map(GMap(m.entries)) }
      return .map(GMap())
    case "StringBuilder", "StringBuffer":
      return .object(StringBuilderObject(arguments.first.map { Groovy.string($0) } ?? ""))
    case "String":
      return .string(arguments.first.map { Groovy.string($0) } ?? "")
    case "BigDecimal", "Integer", "Long", "Double", "Float":
      // `new BigDecimal('2.50')`, `new Integer(5)`: the conversion `as` does.
      guard arguments.count == 1 else { return nil }
      return try Conversions.convert(arguments[0], to: simple, at: range)
    case "Date":
      return .object(DateObject(Date()))
    case "Random":
      return .object(RandomObject())
    case "JsonSlurper", "JsonSlurperClassic":
      return .object(JsonSlurperObject(classic: simple == "JsonSlurperClassic"))
    case "URL", "URI":
      return .string(arguments.first.map { Groovy.string($0) } ?? "")
    default:
      return nil
    }
  }
}

/// A class used as a value: `case String:` in a `switch` and `x.class == String` test by type.
protocol GroovyType {
  var typeName: String { get }
}

/// `x.class` / `x.getClass()`, and type names used as values (`case Map:`).
final class ClassObject: GObject, GroovyEquatable, GroovyType {
  let name: String
  init(_ name: String) { self.name = name }
  var groovyClassName: String { "java.lang.Class" }
  var groovyDescription: String { "class \(name)" }
  var simpleName: String { name.split(separator: ".").last.map(String.init) ?? name }

  func getProperty(_ property: String, _ context: EvaluationContext) throws -> GValue {
    switch property {
    case "name", "canonicalName", "typeName": return .string(name)
    case "simpleName": return .string(simpleName)
    default:
      // `body.resolveStrategy = Closure.DELEGATE_FIRST` in library vars that configure a body.
      if name == "groovy.lang.Closure", let value = ["OWNER_FIRST": 0, "DELEGATE_FIRST": 1, "OWNER_ONLY": 2, "DELEGATE_ONLY": 3, "TO_SELF": 4][property] {
        return .int(Int64(value))
      }
      throw GroovyError.missingProperty(property, groovyClassName)
    }
  }

  func invokeMethod(_ method: String, _ arguments: CallArguments, _ context: EvaluationContext) throws -> GValue {
    switch method {
    case "getName", "getCanonicalName": return .string(name)
    case "getSimpleName": return .string(simpleName)
    case "toString": return .string(groovyDescription)
    default: throw GroovyError.missingMethod(method, groovyClassName, arguments.groovyArguments.count)
    }
  }

  var typeName: String { name }

  func groovyEquals(_ other: GValue) -> Bool {
    guard case .object(let o) = other, let type = o as? GroovyType else { return false }
    return type.typeName.split(separator: ".").last == name.split(separator: ".").last
  }
}

/// A static class used by name: `Integer.parseInt('3')`.
final class StaticClassObject: GObject, GroovyEquatable, GroovyType {
  let name: String
  init(_ name: String) { self.name = name }
  var typeName: String { name }

  func groovyEquals(_ other: GValue) -> Bool {
    guard case .object(let o) = other, let type = o as? GroovyType else { return false }
    return type.typeName.split(separator: ".").last == name.split(separator: ".").last
  }
  var groovyClassName: String { "java.lang.Class" }
  var groovyDescription: String { "class java.lang.\(name)" }

  func rejected(_ kind: String, _ member: String) -> GroovyError {
    GroovyError(
      "org.jenkinsci.plugins.scriptsecurity.sandbox.RejectedAccessException",
      "Scripts not permitted to use \(kind) java.lang.\(name) \(member)")
  }

  func getProperty(_ property: String, _ context: EvaluationContext) throws -> GValue {
    switch (name, property) {
    case ("Integer", "MAX_VALUE"): return .int(Int64(Int32.max))
    case ("Integer", "MIN_VALUE"): return .int(Int64(Int32.min))
    case ("Long", "MAX_VALUE"): return .int(Int64.max)
    case ("Long", "MIN_VALUE"): return .int(Int64.min)
    case ("Boolean", "TRUE"): return .bool(true)
    case ("Boolean", "FALSE"): return .bool(false)
    case ("Math", "PI"): return .decimal(GDecimal(double: Double.pi))
    case ("BigDecimal", "ZERO"): return .decimal(GDecimal(Int64(0)))
    case ("BigDecimal", "ONE"): return .decimal(GDecimal(Int64(1)))
    case ("BigDecimal", "TEN"): return .decimal(GDecimal(Int64(10)))
    case ("BigDecimal", _), ("RoundingMode", _):
      // `BigDecimal.ROUND_HALF_UP` and `RoundingMode.HALF_UP` as Java's rounding-mode numbers.
      let modes = ["UP", "DOWN", "CEILING", "FLOOR", "HALF_UP", "HALF_DOWN", "HALF_EVEN", "UNNECESSARY"]
      let mode = name == "BigDecimal" && property.hasPrefix("ROUND_") ? String(property.dropFirst(6)) : property
      guard let i = modes.firstIndex(of: mode) else { throw GroovyError.missingProperty(property, "java.math.\(name)") }
      return .int(Int64(i))
    case ("System", _): throw rejected("staticField", property)
    case (_, "name"): return .string("java.lang.\(name)")
    case (_, "simpleName"): return .string(name)
    default: throw GroovyError.missingProperty(property, "java.lang.\(name)")
    }
  }

  func invokeMethod(_ method: String, _ arguments: CallArguments, _ context: EvaluationContext) throws -> GValue {
    let args = arguments.positional
    let first = args.first ?? .null
    func number(_ value: GValue) throws -> Double {
      if let d = Groovy.bigDecimal(value) { return d.doubleValue }
      throw GroovyError.illegalArgument("Expected a number, got \(Groovy.string(value))")
    }
    /// Math's methods take and return Java doubles.
    func double(_ d: Double) -> GValue { .decimal(GDecimal(double: d)) }
    switch (name, method) {
    case ("Integer", "parseInt"), ("Integer", "valueOf"), ("Long", "parseLong"), ("Long", "valueOf"):
      if args.count > 1, case .int(let radix) = args[1] {
        // `Integer.parseInt('ff', 16)`.
        guard (2...36).contains(radix), let value = Int64(Groovy.string(first), radix: Int(radix)) else {
          throw GroovyError("java.lang.NumberFormatException", "For input string: \"\(Groovy.string(first))\"")
        }
        return .int(value)
      }
      return try Conversions.convert(.string(Groovy.string(first)), to: "Long", at: SourceRange.point(0))
    case ("Integer", "toHexString"), ("Long", "toHexString"), ("Integer", "toBinaryString"), ("Long", "toBinaryString"):
      guard case .int(let i) = first else { throw GroovyError.missingMethod(method, "java.lang.\(name)", args.count) }
      // Java prints the two's complement of negative numbers (32 bits for an Integer).
      let bits = name == "Integer" && i >= Int64(Int32.min) && i <= Int64(Int32.max) ? UInt64(UInt32(bitPattern: Int32(i))) : UInt64(bitPattern: i)
      return .string(String(bits, radix: method == "toHexString" ? 16 : 2))
    case ("Double", "parseDouble"), ("Double", "valueOf"), ("Float", "parseFloat"):
      return try Conversions.convert(.string(Groovy.string(first)), to: "Double", at: SourceRange.point(0))
    case ("Boolean", "parseBoolean"), ("Boolean", "valueOf"):
      return .bool(Groovy.string(first).lowercased() == "true")
    case (_, "toString") where name != "System": return .string(Groovy.string(first))
    case ("String", "valueOf"): return .string(Groovy.string(first))
    case ("String", "format"):
      return .string(try JavaFormat.format(Groovy.string(first), Array(args.dropFirst())))
    case ("String", "join"):
      let items: [GValue]
      if args.count == 2, case .list(let l) = args[1] { items = l.items } else { items = Array(args.dropFirst()) }
      return .string(items.map(Groovy.string).joined(separator: Groovy.string(first)))
    case ("Math", "max") where args.count == 2, ("Math", "min") where args.count == 2:
      guard Groovy.number(args[0]) != nil, Groovy.number(args[1]) != nil, let order = Groovy.compare(args[0], args[1]) else {
        throw GroovyError.missingMethod(method, "java.lang.Math", args.count)
      }
      return (method == "max") == (order >= 0) ? args[0] : args[1]
    case ("Math", "abs"):
      if case .int(let i) = first { return .int(i < 0 ? 0 &- i : i) }
      return double(abs(try number(first)))
    case ("Math", "round"):
      // Java's `floor(x + 0.5)`, clamped to the long range.
      let rounded = (try number(first) + 0.5).rounded(.down)
      return .int(rounded.isNaN ? 0 : rounded >= 9.2e18 ? Int64.max : rounded <= -9.2e18 ? Int64.min : Int64(rounded))
    case ("Math", "floor"): return double((try number(first)).rounded(.down))
    case ("Math", "ceil"): return double((try number(first)).rounded(.up))
    case ("Math", "sqrt"): return double((try number(first)).squareRoot())
    case ("Math", "pow"): return double(Foundation.pow(try number(first), try number(args.count > 1 ? args[1] : .int(1))))
    case ("Math", "random"): return double(Double.random(in: 0..<1))
    case ("System", "currentTimeMillis"): return .int(Int64(Date().timeIntervalSince1970 * 1000))
    case ("System", "nanoTime"): return .int(Int64(DispatchTime.now().uptimeNanoseconds))
    case ("System", _): throw rejected("staticMethod", method)
    case ("UUID", "randomUUID"): return .string(UUID().uuidString.lowercased())
    case ("URLEncoder", "encode"):
      let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_.*"))
      let text = Groovy.string(first).addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
      return .string(text.replacingOccurrences(of: "%20", with: "+"))
    case ("URLDecoder", "decode"):
      return .string(Groovy.string(first).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? Groovy.string(first))
    case ("JsonOutput", "toJson"): return .string(try GroovyJSON.toJson(first))
    case ("JsonOutput", "prettyPrint"): return .string(try GroovyJSON.prettyPrint(Groovy.string(first)))
    case ("Character", "isDigit"): return .bool(Groovy.string(first).first?.isNumber ?? false)
    case ("Character", "isLetter"): return .bool(Groovy.string(first).first?.isLetter ?? false)
    default:
      throw GroovyError.missingMethod(method, "java.lang.\(name)", arguments.groovyArguments.count)
    }
  }
}

/// `new Date()`: `format(pattern)`, `time`, `toString()`.
final class DateObject: GObject {
  let date: Date
  init(_ date: Date) { self.date = date }
  var groovyClassName: String { "java.util.Date" }
  var groovyDescription: String { date.description }

  func getProperty(_ name: String, _ context: EvaluationContext) throws -> GValue {
    if name == "time" { return .int(Int64(date.timeIntervalSince1970 * 1000)) }
    throw GroovyError.missingProperty(name, groovyClassName)
  }

  func invokeMethod(_ name: String, _ arguments: CallArguments, _ context: EvaluationContext) throws -> GValue {
    switch name {
    case "format":
      let formatter = DateFormatter()
      formatter.locale = Locale(identifier: "en_US_POSIX")
      formatter.dateFormat = Groovy.string(arguments.positional.first ?? .string("yyyy-MM-dd"))
      if arguments.positional.count > 1 { formatter.timeZone = TimeZone(identifier: Groovy.string(arguments.positional[1])) }
      return .string(formatter.string(from: date))
    case "getTime": return .int(Int64(date.timeIntervalSince1970 * 1000))
    case "toString": return .string(groovyDescription)
    default: throw GroovyError.missingMethod(name, groovyClassName, arguments.groovyArguments.count)
    }
  }
}

final class RandomObject: GObject {
  var groovyClassName: String { "java.util.Random" }
  func invokeMethod(_ name: String, _ arguments: CallArguments, _ context: EvaluationContext) throws -> GValue {
    switch name {
    case "nextInt":
      if case .int(let bound)? = arguments.positional.first, bound > 0 { return .int(Int64.random(in: 0..<bound)) }
      return .int(Int64(Int32.random(in: Int32.min...Int32.max)))
    case "nextBoolean": return .bool(Bool.random())
    default: throw GroovyError.missingMethod(name, groovyClassName, arguments.groovyArguments.count)
    }
  }
}

/// `new JsonSlurper().parseText(text)`.
final class JsonSlurperObject: GObject {
  let classic: Bool
  init(classic: Bool) { self.classic = classic }
  var groovyClassName: String { classic ? "groovy.json.JsonSlurperClassic" : "groovy.json.JsonSlurper" }
  func invokeMethod(_ name: String, _ arguments: CallArguments, _ context: EvaluationContext) throws -> GValue {
    guard name == "parseText" || name == "parse" else {
      throw GroovyError.missingMethod(name, groovyClassName, arguments.groovyArguments.count)
    }
    return try GroovyJSON.parse(Groovy.string(arguments.positional.first ?? .null), classic: classic)
  }
}

/// Between Carson's JSON values and Groovy values.
public enum JSONBridge {
  public static func value(_ json: JSONValue) -> GValue {
    switch json {
    case .null: return .null
    case .bool(let b): return .bool(b)
    case .integer(let i): return .int(i)
    case .double(let d): return .decimal(GDecimal(double: d))
    case .string(let s): return .string(s)
    case .array(let items): return .list(GList(items.map(value)))
    case .object(let pairs): return .map(GMap(pairs.map { (.string($0.0), value($0.1)) }))
    }
  }

  public static func json(_ value: GValue) -> JSONValue {
    switch value {
    case .null: return .null
    case .bool(let b): return .bool(b)
    case .int(let i): return .integer(i)
    case .decimal(let d): return .double(d.doubleValue)
    case .string(let s): return .string(s)
    case .list(let l): return .array(l.items.map(json))
    case .map(let m): return .object(m.entries.map { (Groovy.string($0.0), json($0.1)) })
    case .closure, .object: return .string(Groovy.string(value))
    }
  }
}

/// `String.format` with Java's common conversions (`%s %d %f %x %b %n %%`, width, precision,
/// and the `-`, `0`, `+` and `,` flags). Numbers format from their decimal value, half up, as
/// Java formats a BigDecimal.
enum JavaFormat {
  static func format(_ pattern: String, _ arguments: [GValue]) throws -> String {
    var out = ""
    var index = 0
    var chars = Array(pattern)[...]
    while let c = chars.first {
      chars = chars.dropFirst()
      guard c == "%" else {
        out.append(c)
        continue
      }
      var spec = ""
      while let s = chars.first, "-0+ #.,0123456789".contains(s) {
        spec.append(s)
        chars = chars.dropFirst()
      }
      guard let conversion = chars.first else { break }
      chars = chars.dropFirst()
      if conversion == "%" {
        out += "%"
        continue
      }
      if conversion == "n" {
        out += "\n"
        continue
      }
      guard index < arguments.count else {
        throw GroovyError("java.util.MissingFormatArgumentException", "Format specifier '%\(spec)\(conversion)'")
      }
      let argument = arguments[index]
      index += 1
      let flags = spec.prefix { "-0+ #,".contains($0) }
      let leftAlign = flags.contains("-")
      let zeroPad = flags.contains("0")
      let parts = spec.dropFirst(flags.count).split(separator: ".", omittingEmptySubsequences: false)
      let width = parts.first.flatMap { Int($0) } ?? 0
      let precision = parts.count > 1 ? Int(parts[1]) : nil
      if (precision ?? 0) > 10_000 || width > 100_000_000 {
        throw GroovyError("java.util.IllegalFormatException", "Format width or precision too large in '%\(spec)\(conversion)'")
      }
      var text: String
      switch conversion {
      case "d", "f":
        guard let number = Groovy.bigDecimal(argument) else {
          text = Groovy.string(argument)
          break
        }
        if conversion == "d", case .decimal = argument {
          throw GroovyError("java.util.IllegalFormatConversionException", "d != java.math.BigDecimal")
        }
        text = conversion == "d" ? number.plainString : number.rounded(precision ?? 6).plainString
        if flags.contains(",") { text = grouped(text) }
        if flags.contains("+") && number.value >= 0 { text = "+" + text }
      case "x", "X":
        if case .int(let i) = argument { text = String(UInt64(bitPattern: i), radix: 16, uppercase: conversion == "X") } else { text = Groovy.string(argument) }
      case "b", "B":
        if case .bool(let b) = argument { text = String(b) } else { text = String(!argument.isNull) }
      default:
        text = Groovy.string(argument)
        if let precision { text = String(text.prefix(precision)) }
        if conversion == "S" { text = text.uppercased() }
      }
      if text.count < width {
        if zeroPad && !leftAlign {
          let sign = text.first == "-" || text.first == "+" ? String(text.removeFirst()) : ""
          text = sign + String(repeating: "0", count: width - text.count - sign.count) + text
        } else {
          let pad = String(repeating: " ", count: width - text.count)
          text = leftAlign ? text + pad : pad + text
        }
      }
      out += text
    }
    return out
  }

  /// `1234567.5` → `1,234,567.5`.
  static func grouped(_ number: String) -> String {
    let sign = number.hasPrefix("-") ? "-" : ""
    let unsigned = number.dropFirst(sign.count)
    let integer = unsigned.prefix { $0 != "." }
    var groups: [Substring] = []
    var end = integer.endIndex
    while end > integer.startIndex {
      let start = integer.index(end, offsetBy: -3, limitedBy: integer.startIndex) ?? integer.startIndex
      groups.insert(integer[start..<end], at: 0)
      end = start
    }
    return sign + groups.joined(separator: ",") + unsigned.dropFirst(integer.count)
  }
}
