import CarsonSyntax

// Values and argument lists in Jenkins' JSON form (`ModelParser.parseArgument`,
// `parseArgumentList`, `envValueForStringConcat`).

/// The source text around one value, addressed with the file's byte offsets. The model keeps
/// each value's own text (`Value.text`) but not the whole file, and some renderings need the text
/// of sub-expressions (the operands of `a + b`); their ranges lie inside the value's range.
struct TextWindow {
  let base: UInt32
  let bytes: [UInt8]

  init(_ value: Value) {
    base = value.expr.range.start
    bytes = Array(value.text.utf8)
  }

  func text(_ range: SourceRange) -> String {
    guard range.start >= base else { return "" }
    let lo = min(Int(range.start - base), bytes.count)
    let hi = min(max(Int(range.end) - Int(base), lo), bytes.count)
    return String(decoding: bytes[lo..<hi], as: UTF8.self)
  }

  /// Jenkins' `getSourceText`: the node's text, trimmed; for a binary expression the operands'
  /// texts joined by the operator with no spaces (`'[' + x` → `'['+x`). Groovy models `a[i]`,
  /// `a = b` and `a instanceof T` as binary expressions too, whose operator text is `[`, `=`,
  /// `instanceof` (so `a[0]` comes out as `a[0`, exactly as Jenkins prints it).
  func sourceText(_ expr: Expr) -> String {
    switch expr.kind {
    case .binary(let op, let lhs, let rhs):
      return sourceText(lhs) + op.rawValue + sourceText(rhs)
    case .index(let base, let arguments, let isSafe) where arguments.count == 1:
      return sourceText(base) + (isSafe ? "?[" : "[") + sourceText(arguments[0])
    case .assignment(let op, let target, let value):
      return sourceText(target) + op.rawValue + sourceText(value)
    case .instanceOf(let lhs, let type, false):
      return sourceText(lhs) + "instanceof" + text(type.range).trimmingCharacters(in: .whitespacesAndNewlines)
    default:
      return text(expr.range).trimmingCharacters(in: .whitespacesAndNewlines)
    }
  }

  /// A model value for a sub-expression (a map entry's value).
  func value(_ expr: Expr) -> Value {
    Value(literal: JenkinsJSONWriter.literal(expr), expr: expr, text: text(expr.range))
  }
}

extension JenkinsJSONWriter {
  static func raw(_ isLiteral: Bool, _ value: JSONValue) -> JSONValue {
    .object([("isLiteral", .bool(isLiteral)), ("value", value)])
  }

  static func json(_ literal: Value.Literal) -> JSONValue {
    switch literal {
    case .string(let s): return .string(s)
    case .integer(let i): return .integer(i)
    case .decimal(let d): return .double(d)
    case .boolean(let b): return .bool(b)
    case .null: return .null
    }
  }

  /// Groovy constants, as the reader folds them (`-1` included).
  static func literal(_ expr: Expr) -> Value.Literal? {
    switch expr.kind {
    case .string(let s): return s.plainValue.map { .string($0) }
    case .boolean(let b): return .boolean(b)
    case .null: return .null
    case .integer(let digits): return IntegerLiteral.parse(digits, negative: false).map { .integer($0) }
    case .decimal(let digits): return decimal(digits, negative: false)
    case .prefix(.negate, let inner):
      if case .integer(let digits) = inner.kind { return IntegerLiteral.parse(digits, negative: true).map { .integer($0) } }
      if case .decimal(let digits) = inner.kind { return decimal(digits, negative: true) }
      return nil
    default: return nil
    }
  }

  static func decimal(_ written: String, negative: Bool) -> Value.Literal? {
    var digits = written.filter { $0 != "_" }
    if let last = digits.last, "dDfFgG".contains(last) { digits.removeLast() }
    return Double(digits).map { .decimal(negative ? -$0 : $0) }
  }

  /// `{"isLiteral": …, "value": …}` for one value (`ModelParser.parseArgument`).
  func rawValue(_ v: Value) -> JSONValue {
    if let literal = v.literal { return Self.raw(true, Self.json(literal)) }
    let window = TextWindow(v)
    switch v.expr.kind {
    case .string, .map:
      // A GString or a map: its source text, quotes and brackets included.
      return Self.raw(false, .string(window.sourceText(v.expr)))
    case .identifier(let name) where name == "any" || name == "none":
      // Zero-argument agent types are constants.
      return Self.raw(true, .string(name))
    default:
      return Self.raw(false, .string("${" + window.sourceText(v.expr) + "}"))
    }
  }

  func argumentValue(_ v: ArgumentValue) -> JSONValue {
    switch v {
    case .value(let value): return rawValue(value)
    case .call(let call): return methodCall(call)
    }
  }

  /// `parseArgumentList`: no arguments `[]`, one unnamed argument bare, named arguments as
  /// `{key, value}` pairs, several unnamed arguments as a list.
  func argumentList(_ arguments: Arguments) -> JSONValue {
    switch arguments {
    case .none: return .array([])
    case .single(let v):
      if case .value(let value) = v, let pairs = namedPairs(ofMap: value) { return .array(pairs) }
      return argumentValue(v)
    case .positional(let list): return .array(list.map(argumentValue))
    case .named(let list):
      return .array(list.map { .object([("key", .string($0.name)), ("value", argumentValue($0.value))]) })
    }
  }

  /// A single map literal argument (`foo([a: 1])`) is read as named arguments unless it is the
  /// legacy meta-step form with a `$class` key.
  func namedPairs(ofMap value: Value) -> [JSONValue]? {
    guard case .map(let entries) = value.expr.kind, !entries.isEmpty else { return nil }
    if entries.contains(where: { $0.key.name == "$class" }) { return nil }
    let window = TextWindow(value)
    return entries.map { entry in
      let key = entry.key.name ?? window.text(entry.key.range)
      return .object([("key", .string(key)), ("value", rawValue(window.value(entry.value)))])
    }
  }

  /// Step arguments: as `argumentList`, except that a single unnamed argument of a known step
  /// that takes no block is stored under the step's sole required parameter.
  func stepArguments(_ call: StepCall) -> JSONValue {
    let plain = argumentList(call.arguments)
    guard case .single(let v) = call.arguments, case .value = v, !plain.isArray,
      let spec = catalogue.steps[call.name], !spec.takesBlock, let parameter = spec.soleRequiredParameter
    else { return plain }
    return .array([.object([("key", .string(parameter.name)), ("value", plain)])])
  }

  /// `script { … }` / `expression { … }`: the body text as the literal `scriptBlock` argument.
  func scriptBlockArguments(_ block: ScriptBlock) -> JSONValue {
    .array([.object([("key", .string("scriptBlock")), ("value", Self.raw(true, .string(Self.scriptText(block))))])])
  }

  /// Jenkins takes a block's text from the start of its first statement to the end of its last
  /// (`Utils.getSourceTextForASTNode` on the closure's code), so comments before the first
  /// statement or after the last one are not part of it. `ScriptBlock.text` is everything between
  /// the braces, trimmed: drop leading comments, then cut after the last statement.
  static func scriptText(_ block: ScriptBlock) -> String {
    let statements = block.statements.filter { if case .error = $0.kind { return false } else { return true } }
    guard let first = statements.first, let last = statements.last, last.range.end >= first.range.start else { return block.text }
    let bytes = Array(block.text.utf8)
    var start = 0
    func skipWhitespace() {
      while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x0C].contains(bytes[start]) { start += 1 }
    }
    while start + 1 < bytes.count, bytes[start] == 0x2F {
      if bytes[start + 1] == 0x2F {
        while start < bytes.count, bytes[start] != 0x0A { start += 1 }
      } else if bytes[start + 1] == 0x2A {
        start += 2
        while start + 1 < bytes.count, !(bytes[start] == 0x2A && bytes[start + 1] == 0x2F) { start += 1 }
        start = min(start + 2, bytes.count)
      } else {
        break
      }
      skipWhitespace()
    }
    let end = start + Int(last.range.end - first.range.start)
    guard end <= bytes.count else { return block.text }
    return String(decoding: bytes[start..<end], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// `FOO = 'a' + "${B}"`: Jenkins joins the parts into one value, literal only when every part is;
  /// a GString part contributes its text without the quotes. Nil when a part is not a string.
  func concatenatedEnvironmentValue(_ v: Value) -> JSONValue? {
    let window = TextWindow(v)
    var joined = ""
    var isLiteral = true
    func append(_ expr: Expr) -> Bool {
      switch expr.kind {
      case .binary(.plus, let lhs, let rhs): return append(lhs) && append(rhs)
      case .string(let s):
        if let plain = s.plainValue {
          joined += plain
        } else {
          joined += Self.trimQuotes(window.sourceText(expr))
          isLiteral = false
        }
        return true
      default: return false
      }
    }
    guard append(v.expr) else { return nil }
    return Self.raw(isLiteral, .string(joined))
  }

  static func trimQuotes(_ s: String) -> String {
    for quote in ["\"\"\"", "'''", "\"", "'"] where s.count >= 2 * quote.count && s.hasPrefix(quote) && s.hasSuffix(quote) {
      return String(s.dropFirst(quote.count).dropLast(quote.count))
    }
    return s
  }
}

extension JSONValue {
  var isArray: Bool {
    if case .array = self { return true }
    return false
  }
}
