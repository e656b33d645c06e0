import CarsonSyntax
import Foundation

/// A Groovy script other than the Jenkinsfile, seen as an object: a shared library's global
/// variable (`vars/foo.groovy` is `foo`). `foo(…)` calls its `call` method, `foo.bar(…)` its
/// method `bar`; properties are what its methods set on `this` (`this.x = 1`), its `@Field`s
/// and its getters. Its methods run in its own interpreter, so errors name its file.
public final class ScriptInstance: GObject {
  /// The global variable's name (`foo`).
  public let name: String
  public let interpreter: Interpreter

  public init(name: String, interpreter: Interpreter) {
    self.name = name
    self.interpreter = interpreter
  }

  /// Jenkins compiles each var to a script class named after it.
  public var groovyClassName: String { name }
  public var groovyDescription: String { "\(name)@1" }

  /// Whether `foo(…)` can call it: the script declares `call`.
  public var isCallable: Bool { interpreter.hasFunction("call") }

  public func invokeMethod(_ method: String, _ arguments: CallArguments, _ context: EvaluationContext) throws -> GValue {
    guard interpreter.hasFunction(method) else {
      throw GroovyError.missingMethod(method, name, arguments.groovyArguments.count)
    }
    return try interpreter.callScriptMethod(method, arguments.groovyArguments, context, at: SourceRange.point(0))
  }

  public func getProperty(_ property: String, _ context: EvaluationContext) throws -> GValue {
    if let value = interpreter.binding.lookup(property) { return value }
    let getter = "get" + property.prefix(1).uppercased() + property.dropFirst()
    if interpreter.hasFunction(getter) { return try invokeMethod(getter, CallArguments(), context) }
    throw GroovyError.missingProperty(property, name)
  }

  public func setProperty(_ property: String, _ value: GValue, _ context: EvaluationContext) throws {
    interpreter.binding.declare(property, value)
  }
}
