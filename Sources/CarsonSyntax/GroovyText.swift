/// Groovy's own renderings of expressions, where Jenkins' messages quote them
/// (e.g. `(hey - look) is a binary expression, but it should be a variable expression`).
public enum GroovyText {
  /// Groovy's `Expression.getText()` for the forms that appear in messages; source text otherwise.
  public static func text(_ expr: Expr, _ source: SourceFile) -> String {
    switch expr.kind {
    case .identifier(let name): return name
    case .integer(let digits), .decimal(let digits): return digits
    case .boolean(let value): return value ? "true" : "false"
    case .null: return "null"
    case .this: return "this"
    case .string(let literal):
      if let plain = literal.plainValue { return plain }
      return source.text(expr.range)
    case .binary(let op, let lhs, let rhs):
      return "(\(text(lhs, source)) \(op.rawValue) \(text(rhs, source)))"
    case .property(let access):
      return "\(text(access.base, source)).\(access.name)"
    default:
      return source.text(expr.range)
    }
  }

  /// Groovy's compile error for an assignment whose left side is not a variable.
  public static func badAssignmentTargetMessage(_ target: Expr, _ source: SourceFile) -> String {
    switch target.kind {
    case .integer, .decimal, .boolean, .null:
      return "[\(text(target, source))] is a constant expression, but it should be a variable expression"
    case .string(let literal) where literal.isPlain:
      return "[\(text(target, source))] is a constant expression, but it should be a variable expression"
    case .string:
      return "\"\(source.text(target.range))\" is a GString expression, but it should be a variable expression"
    case .binary:
      return "\(text(target, source)) is a binary expression, but it should be a variable expression"
    case .call:
      return "\"\(source.text(target.range))\" is a method call expression, but it should be a variable expression"
    case .map:
      return "'\(source.text(target.range))' is a map expression, but it should be a variable expression"
    default:
      return "'\(source.text(target.range))' is a bad expression as the left hand side of an assignment operator"
    }
  }
}
