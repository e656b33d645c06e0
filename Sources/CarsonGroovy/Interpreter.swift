import CarsonSyntax
import Foundation

/// What the interpreter asks of the program running it: steps, global variables and static
/// classes. The engine implements it; tests implement small fakes.
public protocol ScriptHost: AnyObject {
  /// Calls the step or global function `name`; returns nil when there is none by that name.
  func callStep(_ name: String, _ arguments: CallArguments, _ context: EvaluationContext, at range: SourceRange) throws -> GValue?
  /// A global variable (`env`, `params`, `currentBuild`, an environment variable, …), or nil.
  func globalVariable(_ name: String, _ context: EvaluationContext) throws -> GValue?
  /// What `foo()` reports when nothing answers to `foo` (Jenkins lists its steps).
  func noSuchMethod(_ name: String) -> GroovyError
}

/// A tree-walking interpreter for the Groovy subset Carson's parser accepts.
///
/// Evaluation never crashes: what is not implemented throws `UnsupportedConstruct` at the
/// construct, Groovy errors throw `GroovyError`, and every loop turn and call checks the
/// context for interruption. Groovy code runs under `lock` (one Groovy thread at a time, as in
/// Jenkins); hosts release it around blocking work such as running a process.
public final class Interpreter: @unchecked Sendable {
  public let tree: SyntaxTree
  public let host: ScriptHost
  /// Script-level variables (assigned without `def`, or `@Field`): visible everywhere.
  public let binding: Scope
  /// Top-level `def` variables: visible to closures of the script body (the pipeline), not to methods.
  public let scriptScope: Scope
  public let lock: InterpreterLock
  var functions: [String: [MethodDecl]] = [:]
  var depth = 0
  /// Classes `new` can make besides the built-in ones (a shared library's `src/` classes), by
  /// simple and by qualified name.
  public var classes: [String: ScriptClass] = [:]

  /// Calls nested deeper than this stop with a Groovy StackOverflowError instead of crashing.
  static let maxCallDepth = 400

  /// `lock`: the lock of the run's other interpreters (a library var's interpreter shares the
  /// Jenkinsfile's, so that one thread runs Groovy at a time across all of them).
  public init(tree: SyntaxTree, host: ScriptHost, lock: InterpreterLock = InterpreterLock()) {
    self.tree = tree
    self.host = host
    self.lock = lock
    self.binding = Scope(parent: nil)
    self.scriptScope = Scope(parent: binding)
    for statement in tree.statements {
      if case .method(let method) = statement.kind { functions[method.name, default: []].append(method) }
    }
  }

  public var source: SourceFile { tree.source }

  /// Runs the top-level statements of the script in order, except those `skip` selects (the
  /// engine skips the `pipeline` block and runs it itself).
  public func runScript(_ context: EvaluationContext, skip: (Stmt) -> Bool) throws {
    for statement in tree.statements where !skip(statement) {
      switch statement.kind {
      case .method, .typeDecl, .importDecl, .packageDecl: continue
      case .expression(let expr):
        // `@Library('x') _`: the `_` only carries the annotation.
        if case .identifier("_") = expr.kind, !statement.annotations.isEmpty { continue }
      default: break
      }
      if case .variable(let decl) = statement.kind, statement.annotations.contains(where: { $0.name == "Field" }) {
        try declare(decl, in: binding, context)
        continue
      }
      _ = try execute(statement, in: scriptScope, context)
    }
  }

  /// Runs only the `@Field` declarations: what instantiating a library var's script does
  /// (its other top-level statements do not run).
  public func initializeFields(_ context: EvaluationContext) throws {
    for statement in tree.statements {
      if case .variable(let decl) = statement.kind, statement.annotations.contains(where: { $0.name == "Field" }) {
        try attributingErrors { try declare(decl, in: binding, context) }
      }
    }
  }

  /// Whether the script declares a top-level method `name`.
  public func hasFunction(_ name: String) -> Bool { functions[name] != nil }

  /// Calls the script's top-level method `name` from outside (a library var's `call`), with
  /// errors located in this script's file.
  public func callScriptMethod(_ name: String, _ arguments: [GValue], _ context: EvaluationContext, at range: SourceRange) throws -> GValue {
    try attributingErrors { try callFunction(name, arguments, context, at: range) }
  }

  /// Runs `body`; a Groovy error or unsupported construct that leaves it without a file gets
  /// this script's file (its range is in this script).
  public func attributingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch var error as GroovyError {
      if error.source == nil, error.range != nil { error.source = source }
      throw error
    } catch var error as UnsupportedConstruct {
      if error.source == nil { error.source = source }
      throw error
    }
  }

  // MARK: Statements

  /// Runs a block and returns the value of its last expression statement (a closure's value).
  public func execute(_ statements: [Stmt], in scope: Scope, _ context: EvaluationContext) throws -> GValue {
    var last = GValue.null
    for statement in statements {
      last = try execute(statement, in: scope, context)
    }
    return last
  }

  /// Runs a block that `return` may leave (a `script {}` or `expression {}` body): its value
  /// is the returned value, or that of its last expression.
  public func runBody(_ statements: [Stmt], in scope: Scope, _ context: EvaluationContext) throws -> GValue {
    do {
      return try execute(statements, in: scope, context)
    } catch ControlFlow.returnValue(let value) {
      return value
    }
  }

  func execute(_ statement: Stmt, in scope: Scope, _ context: EvaluationContext) throws -> GValue {
    switch statement.kind {
    case .expression(let expr):
      return try evaluate(expr, in: scope, context)
    case .variable(let decl):
      try declare(decl, in: scope, context)
      return .null
    case .method, .importDecl, .packageDecl, .typeDecl:
      return .null
    case .block(let body):
      return try execute(body, in: Scope(parent: scope), context)
    case .ifElse(let condition, let then, let otherwise):
      if Groovy.truthy(try evaluate(condition, in: scope, context)) {
        return try execute(then, in: Scope(parent: scope), context)
      } else if let otherwise {
        return try execute(otherwise, in: Scope(parent: scope), context)
      }
      return .null
    case .forIn(let loop):
      try forIn(loop, label: nil, in: scope, context)
      return .null
    case .forLoop(let loop):
      try forLoop(loop, label: nil, in: scope, context)
      return .null
    case .whileLoop(let condition, let body):
      try whileLoop(condition: condition, body: body, label: nil, checkFirst: true, in: scope, context)
      return .null
    case .doWhile(let body, let condition):
      try whileLoop(condition: condition, body: body, label: nil, checkFirst: false, in: scope, context)
      return .null
    case .labeled(let label, let body):
      switch body.kind {
      case .forIn(let loop): try forIn(loop, label: label, in: scope, context)
      case .forLoop(let loop): try forLoop(loop, label: label, in: scope, context)
      case .whileLoop(let condition, let loopBody):
        try whileLoop(condition: condition, body: loopBody, label: label, checkFirst: true, in: scope, context)
      default: return try execute(body, in: scope, context)
      }
      return .null
    case .switchCase(let subject, let cases):
      return try switchCase(subject, cases, in: scope, context)
    case .tryCatch(let t):
      return try tryCatch(t, in: scope, context)
    case .returnValue(let expr):
      throw ControlFlow.returnValue(try expr.map { try evaluate($0, in: scope, context) } ?? .null)
    case .throwValue(let expr):
      throw try throwable(from: try evaluate(expr, in: scope, context), at: expr.range)
    case .breakLoop(let label):
      throw ControlFlow.breakLoop(label)
    case .continueLoop(let label):
      throw ControlFlow.continueLoop(label)
    case .assertion(let condition, let message):
      if !Groovy.truthy(try evaluate(condition, in: scope, context)) {
        // `assert x : 'msg'` throws Java's AssertionError ("msg. Expression: (a == b)"); a bare
        // `assert` throws Groovy's power assertion (its value diagram is not reproduced).
        if let message {
          let text = Groovy.string(try evaluate(message, in: scope, context)) + ". Expression: " + assertionText(condition)
          throw GroovyError("java.lang.AssertionError", text, range: statement.range)
        }
        throw GroovyError("org.codehaus.groovy.runtime.powerassert.PowerAssertionError", "assert \(source.text(condition.range))", range: statement.range)
      }
      return .null
    case .synchronized(_, let body):
      return try execute(body, in: Scope(parent: scope), context)
    case .error:
      throw UnsupportedConstruct("This statement has a syntax error", at: statement.range)
    }
  }

  func declare(_ decl: VariableDecl, in scope: Scope, _ context: EvaluationContext) throws {
    if let multiple = decl.multipleValue {
      let value = try evaluate(multiple, in: scope, context)
      let items: [GValue]
      if case .list(let list) = value { items = list.items } else { items = [value] }
      for (i, d) in decl.declarators.enumerated() { scope.declare(d.name, i < items.count ? items[i] : .null) }
      return
    }
    for d in decl.declarators {
      var value = try d.initializer.map { try evaluate($0, in: scope, context) } ?? .null
      if let type = decl.type { value = try coerce(value, to: type, at: d.nameRange) }
      scope.declare(d.name, value)
    }
  }

  /// Assignment to a typed variable converts like Groovy does for the common cases.
  func coerce(_ value: GValue, to type: TypeName, at range: SourceRange) throws -> GValue {
    if type.arrayDimensions > 0 { return try Conversions.convert(value, to: type, at: range) }  // `String[] a = [...]`
    switch (type.name, value) {
    case ("String", .null), (_, .null): return .null
    case ("String", _): return .string(Groovy.string(value))
    case ("int", .decimal(let d)), ("Integer", .decimal(let d)), ("long", .decimal(let d)), ("Long", .decimal(let d)):
      return .int(d.int64Value)
    case ("boolean", _), ("Boolean", _): return .bool(Groovy.truthy(value))
    case ("double", .int(let i)), ("Double", .int(let i)), ("float", .int(let i)), ("Float", .int(let i)):
      return .decimal(GDecimal(double: Double(i)))  // `double d = 3` prints 3.0
    case ("BigDecimal", .int(let i)):
      return .decimal(GDecimal(i))
    default: return value
    }
  }

  // MARK: Loops

  func forIn(_ loop: ForIn, label: String?, in scope: Scope, _ context: EvaluationContext) throws {
    let iterable = try evaluate(loop.iterable, in: scope, context)
    for item in try iterate(iterable, at: loop.iterable.range) {
      try context.checkInterrupted()
      let body = Scope(parent: scope)
      body.declare(loop.variable, item)
      do {
        _ = try execute(loop.body, in: body, context)
      } catch ControlFlow.breakLoop(let l) where l == nil || l == label {
        return
      } catch ControlFlow.continueLoop(let l) where l == nil || l == label {
        continue
      }
    }
  }

  func forLoop(_ loop: ForLoop, label: String?, in scope: Scope, _ context: EvaluationContext) throws {
    let outer = Scope(parent: scope)
    for statement in loop.initializer { _ = try execute(statement, in: outer, context) }
    while true {
      try context.checkInterrupted()
      if let condition = loop.condition, !Groovy.truthy(try evaluate(condition, in: outer, context)) { break }
      do {
        _ = try execute(loop.body, in: Scope(parent: outer), context)
      } catch ControlFlow.breakLoop(let l) where l == nil || l == label {
        return
      } catch ControlFlow.continueLoop(let l) where l == nil || l == label {}
      for update in loop.update { _ = try evaluate(update, in: outer, context) }
    }
  }

  func whileLoop(condition: Expr, body: Stmt, label: String?, checkFirst: Bool, in scope: Scope, _ context: EvaluationContext) throws {
    var first = true
    while true {
      try context.checkInterrupted()
      if checkFirst || !first {
        if !Groovy.truthy(try evaluate(condition, in: scope, context)) { break }
      }
      first = false
      do {
        _ = try execute(body, in: Scope(parent: scope), context)
      } catch ControlFlow.breakLoop(let l) where l == nil || l == label {
        return
      } catch ControlFlow.continueLoop(let l) where l == nil || l == label {}
    }
  }

  /// The elements `for (x in value)` and `each` visit.
  public func iterate(_ value: GValue, at range: SourceRange) throws -> [GValue] {
    switch value {
    case .null: return []
    case .list(let l): return l.items
    case .map(let m): return m.entries.map { .object(MapEntryObject(key: $0.0, value: $0.1)) }
    case .string(let s): return Groovy.characters(s)
    case .object(let o):
      if let iterable = o as? GroovyIterable { return try iterable.groovyElements() }
      throw UnsupportedConstruct("Cannot iterate over a \(o.groovyClassName)", at: range)
    default:
      return [value]
    }
  }

  func switchCase(_ subject: Expr, _ cases: [SwitchCase], in scope: Scope, _ context: EvaluationContext) throws -> GValue {
    let value = try evaluate(subject, in: scope, context)
    // Groovy lays the `default:` body out after every case, wherever it is written: all cases
    // are tried first, a match falls through later cases into the default (until `break`),
    // and the default falls through nothing.
    let ordered = cases.filter { !($0.isDefault && $0.values.isEmpty) } + cases.filter { $0.isDefault && $0.values.isEmpty }
    var start: Int?
    search: for (i, c) in ordered.enumerated() {
      for candidate in c.values where try isCase(try evaluate(candidate, in: scope, context), value, context) {
        start = i
        break search
      }
    }
    guard let first = start ?? ordered.firstIndex(where: \.isDefault) else { return .null }
    var result = GValue.null
    do {
      for c in ordered[first...] { result = try execute(c.body, in: Scope(parent: scope), context) }
    } catch ControlFlow.breakLoop(nil) {}
    return result
  }

  /// Groovy's `isCase`: `case 'a':`, `case ['a', 'b']:`, `case ~/re/:`, `case { it > 1 }:`.
  public func isCase(_ pattern: GValue, _ value: GValue, _ context: EvaluationContext) throws -> Bool {
    switch pattern {
    case .list(let l): return l.items.contains { Groovy.javaEquals($0, value) }
    case .map(let m): return Groovy.truthy(m[value] ?? .null)  // Groovy 2.4: the value's truth
    case .closure(let c): return Groovy.truthy(try call(c, [value], context))
    case .object(let o):
      if let pattern = o as? GroovyPattern { return pattern.matchesWhole(Groovy.string(value)) }
      if let type = o as? GroovyType { return Conversions.isInstance(value, of: type.typeName) }  // `case String:`
      if let range = o as? GroovyIterable { return try range.groovyElements().contains { Groovy.equals($0, value) } }
      return Groovy.equals(pattern, value)
    default: return Groovy.equals(pattern, value)
    }
  }

  // MARK: try/catch

  func tryCatch(_ t: TryCatch, in scope: Scope, _ context: EvaluationContext) throws -> GValue {
    var result = GValue.null
    do {
      defer {}
      do {
        result = try execute(t.body, in: Scope(parent: scope), context)
      } catch let error where !(error is ControlFlow) && !(error is UnsupportedConstruct) {
        guard let handler = t.catches.first(where: { clause in catches(clause, error) }) else { throw error }
        let catchScope = Scope(parent: scope)
        catchScope.declare(handler.variable, .object(ExceptionObject(error)))
        result = try execute(handler.body, in: catchScope, context)
      }
    } catch {
      if let finallyBody = t.finally { _ = try execute(finallyBody, in: Scope(parent: scope), context) }
      throw error
    }
    if let finallyBody = t.finally { _ = try execute(finallyBody, in: Scope(parent: scope), context) }
    return result
  }

  func catches(_ clause: TryCatch.Catch, _ error: Error) -> Bool {
    let className = (error as? GroovyThrowable)?.groovyClassName ?? "java.lang.Exception"
    let types = clause.types.isEmpty ? ["java.lang.Exception"] : clause.types.map(\.name)
    return types.contains { ExceptionHierarchy.isSubclass(className, of: $0) }
  }

  /// `throw x`: an exception object, or (like Groovy) anything else wrapped.
  func throwable(from value: GValue, at range: SourceRange) throws -> Error {
    if case .object(let o) = value, let exception = o as? ExceptionObject { return exception.error }
    if case .string(let s) = value { return GroovyError("java.lang.Exception", s, range: range) }
    throw GroovyError("org.codehaus.groovy.runtime.typehandling.GroovyCastException", "Cannot cast object '\(Groovy.string(value))' to class 'java.lang.Throwable'", range: range)
  }
}

/// The interpreter lock: one thread runs Groovy at a time. Blocking host work runs unlocked.
/// `locked` is re-entrant for the owning thread (nested evaluations); `unlocked` releases the
/// lock completely, whatever the nesting, and restores it afterwards.
public final class InterpreterLock: @unchecked Sendable {
  private let mutex = NSLock()
  private var owner: pthread_t?
  private var depth = 0

  public init() {}

  var ownedByCurrentThread: Bool {
    guard let owner else { return false }
    return pthread_equal(owner, pthread_self()) != 0
  }

  public func locked<T>(_ body: () throws -> T) rethrows -> T {
    if ownedByCurrentThread {
      depth += 1
      defer { depth -= 1 }
      return try body()
    }
    mutex.lock()
    owner = pthread_self()
    depth = 1
    defer {
      depth = 0
      owner = nil
      mutex.unlock()
    }
    return try body()
  }

  /// Runs `body` with the lock released (when this thread holds it), then takes it back.
  public func unlocked<T>(_ body: () throws -> T) rethrows -> T {
    guard ownedByCurrentThread else { return try body() }
    let savedDepth = depth
    depth = 0
    owner = nil
    mutex.unlock()
    defer {
      mutex.lock()
      owner = pthread_self()
      depth = savedDepth
    }
    return try body()
  }
}

/// Host objects that `for`/`each` can walk.
public protocol GroovyIterable {
  func groovyElements() throws -> [GValue]
}

/// Regex patterns for `switch` and `in`.
public protocol GroovyPattern {
  func matchesWhole(_ text: String) -> Bool
}
