/// Integer literals as Groovy writes them: decimal, `0x`, `0b`, leading-zero octal, `_`, suffixes.
public enum IntegerLiteral {
  /// The value of a literal as written, or nil when it does not fit in 64 bits.
  public static func parse(_ written: String, negative: Bool) -> Int64? {
    var digits = written.filter { $0 != "_" }
    if let last = digits.last, "lLiIgG".contains(last) { digits.removeLast() }
    var radix = 10
    if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
      radix = 16
      digits.removeFirst(2)
    } else if digits.hasPrefix("0b") || digits.hasPrefix("0B") {
      radix = 2
      digits.removeFirst(2)
    } else if digits.count > 1 && digits.hasPrefix("0") {
      radix = 8
      digits.removeFirst()
    }
    return Int64((negative ? "-" : "") + digits, radix: radix)
  }
}
