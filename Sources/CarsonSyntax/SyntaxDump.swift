/// A compact, fully parenthesised rendering of the tree, showing how the parser grouped things
/// (`(call sh (str "make"))`). Used by tests and by `carson parse --format tree`.
public enum SyntaxDump {
  public static func dump(_ statements: [Stmt]) -> String {
    statements.map(dump).joined(separator: "\n")
  }

  public static func dump(_ statement: Stmt) -> String {
    let annotations = statement.annotations.map { "@\($0.name) " }.joined()
    switch statement.kind {
    case .expression(let e): return annotations + dump(e)
    case .variable(let v):
      let names = v.declarators.map { d in d.name + (d.initializer.map { " = " + dump($0) } ?? "") }
      let multi = v.multipleValue.map { " = " + dump($0) } ?? ""
      return annotations + "(var \(v.type.map { $0.name + " " } ?? "")\(names.joined(separator: ", "))\(multi))"
    case .method(let m):
      return annotations + "(def \(m.name)(\(m.parameters.map(\.name).joined(separator: ", "))) \(block(m.body ?? [])))"
    case .typeDecl(let t): return annotations + "(\(t.kind.rawValue) \(t.name) \(block(t.members)))"
    case .block(let body): return block(body)
    case .ifElse(let c, let then, let otherwise):
      return "(if \(dump(c)) \(dump(then))\(otherwise.map { " else " + dump($0) } ?? ""))"
    case .forIn(let f): return "(for \(f.variable) in \(dump(f.iterable)) \(dump(f.body)))"
    case .forLoop(let f):
      return "(for \(f.initializer.map(dump).joined(separator: ", ")); \(f.condition.map(dump) ?? ""); \(f.update.map(dump).joined(separator: ", ")) \(dump(f.body)))"
    case .whileLoop(let c, let body): return "(while \(dump(c)) \(dump(body)))"
    case .doWhile(let body, let c): return "(do \(dump(body)) while \(dump(c)))"
    case .switchCase(let subject, let cases):
      let rendered = cases.map { c in
        (c.isDefault ? "default" : "case " + c.values.map(dump).joined(separator: ", ")) + ": " + c.body.map(dump).joined(separator: "; ")
      }
      return "(switch \(dump(subject)) \(rendered.joined(separator: " | ")))"
    case .tryCatch(let t):
      var out = "(try \(block(t.body))"
      for c in t.catches { out += " catch \(c.types.map(\.name).joined(separator: "|")) \(c.variable) \(block(c.body))" }
      if let f = t.finally { out += " finally \(block(f))" }
      return out + ")"
    case .returnValue(let e): return "(return\(e.map { " " + dump($0) } ?? ""))"
    case .throwValue(let e): return "(throw \(dump(e)))"
    case .breakLoop(let l): return "(break\(l.map { " " + $0 } ?? ""))"
    case .continueLoop(let l): return "(continue\(l.map { " " + $0 } ?? ""))"
    case .assertion(let c, let m): return "(assert \(dump(c))\(m.map { " " + dump($0) } ?? ""))"
    case .importDecl(let i): return "(import \(i.isStatic ? "static " : "")\(i.path)\(i.isWildcard ? ".*" : "")\(i.alias.map { " as " + $0 } ?? ""))"
    case .packageDecl(let name): return "(package \(name))"
    case .labeled(let label, let body): return "(\(label): \(dump(body)))"
    case .synchronized(let lock, let body): return "(synchronized \(dump(lock)) \(dump(body)))"
    case .error: return "(error)"
    }
  }

  static func block(_ statements: [Stmt]) -> String {
    "{" + statements.map(dump).joined(separator: "; ") + "}"
  }

  public static func dump(_ expr: Expr) -> String {
    switch expr.kind {
    case .identifier(let name): return name
    case .this: return "this"
    case .super: return "super"
    case .null: return "null"
    case .boolean(let b): return b ? "true" : "false"
    case .integer(let text), .decimal(let text): return text
    case .string(let s):
      let parts = s.parts.map { part -> String in
        switch part {
        case .text(let text, _): return "\"" + text.replacingNewlines() + "\""
        case .interpolation(let e, let braced, _): return (braced ? "${" : "$") + dump(e) + (braced ? "}" : "")
        }
      }
      return s.isPlain ? "(str \(parts.joined(separator: " ")))" : "(gstr \(parts.joined(separator: " ")))"
    case .list(let items): return "[" + items.map(dump).joined(separator: ", ") + "]"
    case .map(let entries):
      if entries.isEmpty { return "[:]" }
      return "[" + entries.map { key($0.key) + ": " + dump($0.value) }.joined(separator: ", ") + "]"
    case .closure(let c): return closure(c)
    case .property(let p):
      let op: String
      switch p.op {
      case .dot: op = "."
      case .safe: op = "?."
      case .spread: op = "*."
      case .field: op = ".@"
      case .methodPointer: op = ".&"
      }
      return "(\(dump(p.base))\(op)\(p.dynamicName.map(dump) ?? p.name))"
    case .index(let base, let args, _): return "(\(dump(base))[\(args.map(dump).joined(separator: ", "))])"
    case .call(let c):
      var parts: [String] = []
      parts.append(c.receiver.map { dump($0) + "." } ?? "")
      var out = "(call \(parts[0])\(c.name)"
      for a in c.arguments { out += " " + (a.key.map { key($0) + ": " } ?? "") + dump(a.value) }
      for cl in c.trailingClosures { out += " " + closure(cl) }
      return out + ")"
    case .prefix(let op, let e): return "(\(op.rawValue) \(dump(e)))"
    case .postfix(let op, let e): return "(\(dump(e)) \(op.rawValue))"
    case .binary(let op, let l, let r): return "(\(op.rawValue) \(dump(l)) \(dump(r)))"
    case .ternary(let c, let t, let o): return "(? \(dump(c)) \(dump(t)) \(dump(o)))"
    case .elvis(let l, let r): return "(?: \(dump(l)) \(dump(r)))"
    case .assignment(let op, let t, let v): return "(\(op.rawValue) \(dump(t)) \(dump(v)))"
    case .asType(let e, let t): return "(as \(dump(e)) \(t.name))"
    case .cast(let t, let e): return "(cast \(t.name) \(dump(e)))"
    case .instanceOf(let e, let t, _): return "(instanceof \(dump(e)) \(t.name))"
    case .new(let n): return "(new \(n.type.name)\(n.arguments.map { " " + dump($0.value) }.joined()))"
    case .range(let from, let to, let exclusive): return "(\(exclusive ? "..<" : "..") \(dump(from)) \(dump(to)))"
    case .spread(let e): return "(* \(dump(e)))"
    case .type(let t): return t.name
    case .tuple(let items): return "(tuple " + items.map(dump).joined(separator: " ") + ")"
    case .sequence(let items): return "(seq " + items.map(dump).joined(separator: " ") + ")"
    case .missing: return "<missing>"
    }
  }

  static func key(_ key: MapKey) -> String {
    switch key {
    case .name(let name, _): return name
    case .expression(let e): return "(" + dump(e) + ")"
    case .spread: return "*"
    }
  }

  static func closure(_ c: Closure) -> String {
    let params = c.hasArrow ? c.parameters.map(\.name).joined(separator: ", ") + " -> " : ""
    return "{" + params + c.body.map(dump).joined(separator: "; ") + "}"
  }
}

extension String {
  fileprivate func replacingNewlines() -> String {
    var out = ""
    for c in self { out += c == "\n" ? "\\n" : String(c) }
    return out
  }
}
