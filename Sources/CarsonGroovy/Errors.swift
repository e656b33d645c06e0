import CarsonSyntax

/// Something a Groovy `catch` can catch, with the Java class it stands for.
public protocol GroovyThrowable: Error {
  /// Fully qualified Java class name (`hudson.AbortException`).
  var groovyClassName: String { get }
  var groovyMessage: String? { get }
}

/// Errors raised by Groovy code itself (`throw`, missing properties, bad casts, …).
public struct GroovyError: GroovyThrowable, CustomStringConvertible {
  public var groovyClassName: String
  public var groovyMessage: String?
  /// The thrown object when Groovy code threw one (`throw new Exception('x')`, rethrow of `e`).
  public var thrown: GValue?
  public var range: SourceRange?
  /// The file `range` is in when it is not the Jenkinsfile (a shared library's var or class).
  public var source: SourceFile?
  /// `new Exception('msg', cause)`: the exception this one wraps.
  public var cause: GroovyThrowable?

  public init(_ className: String, _ message: String?, thrown: GValue? = nil, range: SourceRange? = nil) {
    self.groovyClassName = className
    self.groovyMessage = message
    self.thrown = thrown
    self.range = range
  }

  /// `java.lang.Exception: message`, as Java prints an exception.
  public var description: String {
    groovyMessage.map { "\(groovyClassName): \($0)" } ?? groovyClassName
  }

  public static func missingProperty(_ name: String, _ className: String) -> GroovyError {
    GroovyError("groovy.lang.MissingPropertyException", "No such property: \(name) for class: \(className)")
  }

  public static func readOnlyProperty(_ name: String, _ className: String) -> GroovyError {
    GroovyError("groovy.lang.ReadOnlyPropertyException", "Cannot set readonly property: \(name) for class: \(className)")
  }

  public static func missingMethod(_ name: String, _ className: String, _ count: Int) -> GroovyError {
    GroovyError(
      "groovy.lang.MissingMethodException",
      "No signature of method: \(className).\(name)() is applicable for argument types: (\(count) arguments)")
  }

  public static func nullPointer(_ what: String) -> GroovyError {
    GroovyError("java.lang.NullPointerException", "Cannot invoke method \(what) on null object")
  }

  public static func illegalArgument(_ message: String) -> GroovyError {
    GroovyError("java.lang.IllegalArgumentException", message)
  }
}

/// A construct the interpreter does not implement. It stops the run with a diagnostic at the
/// construct; it is not catchable by Groovy code (the script would otherwise misbehave
/// silently).
public struct UnsupportedConstruct: Error, CustomStringConvertible {
  public var message: String
  public var range: SourceRange
  /// The file `range` is in when it is not the Jenkinsfile (a shared library's var or class).
  public var source: SourceFile?

  public init(_ message: String, at range: SourceRange) {
    self.message = message
    self.range = range
  }

  public var description: String { message }
}

/// `return`, `break` and `continue` unwinding through Swift's error path.
enum ControlFlow: Error {
  case returnValue(GValue)
  case breakLoop(String?)
  case continueLoop(String?)
}

/// Java's exception hierarchy, as far as Jenkinsfiles' `catch` clauses look at it.
public enum ExceptionHierarchy {
  static let parents: [String: String] = [
    "java.lang.Exception": "java.lang.Throwable",
    "java.lang.Error": "java.lang.Throwable",
    "java.lang.AssertionError": "java.lang.Error",
    "org.codehaus.groovy.runtime.powerassert.PowerAssertionError": "java.lang.AssertionError",
    "java.lang.RuntimeException": "java.lang.Exception",
    "java.io.IOException": "java.lang.Exception",
    "java.io.FileNotFoundException": "java.io.IOException",
    "hudson.AbortException": "java.io.IOException",
    "java.lang.InterruptedException": "java.lang.Exception",
    "org.jenkinsci.plugins.workflow.steps.FlowInterruptedException": "java.lang.InterruptedException",
    "java.lang.IllegalArgumentException": "java.lang.RuntimeException",
    "java.lang.NumberFormatException": "java.lang.IllegalArgumentException",
    "java.lang.IllegalStateException": "java.lang.RuntimeException",
    "java.lang.NullPointerException": "java.lang.RuntimeException",
    "java.lang.UnsupportedOperationException": "java.lang.RuntimeException",
    "java.lang.IndexOutOfBoundsException": "java.lang.RuntimeException",
    "java.lang.StringIndexOutOfBoundsException": "java.lang.IndexOutOfBoundsException",
    "java.util.NoSuchElementException": "java.lang.RuntimeException",
    "java.util.ConcurrentModificationException": "java.lang.RuntimeException",
    "java.util.regex.PatternSyntaxException": "java.lang.IllegalArgumentException",
    "java.util.IllegalFormatException": "java.lang.IllegalArgumentException",
    "java.util.MissingFormatArgumentException": "java.util.IllegalFormatException",
    "java.util.IllegalFormatConversionException": "java.util.IllegalFormatException",
    "groovy.json.JsonException": "java.lang.RuntimeException",
    "org.codehaus.groovy.runtime.typehandling.GroovyCastException": "java.lang.ClassCastException",
    "java.lang.VirtualMachineError": "java.lang.Error",
    "java.lang.StackOverflowError": "java.lang.VirtualMachineError",
    "java.lang.ArrayIndexOutOfBoundsException": "java.lang.IndexOutOfBoundsException",
    "java.lang.ArithmeticException": "java.lang.RuntimeException",
    "java.lang.ClassCastException": "java.lang.RuntimeException",
    "groovy.lang.GroovyRuntimeException": "java.lang.RuntimeException",
    "groovy.lang.MissingPropertyException": "groovy.lang.GroovyRuntimeException",
    "groovy.lang.MissingMethodException": "groovy.lang.GroovyRuntimeException",
    "groovy.lang.ReadOnlyPropertyException": "groovy.lang.MissingPropertyException",
    "java.lang.NoSuchMethodError": "java.lang.Error",
    "org.jenkinsci.plugins.scriptsecurity.sandbox.RejectedAccessException": "java.lang.SecurityException",
    "java.lang.SecurityException": "java.lang.RuntimeException",
  ]

  /// Short names written in scripts (`catch (Exception e)`) → qualified names.
  static let shortNames: [String: String] = {
    var map: [String: String] = [:]
    for name in Array(parents.keys) + ["java.lang.Throwable"] {
      map[String(name.split(separator: ".").last!)] = name
    }
    return map
  }()

  public static func qualified(_ name: String) -> String {
    if name.contains(".") { return name }
    return shortNames[name] ?? "java.lang.\(name)"
  }

  /// Whether an exception of class `thrown` is caught by `catch (declared e)`.
  public static func isSubclass(_ thrown: String, of declared: String) -> Bool {
    let target = qualified(declared)
    var current: String? = qualified(thrown)
    while let c = current {
      if c == target { return true }
      current = parents[c]
    }
    return false
  }
}
