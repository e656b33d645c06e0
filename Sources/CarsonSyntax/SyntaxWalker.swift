/// Pre-order traversal of statements and expressions. Depth is bounded by the parser's nesting
/// limit, so plain recursion is safe.
public enum SyntaxWalker {
  /// Calls `visit` for every expression under `statement`, with the number of closures and
  /// blocks it is nested in (0 for the statement's own expression).
  public static func forEachExpression(in statement: Stmt, _ visit: (Expr, Int) -> Void) {
    walk(statement, depth: 0, visit)
  }

  /// Every call under `statement`, with its nesting depth.
  public static func forEachCall(in statement: Stmt, _ visit: (Call, SourceRange, Int) -> Void) {
    walk(statement, depth: 0) { expr, depth in
      if case .call(let call) = expr.kind { visit(call, expr.range, depth) }
    }
  }

  /// Calls `visit` for `statement` and every statement nested in it (bodies, blocks, closures).
  public static func forEachStatement(in statement: Stmt, _ visit: (Stmt) -> Void) {
    visit(statement)
    func children(_ s: Stmt) -> [Stmt] {
      switch s.kind {
      case .method(let m): return m.body ?? []
      case .typeDecl(let t): return t.members
      case .block(let body): return body
      case .ifElse(_, let then, let otherwise): return [then] + (otherwise.map { [$0] } ?? [])
      case .forIn(let f): return [f.body]
      case .forLoop(let f): return f.initializer + [f.body]
      case .whileLoop(_, let body), .doWhile(let body, _), .labeled(_, let body), .synchronized(_, let body): return [body]
      case .switchCase(_, let cases): return cases.flatMap(\.body)
      case .tryCatch(let t): return t.body + t.catches.flatMap(\.body) + (t.finally ?? [])
      default: return []
      }
    }
    for child in children(statement) { forEachStatement(in: child, visit) }
    // Closures written directly in this statement's expressions; deeper ones are reached
    // through the statements that hold them.
    walk(statement, depth: 0) { expr, depth in
      guard depth == 0 else { return }
      if case .closure(let c) = expr.kind { for s in c.body { forEachStatement(in: s, visit) } }
      if case .call(let call) = expr.kind { for c in call.trailingClosures { for s in c.body { forEachStatement(in: s, visit) } } }
    }
  }

  static func walk(_ statements: [Stmt], depth: Int, _ visit: (Expr, Int) -> Void) {
    for statement in statements { walk(statement, depth: depth, visit) }
  }

  static func walk(_ statement: Stmt, depth: Int, _ visit: (Expr, Int) -> Void) {
    let inner = depth + 1
    switch statement.kind {
    case .expression(let e): walk(e, depth: depth, visit)
    case .variable(let decl):
      for d in decl.declarators { if let e = d.initializer { walk(e, depth: depth, visit) } }
      if let e = decl.multipleValue { walk(e, depth: depth, visit) }
    case .method(let m): walk(m.body ?? [], depth: inner, visit)
    case .typeDecl(let t): walk(t.members, depth: inner, visit)
    case .block(let body): walk(body, depth: inner, visit)
    case .ifElse(let c, let then, let otherwise):
      walk(c, depth: depth, visit)
      walk(then, depth: inner, visit)
      if let o = otherwise { walk(o, depth: inner, visit) }
    case .forIn(let f):
      walk(f.iterable, depth: depth, visit)
      walk(f.body, depth: inner, visit)
    case .forLoop(let f):
      walk(f.initializer, depth: depth, visit)
      if let c = f.condition { walk(c, depth: depth, visit) }
      for u in f.update { walk(u, depth: depth, visit) }
      walk(f.body, depth: inner, visit)
    case .whileLoop(let c, let body), .doWhile(let body, let c):
      walk(c, depth: depth, visit)
      walk(body, depth: inner, visit)
    case .switchCase(let subject, let cases):
      walk(subject, depth: depth, visit)
      for c in cases {
        for v in c.values { walk(v, depth: depth, visit) }
        walk(c.body, depth: inner, visit)
      }
    case .tryCatch(let t):
      walk(t.body, depth: inner, visit)
      for c in t.catches { walk(c.body, depth: inner, visit) }
      if let f = t.finally { walk(f, depth: inner, visit) }
    case .returnValue(let e): if let e { walk(e, depth: depth, visit) }
    case .throwValue(let e): walk(e, depth: depth, visit)
    case .assertion(let c, let m):
      walk(c, depth: depth, visit)
      if let m { walk(m, depth: depth, visit) }
    case .labeled(_, let body): walk(body, depth: depth, visit)
    case .synchronized(let lock, let body):
      walk(lock, depth: depth, visit)
      walk(body, depth: inner, visit)
    case .breakLoop, .continueLoop, .importDecl, .packageDecl, .error: break
    }
  }

  static func walk(_ expr: Expr, depth: Int, _ visit: (Expr, Int) -> Void) {
    visit(expr, depth)
    switch expr.kind {
    case .identifier, .this, .super, .null, .boolean, .integer, .decimal, .type, .missing: break
    case .string(let s):
      for case .interpolation(let e, _, _) in s.parts { walk(e, depth: depth, visit) }
    case .list(let items), .tuple(let items), .sequence(let items):
      for e in items { walk(e, depth: depth, visit) }
    case .map(let entries):
      for entry in entries {
        if case .expression(let k) = entry.key { walk(k, depth: depth, visit) }
        walk(entry.value, depth: depth, visit)
      }
    case .closure(let c): walk(c.body, depth: depth + 1, visit)
    case .property(let p):
      walk(p.base, depth: depth, visit)
      if let d = p.dynamicName { walk(d, depth: depth, visit) }
    case .index(let base, let args, _):
      walk(base, depth: depth, visit)
      for a in args { walk(a, depth: depth, visit) }
    case .call(let call):
      if let r = call.receiver { walk(r, depth: depth, visit) }
      for a in call.arguments { walk(a.value, depth: depth, visit) }
      for c in call.trailingClosures { walk(c.body, depth: depth + 1, visit) }
    case .prefix(_, let e), .postfix(_, let e), .asType(let e, _), .cast(_, let e), .instanceOf(let e, _, _), .spread(let e):
      walk(e, depth: depth, visit)
    case .binary(_, let l, let r), .elvis(let l, let r), .assignment(_, let l, let r), .range(let l, let r, _):
      walk(l, depth: depth, visit)
      walk(r, depth: depth, visit)
    case .ternary(let c, let t, let o):
      walk(c, depth: depth, visit)
      walk(t, depth: depth, visit)
      walk(o, depth: depth, visit)
    case .new(let n):
      for a in n.arguments { walk(a.value, depth: depth, visit) }
      for d in n.arrayDimensions { walk(d, depth: depth, visit) }
      if let body = n.body { walk(body, depth: depth + 1, visit) }
    }
  }
}
