/// Integer literals as Groovy writes them: decimal, `0x`, `0b`, leading-zero octal, `_`, suffixes.
public enum IntegerLiteral {
  /// The value of a literal as written, or nil when it does not fit in 64 bits.
  public static func parse(_ written: String, negative: Bool) -> Int64? {
    if let value = plainDecimal(written) { return negative ? -value : value }
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

  /// The common case without building strings: 1 to 18 decimal digits, no leading zero (which
  /// would make it octal), no `_` or suffix. 18 digits always fit in an `Int64`.
  static func plainDecimal(_ written: String) -> Int64? {
    let utf8 = written.utf8
    guard let first = utf8.first, utf8.count <= 18, first != 0x30 || utf8.count == 1 else { return nil }
    var value: Int64 = 0
    for byte in utf8 {
      guard byte >= 0x30, byte <= 0x39 else { return nil }
      value = value * 10 + Int64(byte - 0x30)
    }
    return value
  }
}
