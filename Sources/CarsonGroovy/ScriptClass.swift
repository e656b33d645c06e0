import CarsonSyntax
import Foundation

/// A class declared in Groovy source that Carson runs: a shared library's `src/` class with
/// fields, constructors and instance methods (`new Zot(steps)`, `z.echo('x')`).
///
/// What is beyond that (inheritance, static members, interfaces, enums, nested types, other
/// statements in the body) is found when the class is read and reported, at the member and in
/// its file, when the class is used: a library may carry classes a pipeline never touches.
public final class ScriptClass {
  /// The name under which a method's scope holds the instance `this` refers to (a keyword, so
  /// no script variable can have it).
  static let thisVariable = "this"

  /// `org.foo.Zot`.
  public let qualifiedName: String
  public var simpleName: String { declaration.name }
  /// The interpreter of the file that declares the class (its source, lock and host).
  let interpreter: Interpreter
  let declaration: TypeDecl
  var fields: [VariableDecl] = []
  var constructors: [(parameters: [String], body: [Stmt], range: SourceRange)] = []
  var methods: [String: [MethodDecl]] = [:]
  /// The first thing in the declaration Carson cannot run, if any.
  public private(set) var unsupported: UnsupportedConstruct?

  public init(_ declaration: TypeDecl, at range: SourceRange, package: String?, interpreter: Interpreter) {
    self.declaration = declaration
    self.interpreter = interpreter
    self.qualifiedName = package.map { "\($0).\(declaration.name)" } ?? declaration.name
    read(range)
  }

  private func read(_ range: SourceRange) {
    func reject(_ message: String, _ at: SourceRange) {
      guard unsupported == nil else { return }
      var problem = UnsupportedConstruct(message, at: at)
      problem.source = interpreter.source
      unsupported = problem
    }
    guard declaration.kind == .class else {
      return reject("\(declaration.kind.rawValue) \(declaration.name): Carson runs only classes from library sources", declaration.nameRange)
    }
    let header = interpreter.source.text(SourceRange(start: declaration.nameRange.end, end: range.end)).prefix { $0 != "{" }
    if let extends = header.range(of: #"\bextends\s+[\w.]+"#, options: .regularExpression) {
      reject("class \(declaration.name) \(header[extends]): Carson does not support class inheritance", declaration.nameRange)
    }
    for member in declaration.members {
      switch member.kind {
      case .variable(let field):
        if field.modifiers.keywords.contains(.kwStatic) { reject("static field in class \(declaration.name)", member.range) }
        fields.append(field)
      case .method(let method):
        if method.modifiers.keywords.contains(.kwStatic) { reject("static method '\(method.name)' in class \(declaration.name)", member.range) }
        methods[method.name, default: []].append(method)
      case .expression(let expr):
        // The parser reads a constructor `Zot(a, b) { … }` as a call with a trailing closure.
        if case .call(let call) = expr.kind, call.receiver == nil, call.name == declaration.name, call.trailingClosures.count == 1,
          let parameters = constructorParameters(call)
        {
          constructors.append((parameters, call.trailingClosures[0].body, member.range))
        } else {
          reject("this statement in the body of class \(declaration.name) (Carson supports fields, constructors with untyped parameters and instance methods)", member.range)
        }
      case .typeDecl(let nested):
        reject("nested type '\(nested.name)' in class \(declaration.name)", member.range)
      default:
        reject("this statement in the body of class \(declaration.name)", member.range)
      }
    }
  }

  private func constructorParameters(_ call: Call) -> [String]? {
    var names: [String] = []
    for argument in call.arguments {
      guard argument.key == nil, case .identifier(let name) = argument.value.kind else { return nil }
      names.append(name)
    }
    return names
  }

  /// `new Name(arguments)`: fields initialised in order, then the constructor whose parameter
  /// count matches (none declared: only `new Name()`).
  public func instantiate(_ arguments: [GValue], _ context: EvaluationContext, at range: SourceRange) throws -> GValue {
    if let unsupported { throw unsupported }
    let instance = ScriptClassInstance(self)
    let body = instance.scope
    try interpreter.attributingErrors {
      for field in fields {
        for declarator in field.declarators {
          instance.fields[declarator.name] = try declarator.initializer.map { try interpreter.evaluate($0, in: body, context) } ?? .null
        }
      }
      if constructors.isEmpty && arguments.isEmpty { return }
      guard let constructor = constructors.first(where: { $0.parameters.count == arguments.count }) else {
        throw GroovyError(
          "groovy.lang.GroovyRuntimeException",
          "Could not find matching constructor for: \(qualifiedName)(\(arguments.map(Groovy.className).joined(separator: ", ")))", range: range)
      }
      let scope = Scope(parent: body)
      for (name, value) in zip(constructor.parameters, arguments) { scope.declare(name, value) }
      do {
        _ = try interpreter.execute(constructor.body, in: scope, context)
      } catch ControlFlow.returnValue {}
    }
    return .object(instance)
  }

  func method(_ name: String, arity: Int) -> MethodDecl? {
    let candidates = methods[name] ?? []
    return candidates.first { $0.parameters.count == arity }
      ?? candidates.first { m in m.parameters.count >= arity && m.parameters.dropFirst(arity).allSatisfy { $0.defaultValue != nil } }
  }
}

/// An object made by `new` from a `ScriptClass`. Its methods run with the fields in scope
/// (through the scope's delegate, so a local variable or parameter hides a field) and `this`
/// bound to it.
public final class ScriptClassInstance: GObject {
  let type: ScriptClass
  var fields: [String: GValue] = [:]

  init(_ type: ScriptClass) { self.type = type }

  /// A scope of the class body: the file's script binding, with this object as delegate and
  /// as `this`. Made per call (kept, it would hold the object in a cycle).
  var scope: Scope {
    let scope = Scope(parent: type.interpreter.binding)
    scope.delegate = .object(self)
    scope.declare(ScriptClass.thisVariable, .object(self))
    return scope
  }

  public var groovyClassName: String { type.qualifiedName }

  public func getProperty(_ name: String, _ context: EvaluationContext) throws -> GValue {
    if let value = fields[name] { return value }
    let getter = "get" + name.prefix(1).uppercased() + name.dropFirst()
    if type.method(getter, arity: 0) != nil { return try invokeMethod(getter, CallArguments(), context) }
    throw GroovyError.missingProperty(name, groovyClassName)
  }

  public func setProperty(_ name: String, _ value: GValue, _ context: EvaluationContext) throws {
    guard fields[name] != nil else { throw GroovyError.missingProperty(name, groovyClassName) }
    fields[name] = value
  }

  public func invokeMethod(_ name: String, _ arguments: CallArguments, _ context: EvaluationContext) throws -> GValue {
    let values = arguments.groovyArguments
    guard let method = type.method(name, arity: values.count), let body = method.body else {
      throw GroovyError.missingMethod(name, groovyClassName, values.count)
    }
    let interpreter = type.interpreter
    return try interpreter.attributingErrors {
      try interpreter.withDepth(method.nameRange) {
        let local = Scope(parent: scope)
        try interpreter.bind(method.parameters, values, into: local, context)
        do {
          return try interpreter.execute(body, in: local, context)
        } catch ControlFlow.returnValue(let value) {
          return value
        }
      }
    }
  }

  public var groovyDescription: String { "\(type.qualifiedName)@\(String(UInt(bitPattern: ObjectIdentifier(self).hashValue), radix: 16))" }
}
