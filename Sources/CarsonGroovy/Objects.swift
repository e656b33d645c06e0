import CarsonSyntax
import Foundation

// Host objects the interpreter itself creates: ranges, regex patterns and matchers, map
// entries, exceptions, string builders.

/// `from..to` / `from..<to` over integers (or single characters).
public final class RangeObject: GObject, GroovyIterable, GroovyEquatable {
  public let from: Int64
  public let to: Int64
  public let exclusive: Bool

  init(_ lower: GValue, _ upper: GValue, exclusive: Bool, at range: SourceRange) throws {
    guard case .int(let a) = lower, case .int(let b) = upper else {
      throw UnsupportedConstruct("Only integer ranges are supported", at: range)
    }
    self.from = a
    self.to = b
    self.exclusive = exclusive
  }

  public var groovyClassName: String { "groovy.lang.IntRange" }

  public func groovyElements() throws -> [GValue] {
    let (span, overflow) = to.subtractingReportingOverflow(from)
    guard !overflow, span.magnitude < 10_000_000 else { throw GroovyError.illegalArgument("Range \(from)..\(to) is too large") }
    if from <= to {
      let upper = exclusive ? to - 1 : to
      return from <= upper ? (from...upper).map { .int($0) } : []
    }
    let lower = exclusive ? to + 1 : to
    return lower <= from ? (lower...from).reversed().map { .int($0) } : []
  }

  /// A range is a list: it prints as one (`"${1..3}"` is `[1, 2, 3]`), but its own
  /// `toString()` and `inspect()` give `1..3`.
  public var groovyDescription: String { Groovy.string(.list(GList((try? groovyElements()) ?? []))) }

  var rangeText: String { "\(from)\(exclusive ? "..<" : "..")\(to)" }

  public func invokeMethod(_ name: String, _ arguments: CallArguments, _ context: EvaluationContext) throws -> GValue {
    switch name {
    case "toString", "inspect": return .string(rangeText)
    case "getFrom": return .int(from)
    case "getTo": return .int(to)
    case "step" where arguments.closure == nil: return .list(GList(try stepped(arguments.positional.first ?? .null)))
    default: throw GroovyError.missingMethod(name, groovyClassName, arguments.groovyArguments.count)
    }
  }

  /// `range.step(n)`: every n-th element from the start.
  func stepped(_ by: GValue) throws -> [GValue] {
    guard case .int(let n) = by, n > 0 else { throw GroovyError.illegalArgument("Step must be a positive integer, got \(Groovy.string(by))") }
    let elements = try groovyElements()
    return Swift.stride(from: 0, to: elements.count, by: Int(n)).map { elements[$0] }
  }

  public func groovyEquals(_ other: GValue) -> Bool {
    guard let mine = try? groovyElements() else { return false }
    switch other {
    case .list(let l): return Groovy.equals(.list(GList(mine)), .list(l))
    case .object(let o as RangeObject): return (try? o.groovyElements()).map { Groovy.equals(.list(GList(mine)), .list(GList($0))) } ?? false
    default: return false
    }
  }

  public func getProperty(_ name: String, _ context: EvaluationContext) throws -> GValue {
    switch name {
    case "from": return .int(from)
    case "to": return .int(to)
    default: throw GroovyError.missingProperty(name, groovyClassName)
    }
  }
}

/// `~/regex/`: a compiled pattern (ICU syntax, close to Java's).
public final class PatternObject: GObject, GroovyPattern {
  public let pattern: String
  let regex: NSRegularExpression

  public init(_ pattern: String, at range: SourceRange) throws {
    self.pattern = pattern
    do {
      // ICU rejects an empty pattern; Java's matches the empty string everywhere.
      regex = try NSRegularExpression(pattern: pattern.isEmpty ? "(?:)" : pattern)
    } catch {
      throw GroovyError("java.util.regex.PatternSyntaxException", "Invalid regular expression: \(pattern)", range: range)
    }
  }

  public var groovyClassName: String { "java.util.regex.Pattern" }
  public var groovyDescription: String { pattern }

  public func matchesWhole(_ text: String) -> Bool {
    let ns = text as NSString
    guard let match = regex.firstMatch(in: text, options: [.anchored], range: NSRange(location: 0, length: ns.length)) else {
      return false
    }
    return match.range.length == ns.length
  }

  public func invokeMethod(_ name: String, _ arguments: CallArguments, _ context: EvaluationContext) throws -> GValue {
    switch name {
    case "matcher":
      return .object(try MatcherObject(Groovy.string(arguments.positional.first ?? .null), pattern: pattern, at: SourceRange.point(0)))
    case "pattern", "toString": return .string(pattern)
    default: throw GroovyError.missingMethod(name, groovyClassName, arguments.groovyArguments.count)
    }
  }
}

/// `text =~ /regex/`: all matches; `m[0]` is the first match (a string, or the list of its
/// groups when the pattern has groups). Like a Java matcher it also has a position: `find()`
/// moves to the next match and `group(n)` reads the current one, and Groovy truth is `find()`
/// (so `if (m) { m.group(1) }` and `while (m.find()) { … }` work as in Groovy).
public final class MatcherObject: GObject, GroovyTruth, GroovyIterable {
  let text: String
  let matches: [[GValue]]
  let groupCount: Int
  /// The index of the match `find()` returns next, and the current match for `group()`.
  private var next = 0
  private var current: Int?

  init(_ text: String, pattern: String, at range: SourceRange) throws {
    self.text = text
    let compiled = try PatternObject(pattern, at: range)
    let ns = text as NSString
    let found = compiled.regex.matches(in: text, range: NSRange(location: 0, length: ns.length))
    groupCount = compiled.regex.numberOfCaptureGroups
    matches = found.map { match in
      (0...match.numberOfRanges - 1).map { i in
        let r = match.range(at: i)
        return r.location == NSNotFound ? GValue.null : .string(ns.substring(with: r))
      }
    }
  }

  public var groovyClassName: String { "java.util.regex.Matcher" }
  public var groovyTruth: Bool { find() }

  func element(_ match: [GValue]) -> GValue { groupCount == 0 ? match[0] : .list(GList(match)) }

  public func groovyElements() throws -> [GValue] { matches.map(element) }

  func find() -> Bool {
    guard next < matches.count else {
      current = nil
      return false
    }
    current = next
    next += 1
    return true
  }

  public func invokeMethod(_ name: String, _ arguments: CallArguments, _ context: EvaluationContext) throws -> GValue {
    switch name {
    case "getAt":
      guard case .int(let i)? = arguments.positional.first, i >= 0, Int(i) < matches.count else {
        throw GroovyError("java.lang.IndexOutOfBoundsException", "index is out of range 0..\(matches.count - 1) (index = \(Groovy.string(arguments.positional.first ?? .null)))")
      }
      return element(matches[Int(i)])
    case "matches":
      // Approximation: the whole text matches when the first match covers it.
      let whole = matches.first.map { Groovy.string($0[0]) == text } ?? false
      current = whole ? 0 : nil
      next = whole ? 1 : 0
      return .bool(whole)
    case "find": return .bool(find())
    case "reset":
      next = 0
      current = nil
      return .object(self)
    case "getCount", "size": return .int(Int64(matches.count))
    case "groupCount": return .int(Int64(groupCount))
    case "hasGroup": return .bool(groupCount > 0)
    case "group":
      guard let current else { throw GroovyError("java.lang.IllegalStateException", "No match found") }
      let match = matches[current]
      guard let first = arguments.positional.first else { return match[0] }
      guard case .int(let g) = first, g >= 0, Int(g) < match.count else {
        throw GroovyError("java.lang.IndexOutOfBoundsException", "No group \(Groovy.string(first))")
      }
      return match[Int(g)]
    default: throw GroovyError.missingMethod(name, groovyClassName, arguments.groovyArguments.count)
    }
  }

  public func getProperty(_ name: String, _ context: EvaluationContext) throws -> GValue {
    if name == "count" { return .int(Int64(matches.count)) }
    throw GroovyError.missingProperty(name, groovyClassName)
  }
}

/// An entry of `map.each { entry -> … }` / `for (e in map)`.
public final class MapEntryObject: GObject {
  public let key: GValue
  public let value: GValue

  public init(key: GValue, value: GValue) {
    self.key = key
    self.value = value
  }

  public var groovyClassName: String { "java.util.LinkedHashMap$Entry" }
  public var groovyDescription: String { "\(Groovy.string(key))=\(Groovy.string(value))" }

  public func getProperty(_ name: String, _ context: EvaluationContext) throws -> GValue {
    switch name {
    case "key": return key
    case "value": return value
    default: throw GroovyError.missingProperty(name, groovyClassName)
    }
  }

  public func invokeMethod(_ name: String, _ arguments: CallArguments, _ context: EvaluationContext) throws -> GValue {
    switch name {
    case "getKey": return key
    case "getValue": return value
    case "toString": return .string(groovyDescription)
    default: throw GroovyError.missingMethod(name, groovyClassName, arguments.groovyArguments.count)
    }
  }
}

/// A caught or created exception: `e.message`, `e.getMessage()`, `e.toString()`, `throw e`.
public final class ExceptionObject: GObject {
  public let error: Error

  public init(_ error: Error) { self.error = error }

  public var groovyClassName: String { (error as? GroovyThrowable)?.groovyClassName ?? "java.lang.Exception" }
  var message: GValue { ((error as? GroovyThrowable)?.groovyMessage).map { .string($0) } ?? .null }
  var cause: GValue { ((error as? GroovyError)?.cause).map { .object(ExceptionObject($0)) } ?? .null }
  public var groovyDescription: String {
    if case .string(let m) = message { return "\(groovyClassName): \(m)" }
    return groovyClassName
  }

  public func getProperty(_ name: String, _ context: EvaluationContext) throws -> GValue {
    switch name {
    case "message", "localizedMessage": return message
    case "class": return .object(StaticClasses.classObject(groovyClassName))
    case "cause": return cause
    case "stackTrace": return .list([])
    default: throw GroovyError.missingProperty(name, groovyClassName)
    }
  }

  public func invokeMethod(_ name: String, _ arguments: CallArguments, _ context: EvaluationContext) throws -> GValue {
    switch name {
    case "getMessage", "getLocalizedMessage": return message
    case "toString": return .string(groovyDescription)
    case "getClass": return .object(StaticClasses.classObject(groovyClassName))
    case "getCause": return cause
    case "printStackTrace": return .null
    case "getStackTrace": return .list([])
    default: throw GroovyError.missingMethod(name, groovyClassName, arguments.groovyArguments.count)
    }
  }
}

/// `new StringBuilder()` / `StringBuffer`.
final class StringBuilderObject: GObject {
  var text: String
  init(_ text: String) { self.text = text }
  var groovyClassName: String { "java.lang.StringBuilder" }
  var groovyDescription: String { text }

  func invokeMethod(_ name: String, _ arguments: CallArguments, _ context: EvaluationContext) throws -> GValue {
    switch name {
    case "append":
      text += arguments.positional.map(Groovy.string).joined()
      return .object(self)
    case "toString": return .string(text)
    case "length": return .int(Int64(text.count))
    default: throw GroovyError.missingMethod(name, groovyClassName, arguments.groovyArguments.count)
    }
  }
}

