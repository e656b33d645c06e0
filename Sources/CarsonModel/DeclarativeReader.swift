import CarsonSyntax

/// Reads the declarative structure off a Groovy syntax tree, like Jenkins' `ModelParser`:
/// finds the top-level `pipeline { … }` call, turns each section into model values and reports
/// what is structurally wrong with Jenkins' own messages. It keeps going after every error so
/// that all of a file's errors come out in one pass; what it cannot read is left out of the
/// model (and, where Jenkins would then also complain, the validator reports that too).
struct DeclarativeReader {
  let tree: SyntaxTree
  var diagnostics: [Diagnostic] = []

  init(tree: SyntaxTree) {
    self.tree = tree
  }

  var source: SourceFile { tree.source }

  mutating func error(
    _ id: DiagnosticID, _ message: String, _ range: SourceRange, notes: [Diagnostic.Note] = [], fixIts: [Diagnostic.FixIt] = []
  ) {
    diagnostics.append(Diagnostic(id, message, at: range, notes: notes, fixIts: fixIts))
  }

  func text(_ range: SourceRange) -> String { source.text(range) }

  // MARK: Finding the pipeline

  /// The top-level `pipeline` calls (also inside a top-level `def call() { … }`, the shape of
  /// a shared-library pipeline definition).
  func topLevelPipelineCalls() -> [(call: Call, range: SourceRange)] {
    var found: [(Call, SourceRange)] = []
    func scan(_ statements: [Stmt]) {
      for statement in statements {
        if let call = pipelineCall(statement) { found.append((call, statement.range)) }
      }
    }
    scan(tree.statements)
    if found.isEmpty {
      // A shared-library variable may define the pipeline inside `call()`, also under `if`.
      for statement in tree.statements {
        if case .method(let method) = statement.kind, method.name == "call", let body = method.body {
          for inner in body {
            SyntaxWalker.forEachCall(in: inner) { call, range, _ in
              if call.isUnqualified, call.name == "pipeline" { found.append((call, range)) }
            }
          }
        }
      }
    }
    return found
  }

  func pipelineCall(_ statement: Stmt) -> Call? {
    guard case .expression(let expr) = statement.kind, case .call(let call) = expr.kind,
      call.isUnqualified, call.name == "pipeline"
    else { return nil }
    return call
  }

  /// `pipeline {}` nested in another block (other than the top level or a library's `call()`):
  /// Jenkins refuses it.
  mutating func reportNestedPipelines(in statements: [Stmt], allowed: [SourceRange]) {
    for statement in statements {
      SyntaxWalker.forEachCall(in: statement) { call, range, depth in
        if call.name == "pipeline" && call.isUnqualified && !call.trailingClosures.isEmpty && !allowed.contains(call.nameRange) {
          diagnostics.append(Diagnostic(.pipelineNotAtTop, "pipeline block must be at the top-level, not within another block.", at: call.nameRange))
        }
      }
    }
  }

  /// How many identifier tokens spell `pipeline`; the tree walk for nested pipelines is needed
  /// only when there are more of them than pipelines found at the top level.
  func pipelineNameCount() -> Int {
    let bytes = source.bytes
    let name: [UInt8] = Array("pipeline".utf8)
    var count = 0
    for token in tree.tokens where token.kind == .identifier && token.end - token.start == 8 {
      if bytes[Int(token.start)..<Int(token.end)].elementsEqual(name) { count += 1 }
    }
    return count
  }

  mutating func read() -> Pipeline? {
    let calls = topLevelPipelineCalls()
    if pipelineNameCount() > calls.count {
      reportNestedPipelines(in: tree.statements, allowed: calls.map(\.call.nameRange))
    }
    guard let (call, range) = calls.first else { return nil }
    for extra in calls.dropFirst() {
      error(.multiplePipelines, "Only one pipeline { ... } block can be executed in a single run.", extra.call.nameRange)
    }
    guard let body = closure(of: call) else {
      error(.pipelineWithoutBlock, "Expected a block with the \"pipeline\" step", call.nameRange)
      return nil
    }
    return readPipeline(body, range: range, keyword: call.nameRange)
  }

  // MARK: Shared helpers

  /// The closure of a block call: a trailing closure, or a closure passed as the last argument.
  func closure(of call: Call) -> Closure? {
    if let last = call.trailingClosures.last { return last }
    if let last = call.arguments.last, last.key == nil, case .closure(let c) = last.value.kind { return c }
    return nil
  }

  /// Arguments other than the block closure.
  func plainArguments(of call: Call) -> [CarsonSyntax.Argument] {
    if call.trailingClosures.isEmpty, let last = call.arguments.last, last.key == nil, case .closure = last.value.kind {
      return Array(call.arguments.dropLast())
    }
    return call.arguments
  }

  /// The method call a statement consists of, if it is exactly an unqualified call.
  func statementCall(_ statement: Stmt) -> Call? {
    guard case .expression(let expr) = statement.kind, case .call(let call) = expr.kind else { return nil }
    return call
  }

  /// The source text of an offending statement, as Jenkins quotes it in messages.
  func statementText(_ statement: Stmt) -> String {
    text(statement.range)
  }

  /// Iterates the section calls of a block, reporting statements that are not calls and
  /// duplicate sections. `sectionError` builds the message for a non-call statement.
  mutating func sectionCalls(
    _ closure: Closure, sectionError: (String) -> (DiagnosticID, String), duplicatesAllowed: Set<String> = []
  ) -> [Call] {
    var seen: NameSet = []
    var calls: [Call] = []
    for statement in closure.body {
      if case .error = statement.kind { continue }
      guard let call = statementCall(statement), call.isUnqualified else {
        let (id, message) = sectionError(statementText(statement))
        error(id, message, statement.range)
        continue
      }
      if seen.contains(call.name) && !duplicatesAllowed.contains(call.name) {
        error(.duplicateSection, "Multiple occurrences of the \(call.name) section", call.nameRange)
        continue
      }
      seen.insert(call.name)
      calls.append(call)
    }
    return calls
  }

  /// The block of a section that requires one (`stages {…}`, `environment {…}`, …).
  mutating func requireBlock(_ call: Call, _ name: String) -> Closure? {
    guard let body = closure(of: call), plainArguments(of: call).isEmpty else {
      error(.expectedBlock, "Expected a block for \(name)", call.nameRange)
      return nil
    }
    return body
  }

  // MARK: Values

  /// A model value for an expression, reporting what Jenkins refuses as a value.
  mutating func value(_ expr: Expr) -> Value {
    let literal = literalValue(expr)
    if case .call(let call) = expr.kind, call.name == "$", call.isUnqualified, call.arguments.isEmpty,
      call.trailingClosures.count == 1
    {
      let written = text(expr.range)
      error(.bareDollarCurly, "\(written) cannot be used as a value directly. Did you mean \"\(written)\"? (add quotes)", expr.range)
    }
    return Value(literal: literal, expr: expr, text: text(expr.range))
  }

  /// Groovy constants (strings without interpolation, numbers, booleans, null; `-1` folds to a constant).
  mutating func literalValue(_ expr: Expr) -> Value.Literal? {
    switch expr.kind {
    case .string(let literal): return literal.plainValue.map { .string($0) }
    case .boolean(let b): return .boolean(b)
    case .null: return .null
    case .integer(let digits): return integerLiteral(digits, negative: false, expr.range)
    case .decimal(let digits): return decimalLiteral(digits, negative: false)
    case .prefix(.negate, let inner):
      if case .integer(let digits) = inner.kind { return integerLiteral(digits, negative: true, expr.range) }
      if case .decimal(let digits) = inner.kind { return decimalLiteral(digits, negative: true) }
      return nil
    default: return nil
    }
  }

  mutating func integerLiteral(_ written: String, negative: Bool, _ range: SourceRange) -> Value.Literal? {
    guard let parsed = IntegerLiteral.parse(written, negative: negative) else {
      error(
        .bigInteger,
        "BigIntegers cannot be used as constants in Declarative. The maximum value for an integer is 9,223,372,036,854,775,807 and the minimum value for an integer is -9,223,372,036,854,775,808.",
        range)
      return nil
    }
    return .integer(parsed)
  }

  func decimalLiteral(_ written: String, negative: Bool) -> Value.Literal? {
    var digits = written.filter { $0 != "_" }
    if let last = digits.last, "dDfFgG".contains(last) { digits.removeLast() }
    guard let value = Double(digits) else { return nil }
    return .decimal(negative ? -value : value)
  }
}

