/// The parsed form of a whole file: Groovy statements, with every node keeping its byte range.
///
/// The tree is Groovy's, not Declarative's: `pipeline { stages { … } }` is a call of `pipeline`
/// with a closure holding a call of `stages`, exactly as Groovy (and so Jenkins' `ModelParser`)
/// sees it. `CarsonModel` reads the declarative structure off this tree. A file with syntax
/// errors still gives a full tree: broken parts become `.missing` expressions or `.error`
/// statements that cover the skipped text.
public struct SyntaxTree: Sendable {
  public let source: SourceFile
  public let tokens: [Token]
  public let statements: [Stmt]
  /// Lexer and parser diagnostics, in source order.
  public let diagnostics: [Diagnostic]
  /// Every annotation in the file, wherever it is written (also kept on its statement).
  public let annotations: [Annotation]

  public init(source: SourceFile, tokens: [Token], statements: [Stmt], diagnostics: [Diagnostic], annotations: [Annotation] = []) {
    self.source = source
    self.tokens = tokens
    self.statements = statements
    self.diagnostics = diagnostics
    self.annotations = annotations
  }

  /// Parses `source` (lexing included). Never throws, never traps on any input.
  public static func parse(_ source: SourceFile) -> SyntaxTree {
    Parser.parse(source)
  }

  public func text(_ range: SourceRange) -> String { source.text(range) }
}

// MARK: - Statements

public struct Stmt: Sendable {
  public var kind: Kind
  public var range: SourceRange
  /// `@Library('x')`, `@NonCPS`, `@Field`, … written before the statement.
  public var annotations: [Annotation]

  public init(_ kind: Kind, _ range: SourceRange, annotations: [Annotation] = []) {
    self.kind = kind
    self.range = range
    self.annotations = annotations
  }

  /// Expression statements (most of a Jenkinsfile) are stored inline; the rest are boxed.
  public enum Kind: Sendable {
    case expression(Expr)
    indirect case variable(VariableDecl)
    indirect case method(MethodDecl)
    indirect case typeDecl(TypeDecl)
    indirect case block([Stmt])
    indirect case ifElse(condition: Expr, then: Stmt, otherwise: Stmt?)
    indirect case forIn(ForIn)
    indirect case forLoop(ForLoop)
    indirect case whileLoop(condition: Expr, body: Stmt)
    indirect case doWhile(body: Stmt, condition: Expr)
    indirect case switchCase(subject: Expr, cases: [SwitchCase])
    indirect case tryCatch(TryCatch)
    indirect case returnValue(Expr?)
    indirect case throwValue(Expr)
    case breakLoop(label: String?)
    case continueLoop(label: String?)
    indirect case assertion(condition: Expr, message: Expr?)
    indirect case importDecl(ImportDecl)
    case packageDecl(name: String)
    indirect case labeled(label: String, body: Stmt)
    indirect case synchronized(lock: Expr, body: Stmt)
    /// Text the parser skipped after an error; the diagnostic is in `SyntaxTree.diagnostics`.
    case error
  }
}

public struct Annotation: Sendable {
  public var name: String
  public var arguments: [Argument]
  public var range: SourceRange
}

public struct Modifiers: Sendable {
  public var keywords: [TokenKind] = []
  public var hasDef = false
  public init() {}
}

public struct VariableDecl: Sendable {
  public struct Declarator: Sendable {
    public var name: String
    public var nameRange: SourceRange
    public var initializer: Expr?
  }
  public var modifiers: Modifiers
  public var type: TypeName?
  public var declarators: [Declarator]
  /// `def (a, b) = value`: the names are the declarators, the value is `multipleValue`.
  public var multipleValue: Expr?
}

public struct Parameter: Sendable {
  public var type: TypeName?
  public var name: String
  public var nameRange: SourceRange
  public var defaultValue: Expr?
  public var isVariadic: Bool
}

public struct MethodDecl: Sendable {
  public var modifiers: Modifiers
  public var returnType: TypeName?
  public var name: String
  public var nameRange: SourceRange
  public var parameters: [Parameter]
  /// `nil` for an abstract or interface method.
  public var body: [Stmt]?
  public var bodyRange: SourceRange?
}

public struct TypeDecl: Sendable {
  public enum Kind: String, Sendable { case `class`, interface, `enum`, trait }
  public var kind: Kind
  public var modifiers: Modifiers
  public var name: String
  public var nameRange: SourceRange
  public var members: [Stmt]
}

public struct ForIn: Sendable {
  public var variableType: TypeName?
  public var variable: String
  public var variableRange: SourceRange
  public var iterable: Expr
  public var body: Stmt
}

public struct ForLoop: Sendable {
  public var initializer: [Stmt]
  public var condition: Expr?
  public var update: [Expr]
  public var body: Stmt
}

public struct SwitchCase: Sendable {
  /// Empty for `default:`.
  public var values: [Expr]
  public var isDefault: Bool
  public var body: [Stmt]
  public var range: SourceRange
}

public struct TryCatch: Sendable {
  public struct Catch: Sendable {
    public var types: [TypeName]
    public var variable: String
    public var body: [Stmt]
    public var range: SourceRange
  }
  public var body: [Stmt]
  public var catches: [Catch]
  public var finally: [Stmt]?
}

public struct ImportDecl: Sendable {
  public var path: String
  public var isStatic: Bool
  public var isWildcard: Bool
  public var alias: String?
}

/// A type as written: `String`, `java.util.List<Map<String, ?>>`, `int[]`.
public struct TypeName: Sendable {
  public var name: String
  public var arguments: [TypeName]
  public var arrayDimensions: Int
  public var range: SourceRange
}

// MARK: - Expressions

public struct Expr: Sendable {
  public var kind: Kind
  public var range: SourceRange

  public init(_ kind: Kind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
  }

  /// Only the cases that contain expressions are `indirect` (boxed): names, literals and
  /// collections stay inline, which saves an allocation for most nodes of a Jenkinsfile.
  public enum Kind: Sendable {
    case identifier(String)
    case this
    case `super`
    case null
    case boolean(Bool)
    /// Integer literal as written (digits, `_`, prefix and suffix), so no value is lost.
    case integer(String)
    case decimal(String)
    case string(StringLiteral)
    case list([Expr])
    case map([MapEntry])
    indirect case closure(Closure)
    indirect case property(PropertyAccess)
    indirect case index(base: Expr, arguments: [Expr], isSafe: Bool)
    indirect case call(Call)
    indirect case prefix(PrefixOperator, Expr)
    indirect case postfix(PostfixOperator, Expr)
    indirect case binary(BinaryOperator, Expr, Expr)
    indirect case ternary(condition: Expr, then: Expr, otherwise: Expr)
    indirect case elvis(Expr, Expr)
    indirect case assignment(AssignmentOperator, target: Expr, value: Expr)
    indirect case asType(Expr, TypeName)
    indirect case cast(TypeName, Expr)
    indirect case instanceOf(Expr, TypeName, negated: Bool)
    indirect case new(NewInstance)
    indirect case range(from: Expr, to: Expr, isExclusive: Bool)
    /// `*list` in an argument or list literal, `*:map` in a map.
    indirect case spread(Expr)
    /// A type used as a value: `String.class`-style uses and `int` in casts of closures.
    indirect case type(TypeName)
    /// `(a, b)` on the left of `def (a, b) = …` style multiple assignment.
    case tuple([Expr])
    /// `${a(); b}`: expressions evaluated in order, the value is the last.
    case sequence([Expr])
    /// Placeholder where an expression was required but could not be parsed.
    case missing
  }
}

public struct StringLiteral: Sendable {
  public enum Part: Sendable {
    /// Text with escapes already applied.
    case text(String, SourceRange)
    /// `${expr}` (braced) or `$name.path` (not braced).
    case interpolation(Expr, isBraced: Bool, SourceRange)
  }
  public var delimiter: StringDelimiter
  public var parts: [Part]

  /// True when the string has no `${}`/`$x` parts (Groovy gives a `String`, not a `GString`).
  public var isPlain: Bool {
    parts.allSatisfy { if case .text = $0 { return true } else { return false } }
  }

  /// The value of a plain string; nil for a GString.
  public var plainValue: String? {
    guard isPlain else { return nil }
    var value = ""
    for case .text(let text, _) in parts { value += text }
    return value
  }
}

public struct MapEntry: Sendable {
  public var key: MapKey
  public var value: Expr
  public var range: SourceRange
}

/// A map key or argument name: a plain name (`a:`, `'a':`, `default:`) or an expression (`(x):`, `"${x}":`).
public enum MapKey: Sendable {
  case name(String, SourceRange)
  case expression(Expr)
  /// `*:` spread entry.
  case spread(SourceRange)

  public var name: String? {
    if case .name(let name, _) = self { return name }
    return nil
  }

  public var range: SourceRange {
    switch self {
    case .name(_, let range), .spread(let range): return range
    case .expression(let expr): return expr.range
    }
  }
}

public struct Argument: Sendable {
  /// Set for a named argument (`name: value`).
  public var key: MapKey?
  public var value: Expr
  public var range: SourceRange

  public var name: String? { key?.name }
}

public struct Closure: Sendable {
  public var parameters: [Parameter]
  /// True when `->` was written, even with no parameters (`{ -> … }`).
  public var hasArrow: Bool
  public var body: [Stmt]
  /// From `{` to `}` inclusive.
  public var range: SourceRange
  /// Between the braces (after `->` when present).
  public var bodyRange: SourceRange
}

public enum AccessOperator: Sendable {
  case dot, safe, spread, field, methodPointer
}

public struct PropertyAccess: Sendable {
  public var base: Expr
  public var op: AccessOperator
  /// The property name; for `x."${y}"` the GString's expression is in `dynamicName`.
  public var name: String
  public var nameRange: SourceRange
  public var dynamicName: Expr?
}

/// A method or function call: `foo(a)`, `foo a`, `x.foo(a) { … }`, `foo { … }`.
public struct Call: Sendable {
  /// The object the method is called on; nil for an unqualified call (`echo 'x'`).
  public var receiver: Expr?
  public var op: AccessOperator
  /// The method name; for a call of an arbitrary expression (`(x)()`, `a[0]()`) it is `call`
  /// and the expression is the receiver.
  public var name: String
  public var nameRange: SourceRange
  public var dynamicName: Expr?
  public var arguments: [Argument]
  /// `foo(…)` rather than the command form `foo …`.
  public var hasParentheses: Bool
  /// Closures written after the arguments: `foo(x) { … }`.
  public var trailingClosures: [Closure]

  public var isUnqualified: Bool { receiver == nil }
}

public struct NewInstance: Sendable {
  public var type: TypeName
  public var arguments: [Argument]
  /// `new int[3]` / `new String[] {…}`.
  public var arrayDimensions: [Expr]
  /// Anonymous inner class body, if any.
  public var body: [Stmt]?
}

public enum PrefixOperator: String, Sendable {
  case negate = "-", plus = "+", not = "!", bitwiseNot = "~", increment = "++", decrement = "--"
}

public enum PostfixOperator: String, Sendable {
  case increment = "++", decrement = "--"
}

public enum BinaryOperator: String, Sendable {
  case or = "||", and = "&&"
  case bitwiseOr = "|", bitwiseXor = "^", bitwiseAnd = "&"
  case equal = "==", notEqual = "!=", identical = "===", notIdentical = "!=="
  case compare = "<=>", find = "=~", match = "==~"
  case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
  case `in` = "in"
  case shiftLeft = "<<", shiftRight = ">>", unsignedShiftRight = ">>>"
  case plus = "+", minus = "-", multiply = "*", divide = "/", remainder = "%", power = "**"
}

public enum AssignmentOperator: String, Sendable {
  case assign = "=", plus = "+=", minus = "-=", multiply = "*=", divide = "/=", remainder = "%="
  case power = "**=", bitwiseAnd = "&=", bitwiseOr = "|=", bitwiseXor = "^="
  case shiftLeft = "<<=", shiftRight = ">>=", unsignedShiftRight = ">>>=", elvis = "?="
}
