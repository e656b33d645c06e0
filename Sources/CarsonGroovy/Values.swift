import CarsonSyntax
import Foundation

/// A Groovy value. Lists, maps, closures and objects are references (Groovy collections are
/// mutable and shared), so they are classes; everything else is a plain value.
///
/// Thread safety: Groovy code runs under the interpreter lock (`InterpreterLock`), like
/// Jenkins' CPS engine runs one Groovy thread at a time; that is what makes the reference
/// types safe to share between parallel branches.
public enum GValue: @unchecked Sendable {
  case null
  case bool(Bool)
  case int(Int64)
  /// A BigDecimal, with its scale (`1.10` prints as `1.10`).
  case decimal(GDecimal)
  case string(String)
  case list(GList)
  case map(GMap)
  case closure(GClosure)
  case object(GObject)

  public static let `true` = GValue.bool(true)
  public static let `false` = GValue.bool(false)

  public static func list(_ items: [GValue]) -> GValue { .list(GList(items)) }

  /// A BigDecimal with the scale its value needs (`Decimal(2.5)` → `2.5`).
  public static func decimal(_ value: Decimal) -> GValue { .decimal(GDecimal(value)) }

  public var isNull: Bool {
    if case .null = self { return true }
    return false
  }

  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }
}

public final class GList: @unchecked Sendable {
  public var items: [GValue]
  /// Made by `as Set` / `new LinkedHashSet()`: no duplicates, reported as a LinkedHashSet.
  /// (Sets share the list representation; only what a script can observe differs.)
  public var isSet = false
  public init(_ items: [GValue] = [], isSet: Bool = false) {
    self.items = items
    self.isSet = isSet
  }
  public var javaClassName: String { isSet ? "java.util.LinkedHashSet" : "java.util.ArrayList" }
}

/// A `LinkedHashMap`: insertion-ordered.
public final class GMap: @unchecked Sendable {
  private var order: [GKey] = []
  private var storage: [GKey: GValue] = [:]
  /// `map.withDefault { key -> value }`: makes (and stores) the value of a missing key on read.
  public var defaultValue: GClosure?

  public init() {}

  public init(_ pairs: [(GValue, GValue)]) {
    for (k, v) in pairs { self[k] = v }
  }

  public var keys: [GValue] { order.map(\.value) }
  public var count: Int { order.count }

  public subscript(key: GValue) -> GValue? {
    get { self[GKey(key)] }
    set { self[GKey(key)] = newValue }
  }

  public subscript(string key: String) -> GValue? {
    get { self[.string(key)] }
    set { self[.string(key)] = newValue }
  }

  /// An entry whose key was a GString (`["${name}": 1]`, `map.put("${name}", 1)`). A GString
  /// hashes unlike the equal String in Groovy, so a String lookup (`map.name`, `map['name']`)
  /// does not find it: the classic Jenkinsfile surprise, kept on purpose.
  public subscript(gstring key: String) -> GValue? {
    get { self[GKey(.string(key), isGString: true)] }
    set { self[GKey(.string(key), isGString: true)] = newValue }
  }

  subscript(key: GKey) -> GValue? {
    get { storage[key] }
    set {
      if let newValue {
        if storage.updateValue(newValue, forKey: key) == nil { order.append(key) }
      } else if storage.removeValue(forKey: key) != nil {
        order.removeAll { $0 == key }
      }
    }
  }

  /// The entries in order (GString keys come out as strings).
  public var entries: [(GValue, GValue)] { order.map { ($0.value, storage[$0] ?? .null) } }
}

/// Map keys compare as Groovy does: by value for strings, numbers and booleans; a GString key
/// never equals a String key.
struct GKey: Hashable {
  let value: GValue
  let isGString: Bool
  init(_ value: GValue, isGString: Bool = false) {
    self.value = value
    self.isGString = isGString
  }

  static func == (a: GKey, b: GKey) -> Bool { a.isGString == b.isGString && Groovy.equals(a.value, b.value) }

  func hash(into hasher: inout Hasher) {
    hasher.combine(isGString)
    switch value {
    case .null: hasher.combine(0)
    case .bool(let b): hasher.combine(b)
    case .int(let i): hasher.combine(Decimal(i))
    case .decimal(let d): hasher.combine(d.value)
    case .string(let s): hasher.combine(s)
    // Lists and maps are equal by content (`groupBy { [it.a, it.b] }`), so they hash by content.
    case .list(let l): for item in l.items { GKey(item).hash(into: &hasher) }
    case .map(let m): hasher.combine(m.count)
    case .closure(let c): hasher.combine(ObjectIdentifier(c))
    case .object(let o): hasher.combine(ObjectIdentifier(o))
    }
  }
}

/// A closure with the scope it was written in.
public final class GClosure: @unchecked Sendable {
  public let parameters: [Parameter]
  public let hasArrow: Bool
  public let body: [Stmt]
  public let scope: Scope
  public let range: SourceRange
  /// For closures made by the host (e.g. a step body given as model steps), the native body.
  public let native: ((CallArguments, EvaluationContext) throws -> GValue)?
  /// The interpreter whose script the closure was written in (a library var's closure runs in
  /// the var's interpreter, whoever calls it); nil for native closures.
  public internal(set) weak var owner: Interpreter?
  /// `body.delegate = config`: names the body does not declare resolve against it.
  public var delegate: GValue?
  /// `body.resolveStrategy = …`: kept for reading back; Carson always resolves delegate first.
  public var resolveStrategy: GValue = .int(0)

  public init(parameters: [Parameter], hasArrow: Bool, body: [Stmt], scope: Scope, range: SourceRange) {
    self.parameters = parameters
    self.hasArrow = hasArrow
    self.body = body
    self.scope = scope
    self.range = range
    self.native = nil
  }

  public init(range: SourceRange, native: @escaping (CallArguments, EvaluationContext) throws -> GValue) {
    self.parameters = []
    self.hasArrow = false
    self.body = []
    self.scope = Scope(parent: nil)
    self.range = range
    self.native = native
  }

  /// How many arguments the closure declares (an implicit `it` counts as one optional).
  public var arity: Int { hasArrow ? parameters.count : 1 }
}

/// Variables of one block or closure invocation, chained to the enclosing ones.
public final class Scope: @unchecked Sendable {
  public let parent: Scope?
  var variables: [String: GValue] = [:]
  /// The closure's delegate (`x.with { … }` runs with `x`): names that are not local variables
  /// resolve against it before the script's (Groovy's DELEGATE_FIRST).
  public var delegate: GValue?

  public init(parent: Scope?) { self.parent = parent }

  public func lookup(_ name: String) -> GValue? {
    var scope: Scope? = self
    while let s = scope {
      if let v = s.variables[name] { return v }
      scope = s.parent
    }
    return nil
  }

  /// Assigns to the nearest scope that declares `name`; false when none does.
  public func assign(_ name: String, _ value: GValue) -> Bool {
    var scope: Scope? = self
    while let s = scope {
      if s.variables[name] != nil {
        s.variables[name] = value
        return true
      }
      scope = s.parent
    }
    return false
  }

  public func declare(_ name: String, _ value: GValue) { variables[name] = value }
}

/// Arguments of a call, kept apart as the caller wrote them: Groovy turns named arguments into
/// a leading map and a trailing closure into a last argument; steps want them separately.
public struct CallArguments: @unchecked Sendable {
  public var named: [(String, GValue)]
  public var positional: [GValue]
  public var closure: GClosure?

  public init(named: [(String, GValue)] = [], positional: [GValue] = [], closure: GClosure? = nil) {
    self.named = named
    self.positional = positional
    self.closure = closure
  }

  public func named(_ key: String) -> GValue? { named.first { $0.0 == key }?.1 }

  /// Groovy's view: `[named map] + positional + [closure]`.
  public var groovyArguments: [GValue] {
    var all: [GValue] = []
    if !named.isEmpty { all.append(.map(GMap(named.map { (.string($0.0), $0.1) }))) }
    all += positional
    if let closure { all.append(.closure(closure)) }
    return all
  }
}

/// A host object reachable from Groovy (`env`, `params`, `currentBuild`, an exception, a
/// regex matcher, `docker`, …). Defaults report Groovy's "no such property/method" errors.
public protocol GObject: AnyObject {
  /// The Java/Groovy class name (`getClass().name`, error messages).
  var groovyClassName: String { get }
  func getProperty(_ name: String, _ context: EvaluationContext) throws -> GValue
  func setProperty(_ name: String, _ value: GValue, _ context: EvaluationContext) throws
  func invokeMethod(_ name: String, _ arguments: CallArguments, _ context: EvaluationContext) throws -> GValue
  /// `toString()`.
  var groovyDescription: String { get }
}

extension GObject {
  public func getProperty(_ name: String, _ context: EvaluationContext) throws -> GValue {
    throw GroovyError.missingProperty(name, groovyClassName)
  }

  public func setProperty(_ name: String, _ value: GValue, _ context: EvaluationContext) throws {
    throw GroovyError.readOnlyProperty(name, groovyClassName)
  }

  public func invokeMethod(_ name: String, _ arguments: CallArguments, _ context: EvaluationContext) throws -> GValue {
    throw GroovyError.missingMethod(name, groovyClassName, arguments.groovyArguments.count)
  }

  public var groovyDescription: String { "\(groovyClassName)@\(String(UInt(bitPattern: ObjectIdentifier(self).hashValue), radix: 16))" }
}

/// What the interpreter needs from whoever runs it: a way to notice that the run (or this
/// branch) was interrupted, checked at every loop turn and call so no Groovy loop can hang.
public protocol EvaluationContext: AnyObject {
  func checkInterrupted() throws
}
