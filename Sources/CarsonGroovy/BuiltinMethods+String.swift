import Foundation

extension BuiltinMethods {
  static func stringMethod(_ s: String, _ name: String, _ call: MethodCall) throws -> GValue? {
    switch name {
    case "trim":
      // Java's trim drops control characters and spaces (<= U+0020), not other Unicode spaces.
      let scalars = s.unicodeScalars
      let kept = scalars.drop { $0.value <= 0x20 }.reversed().drop { $0.value <= 0x20 }.reversed()
      return .string(String(String.UnicodeScalarView(kept)))
    case "strip": return .string(s.trimmingCharacters(in: .whitespacesAndNewlines))
    case "stripLeading": return .string(String(s.drop { $0.isWhitespace }))
    case "stripTrailing": return .string(String(s.reversed().drop { $0.isWhitespace }.reversed()))
    case "toLowerCase": return .string(s.lowercased())
    case "toUpperCase": return .string(s.uppercased())
    case "length", "size": return .int(Int64(s.utf16.count))
    case "isEmpty": return .bool(s.isEmpty)
    case "isBlank": return .bool(s.allSatisfy(\.isWhitespace))
    case "contains": return .bool(find(call.string(0), in: s) != nil)
    case "startsWith":
      let offset = call.all.count > 1 ? try call.int(1) : 0
      let units = Array(s.utf16)
      guard offset >= 0, offset <= units.count else { return .bool(false) }
      return .bool(units[offset...].starts(with: call.string(0).utf16))
    case "endsWith": return .bool(Array(s.utf16).reversed().starts(with: Array(call.string(0).utf16).reversed()))
    case "equalsIgnoreCase": return .bool(s.lowercased() == call.string(0).lowercased())
    case "compareTo": return .int(Int64(s < call.string(0) ? -1 : (s == call.string(0) ? 0 : 1)))
    case "indexOf":
      return .int(Int64(find(call.string(0), in: s, from: call.all.count > 1 ? try call.int(1) : 0) ?? -1))
    case "lastIndexOf":
      return .int(Int64(find(call.string(0), in: s, from: call.all.count > 1 ? try call.int(1) : Int.max, backwards: true) ?? -1))
    case "substring":
      let utf16 = Array(s.utf16)
      let from = try call.int(0)
      let to = call.all.count > 1 ? try call.int(1) : utf16.count
      guard from >= 0, to <= utf16.count, from <= to else {
        throw GroovyError("java.lang.StringIndexOutOfBoundsException", "begin \(from), end \(to), length \(utf16.count)", range: call.range)
      }
      return .string(String(decoding: utf16[from..<to], as: UTF16.self))
    case "charAt":
      let utf16 = Array(s.utf16)
      let i = try call.int(0)
      guard i >= 0, i < utf16.count else { throw GroovyError("java.lang.StringIndexOutOfBoundsException", "index \(i)", range: call.range) }
      return .string(String(decoding: [utf16[i]], as: UTF16.self))
    case "replace":
      return .string(s.replacingOccurrences(of: call.string(0), with: call.string(1)))
    case "replaceAll", "replaceFirst":
      if let c = call.closure { return .string(try regexReplace(s, call.argument(0), with: c, all: name == "replaceAll", call)) }
      return .string(try regexReplace(s, call.argument(0), call.string(1), all: name == "replaceAll", call))
    case "matches":
      return .bool(try PatternObject(patternText(call.argument(0)), at: call.range).matchesWhole(s))
    case "split":
      if call.all.isEmpty { return .list(GList(tokens(s) { $0.properties.isWhitespace }.map { .string($0) })) }
      return .list(GList(try javaSplit(s, patternText(call.argument(0)), limit: call.all.count > 1 ? try call.int(1) : 0, call).map { .string($0) }))
    case "tokenize":
      let delimiters = Set((call.all.isEmpty ? " \t\n\r\u{0C}" : call.string(0)).unicodeScalars)
      return .list(GList(tokens(s) { delimiters.contains($0) }.map { .string($0) }))
    case "readLines":
      return .list(GList(lines(s).map { .string($0) }))
    case "eachLine":
      guard let c = call.closure else { return nil }
      var last = GValue.null
      for (i, line) in lines(s).enumerated() {
        last = try call.callClosure(c, c.hasArrow && c.parameters.count == 2 ? [.string(line), .int(Int64(i))] : [.string(line)])
      }
      return last
    case "toInteger", "toLong", "toBigInteger":
      return try Conversions.convert(.string(s), to: "Long", at: call.range)
    case "toDouble", "toFloat":
      return try Conversions.convert(.string(s), to: "Double", at: call.range)
    case "toBigDecimal":
      return try Conversions.convert(.string(s), to: "BigDecimal", at: call.range)
    case "toBoolean": return .bool(["true", "y", "1"].contains(s.trimmingCharacters(in: .whitespaces).lowercased()))
    case "isInteger", "isLong", "isNumber", "isBigInteger":
      return .bool(Int64(s.trimmingCharacters(in: .whitespaces)) != nil || (name == "isNumber" && Decimal(string: s) != nil))
    case "isDouble", "isBigDecimal", "isFloat": return .bool(Double(s.trimmingCharacters(in: .whitespaces)) != nil)
    case "capitalize": return .string(s.prefix(1).uppercased() + s.dropFirst())
    case "uncapitalize": return .string(s.prefix(1).lowercased() + s.dropFirst())
    case "reverse": return .string(String(s.reversed()))
    case "center":
      let width = try call.int(0)
      let pad = call.all.count > 1 ? call.string(1) : " "
      guard s.count < width else { return .string(s) }
      let left = (width - s.count) / 2
      return .string(padding(padding(s, to: s.count + left, with: pad, left: true), to: width, with: pad, left: false))
    case "padLeft":
      let width = try call.int(0)
      let pad = call.all.count > 1 ? call.string(1) : " "
      return .string(padding(s, to: width, with: pad, left: true))
    case "padRight":
      let width = try call.int(0)
      let pad = call.all.count > 1 ? call.string(1) : " "
      return .string(padding(s, to: width, with: pad, left: false))
    case "multiply": return try Groovy.multiply(.string(s), call.argument(0))
    case "plus": return try Groovy.plus(.string(s), call.argument(0))
    case "minus": return try Groovy.minus(.string(s), call.argument(0))
    case "concat": return .string(s + call.string(0))
    case "count":
      // Overlapping occurrences, as Groovy counts them (`'aaa'.count('aa') == 2`).
      var count: Int64 = 0
      var from = 0
      while let i = find(call.string(0), in: s, from: from) {
        count += 1
        from = i + 1
      }
      return .int(count)
    case "getAt":
      return try call.interpreter.getAt(.string(s), [call.argument(0)], call.context, at: call.range)
    case "take": return .string(String(s.prefix(max(0, try call.int(0)))))
    case "drop": return .string(String(s.dropFirst(max(0, try call.int(0)))))
    case "toList", "toCharArray", "chars": return .list(GList(Groovy.characters(s)))
    case "next", "previous":
      // The last character moves by one (`'x'.next() == 'y'`).
      guard let last = s.unicodeScalars.last, let moved = Unicode.Scalar(Int(last.value) + (name == "next" ? 1 : -1)) else { return .string(s) }
      return .string(String(s.unicodeScalars.dropLast()) + String(moved))
    case "stripIndent": return .string(stripIndent(s))
    case "stripMargin":
      let margin = call.all.isEmpty ? "|" : call.string(0)
      return .string(s.components(separatedBy: "\n").map { line -> String in
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        return trimmed.hasPrefix(margin) ? String(trimmed.dropFirst(margin.count)) : line
      }.joined(separator: "\n"))
    case "find" where call.closure == nil || call.all.count > 1:
      let matcher = try MatcherObject(s, pattern: patternText(call.argument(0)), at: call.range)
      guard let first = matcher.matches.first else { return .null }
      if let c = call.closure { return try call.callClosure(c, [matcher.element(first)]) }
      return first[0]
    case "findAll" where call.closure == nil || call.all.count > 1:
      let matcher = try MatcherObject(s, pattern: patternText(call.argument(0)), at: call.range)
      return .list(GList(matcher.matches.map { $0[0] }))
    case "each", "eachWithIndex", "collect", "findAll", "find", "any", "every", "inject", "grep", "findIndexOf", "collectEntries", "groupBy", "countBy":
      // Groovy iterates a string's characters for the Object iteration methods.
      guard call.closure != nil || name == "grep" else { return nil }
      let result = try listMethod(GList(Groovy.characters(s)), name, call)
      if name == "each" || name == "eachWithIndex" { return .string(s) }
      return result
    case "format":
      // `String.format` is static: on an instance it formats its first argument.
      return .string(try JavaFormat.format(call.string(0), Array(call.all.dropFirst())))
    case "encodeBase64": return .string(Data(s.utf8).base64EncodedString())
    case "decodeBase64": return .string(String(decoding: Data(base64Encoded: s) ?? Data(), as: UTF8.self))
    case "execute":
      throw GroovyError(
        "org.jenkinsci.plugins.scriptsecurity.sandbox.RejectedAccessException",
        "Scripts not permitted to use staticMethod org.codehaus.groovy.runtime.ProcessGroovyMethods execute java.lang.String", range: call.range)
    default: return nil
    }
  }

  static func patternText(_ value: GValue) -> String {
    if case .object(let o) = value, let p = o as? PatternObject { return p.pattern }
    return Groovy.string(value)
  }

  static func padding(_ s: String, to width: Int, with pad: String, left: Bool) -> String {
    guard s.count < width, !pad.isEmpty else { return s }
    var fill = ""
    while fill.count < width - s.count { fill += pad }
    fill = String(fill.prefix(width - s.count))
    return left ? fill + s : s + fill
  }

  /// Where `needle` occurs in `s`, in UTF-16 units as Java counts them, searching forward from
  /// `from` or backward from it. (Swift's own string search matches whole characters, so it
  /// finds no `"\n"` in `"\r\n"` and no `"e"` in `"e\u{301}"`.)
  static func find(_ needle: String, in s: String, from: Int = 0, backwards: Bool = false) -> Int? {
    let haystack = Array(s.utf16)
    let pattern = Array(needle.utf16)
    guard pattern.count <= haystack.count else { return nil }
    let last = haystack.count - pattern.count
    var start = backwards ? min(from, last) : max(0, from)
    while start >= 0 && start <= last {
      if haystack[start..<(start + pattern.count)].elementsEqual(pattern) { return start }
      start += backwards ? -1 : 1
    }
    return nil
  }

  /// Runs of characters between separators (`tokenize`, `split()`), by Unicode scalars so that
  /// `\r\n` counts as two characters as in Java.
  static func tokens(_ s: String, separator: (Unicode.Scalar) -> Bool) -> [String] {
    s.unicodeScalars.split(whereSeparator: separator).map { String(String.UnicodeScalarView($0)) }
  }

  /// `readLines()`: lines ended by `\n`, `\r\n` or `\r`; a final terminator ends the last line.
  static func lines(_ s: String) -> [String] {
    var lines: [String] = []
    var current = String.UnicodeScalarView()
    var previousWasCR = false
    for scalar in s.unicodeScalars {
      if scalar == "\n" && previousWasCR {
        previousWasCR = false
        continue
      }
      previousWasCR = scalar == "\r"
      if scalar == "\n" || scalar == "\r" {
        lines.append(String(current))
        current = String.UnicodeScalarView()
      } else {
        current.append(scalar)
      }
    }
    if !current.isEmpty { lines.append(String(current)) }
    return lines
  }

  /// Java's `String.split(regex, limit)`: trailing empty strings removed when limit is 0.
  static func javaSplit(_ s: String, _ pattern: String, limit: Int, _ call: MethodCall) throws -> [String] {
    if s.isEmpty { return [""] }
    let regex = try PatternObject(pattern, at: call.range).regex
    let ns = s as NSString
    var parts: [String] = []
    var start = 0
    for match in regex.matches(in: s, range: NSRange(location: 0, length: ns.length)) {
      if limit > 0 && parts.count == limit - 1 { break }
      if match.range.length == 0 && match.range.location == 0 { continue }
      parts.append(ns.substring(with: NSRange(location: start, length: match.range.location - start)))
      start = match.range.location + match.range.length
    }
    parts.append(ns.substring(from: start))
    // With no match the result is the string itself; otherwise limit 0 drops every trailing
    // empty string (`'a.b'.split('.')` is empty).
    if limit == 0 && parts.count > 1 { while parts.last == "" { parts.removeLast() } }
    return parts
  }

  /// `replaceAll(regex) { … }`: the closure gets the match, or with groups the match and each
  /// group (as separate parameters when it declares several, else as one list).
  static func regexReplace(_ s: String, _ pattern: GValue, with closure: GClosure, all: Bool, _ call: MethodCall) throws -> String {
    let regex = try PatternObject(patternText(pattern), at: call.range).regex
    let ns = s as NSString
    var out = ""
    var position = 0
    for match in regex.matches(in: s, range: NSRange(location: 0, length: ns.length)) {
      let groups: [GValue] = (0..<match.numberOfRanges).map { i in
        let r = match.range(at: i)
        return r.location == NSNotFound ? .null : .string(ns.substring(with: r))
      }
      let argument: GValue = groups.count == 1 ? groups[0] : .list(GList(groups))
      out += ns.substring(with: NSRange(location: position, length: match.range.location - position))
      out += Groovy.string(try call.callClosure(closure, [argument]))
      position = match.range.location + match.range.length
      if !all { break }
    }
    return out + ns.substring(from: position)
  }

  /// `replaceAll(regex, replacement)` with Java's `$1` group references.
  static func regexReplace(_ s: String, _ pattern: GValue, _ replacement: String, all: Bool, _ call: MethodCall) throws -> String {
    let regex = try PatternObject(patternText(pattern), at: call.range).regex
    let ns = s as NSString
    let range = all ? NSRange(location: 0, length: ns.length) : (regex.firstMatch(in: s, range: NSRange(location: 0, length: ns.length))?.range ?? NSRange(location: 0, length: 0))
    if !all && range.length == 0 && regex.firstMatch(in: s, range: NSRange(location: 0, length: ns.length)) == nil { return s }
    return regex.stringByReplacingMatches(in: s, range: range, withTemplate: replacement)
  }

  static func stripIndent(_ s: String) -> String {
    let lines = s.components(separatedBy: "\n")
    let indents = lines.filter { !$0.allSatisfy(\.isWhitespace) }.map { $0.prefix { $0 == " " || $0 == "\t" }.count }
    let minimum = indents.min() ?? 0
    return lines.map { $0.count >= minimum ? String($0.dropFirst(minimum)) : $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n")
  }
}
