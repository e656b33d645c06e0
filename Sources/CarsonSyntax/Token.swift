/// One lexical token. Tokens are small values (12 bytes) in one flat array; the text is
/// recovered from the byte range. Whitespace and comments are not tokens: they are the gaps
/// between tokens (trivia), and `flags` records what the parser needs to know about them.
public struct Token: Sendable, Equatable {
  public var kind: TokenKind
  public var flags: TokenFlags
  public var start: UInt32
  public var end: UInt32

  public init(_ kind: TokenKind, start: UInt32, end: UInt32, flags: TokenFlags = []) {
    self.kind = kind
    self.flags = flags
    self.start = start
    self.end = end
  }

  public var range: SourceRange { SourceRange(start: start, end: end) }
}

public struct TokenFlags: OptionSet, Sendable, Equatable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// A line break (outside a comment's interior or inside a block comment) precedes the token.
  public static let newlineBefore = TokenFlags(rawValue: 1 << 0)
  /// Whitespace or a comment precedes the token on the same line.
  public static let spaceBefore = TokenFlags(rawValue: 1 << 1)
  /// A string or comment that runs to the end of the file; a diagnostic was reported.
  public static let unterminated = TokenFlags(rawValue: 1 << 2)
  /// String text that contains a backslash escape or line continuation (needs cooking).
  public static let hasEscapes = TokenFlags(rawValue: 1 << 3)
}

/// The kinds of Groovy tokens that Jenkinsfiles use.
public enum TokenKind: UInt8, Sendable, CaseIterable {
  case endOfFile
  case unknown  // a byte that starts no token; reported by the lexer

  case identifier
  case integer
  case decimal

  // Strings are a sequence: begin, then text / interpolation parts, then end.
  // `'…'`, `'''…'''` have only text parts; `"…"`, `"""…"""`, `/…/`, `$/…/$` may interpolate.
  case stringBegin
  case stringText
  case stringEnd
  /// `${` inside an interpolating string; normal tokens follow until `interpolationEnd`.
  case interpolationBegin
  /// The `}` closing `${`.
  case interpolationEnd
  /// The `$` of `$name` / `$name.path` inside an interpolating string; identifier and dot tokens follow.
  case interpolationDollar

  // Brackets and punctuation.
  case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
  case comma, semicolon, colon, dot, at
  case safeDot  // ?.
  case spreadDot  // *.
  case methodPointer  // .&
  case fieldAccess  // .@
  case doubleColon  // ::
  case question  // ?
  case elvis  // ?:
  case arrow  // ->

  // Assignment.
  case assign, plusAssign, minusAssign, starAssign, slashAssign, percentAssign, powerAssign
  case andAssign, orAssign, xorAssign, shiftLeftAssign, shiftRightAssign, unsignedShiftRightAssign
  case elvisAssign  // ?=

  // Comparison, regex, logic.
  case equal, notEqual, identical, notIdentical, less, greater, lessEqual, greaterEqual, spaceship
  case find  // =~
  case match  // ==~
  case logicalAnd, logicalOr, not, tilde

  // Arithmetic and bits.
  case plus, minus, star, slash, percent, power, increment, decrement
  case ampersand, pipe, caret, shiftLeft, shiftRight, unsignedShiftRight
  case range  // ..
  case rangeExclusive  // ..<

  // Keywords.
  case kwAs, kwAssert, kwBreak, kwCase, kwCatch, kwClass, kwConst, kwContinue, kwDef, kwDefault
  case kwDo, kwElse, kwEnum, kwExtends, kwFalse, kwFinally, kwFor, kwGoto, kwIf, kwImplements
  case kwImport, kwIn, kwInstanceof, kwInterface, kwNew, kwNull, kwPackage, kwReturn, kwSuper
  case kwSwitch, kwThis, kwThrow, kwThrows, kwTrait, kwTrue, kwTry, kwWhile
  // Primitive types.
  case kwVoid, kwBoolean, kwByte, kwChar, kwShort, kwInt, kwLong, kwFloat, kwDouble
  // Modifiers.
  case kwFinal, kwStatic, kwPrivate, kwPublic, kwProtected, kwAbstract, kwSynchronized
  case kwTransient, kwVolatile, kwNative, kwStrictfp

  public var isKeyword: Bool { rawValue >= TokenKind.kwAs.rawValue }

  public var isPrimitiveType: Bool {
    rawValue >= TokenKind.kwVoid.rawValue && rawValue <= TokenKind.kwDouble.rawValue
  }

  public var isModifier: Bool { rawValue >= TokenKind.kwFinal.rawValue }

  public var isAssignment: Bool {
    rawValue >= TokenKind.assign.rawValue && rawValue <= TokenKind.elvisAssign.rawValue
  }

  /// Keywords by spelling; `var` and `it` are ordinary identifiers in Groovy 2.
  public static let keywords: [String: TokenKind] = [
    "as": .kwAs, "assert": .kwAssert, "break": .kwBreak, "case": .kwCase, "catch": .kwCatch,
    "class": .kwClass, "const": .kwConst, "continue": .kwContinue, "def": .kwDef,
    "default": .kwDefault, "do": .kwDo, "else": .kwElse, "enum": .kwEnum, "extends": .kwExtends,
    "false": .kwFalse, "finally": .kwFinally, "for": .kwFor, "goto": .kwGoto, "if": .kwIf,
    "implements": .kwImplements, "import": .kwImport, "in": .kwIn, "instanceof": .kwInstanceof,
    "interface": .kwInterface, "new": .kwNew, "null": .kwNull, "package": .kwPackage,
    "return": .kwReturn, "super": .kwSuper, "switch": .kwSwitch, "this": .kwThis,
    "throw": .kwThrow, "throws": .kwThrows, "trait": .kwTrait, "true": .kwTrue, "try": .kwTry,
    "while": .kwWhile, "void": .kwVoid, "boolean": .kwBoolean, "byte": .kwByte, "char": .kwChar,
    "short": .kwShort, "int": .kwInt, "long": .kwLong, "float": .kwFloat, "double": .kwDouble,
    "final": .kwFinal, "static": .kwStatic, "private": .kwPrivate, "public": .kwPublic,
    "protected": .kwProtected, "abstract": .kwAbstract, "synchronized": .kwSynchronized,
    "transient": .kwTransient, "volatile": .kwVolatile, "native": .kwNative, "strictfp": .kwStrictfp,
  ]

  /// How the token is written, for messages ("Expected ')'"); nil for kinds without a fixed spelling.
  public var spelling: String? {
    switch self {
    case .leftParen: return "("
    case .rightParen: return ")"
    case .leftBracket: return "["
    case .rightBracket: return "]"
    case .leftBrace: return "{"
    case .rightBrace, .interpolationEnd: return "}"
    case .comma: return ","
    case .semicolon: return ";"
    case .colon: return ":"
    case .dot: return "."
    case .at: return "@"
    case .arrow: return "->"
    case .assign: return "="
    case .question: return "?"
    case .greater: return ">"
    case .less: return "<"
    default:
      if isKeyword { return TokenKind.keywords.first { $0.value == self }?.key }
      return nil
    }
  }
}
