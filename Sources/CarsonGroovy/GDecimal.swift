import Foundation

/// Java's `BigDecimal`: a value and a scale (the number of digits after the point).
///
/// Foundation's `Decimal` normalizes `1.10` to `1.1`, but Groovy prints a BigDecimal with its
/// scale (`1.10`, `2.5 * 2` → `5.0`, `1.00 / 1` → `1.00`, `1e3` → `1E+3`), so the scale is kept
/// alongside and follows Java's rules: `+`/`-` take the larger scale, `*` adds the scales, and
/// Groovy's `/` is exact when it can be, else rounded half-up to at least 10 places.
///
/// Approximated: values carry at most `Decimal`'s 38 significant digits and exponents within
/// ±127 (arithmetic past that stops with UnsupportedConstruct). Carson has no `double`: double
/// results (`Math.sqrt`, `toDouble()`, `1.5d`, `as double`) are BigDecimals with the digits
/// Java prints for the double (`4.0`, `1.4142135623730951`), so they print alike except for
/// Java's exponent form (`1.0E10`, `1.0E-7`) and infinities (printed `NaN`), and binary
/// rounding (`0.1d + 0.2d` is exactly `0.3`) is not reproduced.
public struct GDecimal: Hashable, Sendable, CustomStringConvertible {
  public let value: Decimal
  /// Digits after the point; negative for trailing zeros of an integer (`1E+3` has scale -3).
  public let scale: Int

  /// `value` with at least `scale` digits after the point (never fewer than it needs).
  public init(_ value: Decimal, scale: Int) {
    self.value = value
    self.scale = value.isZero ? scale : max(scale, GDecimal.naturalScale(value))
  }

  /// A value with the digits it needs and no more (an integer has scale 0).
  public init(_ value: Decimal) { self.init(value, scale: 0) }

  public init(_ value: Int64) { self.init(Decimal(value), scale: 0) }

  /// A Java `double`: the digits `Double.toString` shows, at least one after the point.
  /// NaN and infinities (`Math.sqrt(-1)`) become Decimal's NaN, printed `NaN`.
  public init(double: Double) {
    guard double.isFinite, let parsed = GDecimal(string: "\(double)") else {
      self.init(Decimal.nan, scale: 0)
      return
    }
    self.init(parsed.value, scale: max(1, parsed.scale))
  }

  /// Java's `new BigDecimal(text)`: `12`, `-1.50`, `1e3`, `1.5E-7`; nil when malformed.
  public init?(string text: String) {
    var chars = Substring(text)
    var exponent = 0
    if let e = chars.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      guard let x = Int(chars[chars.index(after: e)...].drop { $0 == "+" }), abs(x) < 10_000 else { return nil }
      exponent = x
      chars = chars[..<e]
    }
    if chars.first == "-" || chars.first == "+" { chars = chars.dropFirst() }
    let parts = chars.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2, parts.contains(where: { !$0.isEmpty }), parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    else { return nil }
    self.init(value, scale: (parts.count == 2 ? parts[1].count : 0) - exponent)
  }

  /// Digits after the point the value needs (negative when it ends in zeros: 100 → -2).
  static func naturalScale(_ value: Decimal) -> Int {
    value.isZero ? 0 : -Int(value.exponent)
  }

  public static func == (a: GDecimal, b: GDecimal) -> Bool { a.value == b.value }
  public func hash(into hasher: inout Hasher) { hasher.combine(value) }

  // MARK: Printing

  /// `BigDecimal.toString()`: plain notation, or `1.5E+3`/`1E-10` when the scale is negative or
  /// the number is tiny (Java's rule).
  public var description: String {
    if value.isNaN { return "NaN" }
    let (sign, digits) = unscaled
    let adjusted = -scale + digits.count - 1
    if scale >= 0 && adjusted >= -6 { return plainString }
    let mantissa = digits.count > 1 ? "\(digits.prefix(1)).\(digits.dropFirst())" : digits
    return sign + mantissa + "E" + (adjusted >= 0 ? "+" : "") + String(adjusted)
  }

  /// `BigDecimal.toPlainString()`: never in exponent form.
  public var plainString: String {
    let (sign, digits) = unscaled
    if scale <= 0 { return sign + digits + (digits == "0" ? "" : String(repeating: "0", count: -scale)) }
    if digits.count > scale { return sign + digits.dropLast(scale) + "." + digits.suffix(scale) }
    return sign + "0." + String(repeating: "0", count: scale - digits.count) + digits
  }

  /// The sign and the digits of `value × 10^scale` (Java's unscaled value).
  private var unscaled: (sign: String, digits: String) {
    let magnitude = abs(value)
    guard !magnitude.isZero, !value.isNaN else { return ("", value.isNaN ? "NaN" : "0") }
    let shift = Int(magnitude.exponent) + scale
    let significand = NSDecimalNumber(decimal: magnitude.significand).stringValue
    return (value < 0 ? "-" : "", shift >= 0 ? significand + String(repeating: "0", count: shift) : significand)
  }

  /// Rounded half up to `places` digits after the point (`setScale(places, HALF_UP)`).
  func rounded(_ places: Int) -> GDecimal { GDecimal(value.rounded(places, .plain), scale: places) }

  // MARK: Arithmetic (Java's scale rules)

  public static func + (a: GDecimal, b: GDecimal) -> GDecimal { GDecimal(a.value + b.value, scale: max(a.scale, b.scale)) }
  public static func - (a: GDecimal, b: GDecimal) -> GDecimal { GDecimal(a.value - b.value, scale: max(a.scale, b.scale)) }
  public static func * (a: GDecimal, b: GDecimal) -> GDecimal { GDecimal(a.value * b.value, scale: a.scale + b.scale) }
  public static prefix func - (a: GDecimal) -> GDecimal { GDecimal(-a.value, scale: a.scale) }

  /// Groovy's BigDecimal division: the exact quotient when there is one (with the scale
  /// `a.scale - b.scale`, or more if needed: `10 / 4` → `2.5`, `1.00 / 1` → `1.00`), else rounded
  /// half-up to `max(10, a.scale, b.scale)` places (`1 / 3` → `0.3333333333`).
  public static func / (a: GDecimal, b: GDecimal) -> GDecimal {
    let quotient = a.value / b.value
    if quotient * b.value == a.value { return GDecimal(quotient, scale: a.scale - b.scale) }
    let scale = max(10, a.scale, b.scale)
    return GDecimal(quotient.rounded(scale, .plain), scale: scale)
  }

  /// `setScale(places, mode)` with Java's rounding-mode numbers (`BigDecimal.ROUND_HALF_UP` is 4);
  /// nil for an unknown mode.
  func setScale(_ places: Int, mode: Int) -> GDecimal? {
    guard abs(places) <= 10_000 else { return nil }
    let negative = value < 0
    let rounding: NSDecimalNumber.RoundingMode
    switch mode {
    case 0: rounding = negative ? .down : .up  // UP: away from zero
    case 1: rounding = negative ? .up : .down  // DOWN: toward zero
    case 2: rounding = .up  // CEILING
    case 3: rounding = .down  // FLOOR
    case 4: rounding = .plain  // HALF_UP
    case 5:  // HALF_DOWN: half up unless exactly half way
      let halfway = (abs(value) * pow(10, places)).rounded(0, .down) + 0.5 == abs(value) * pow(10, places)
      rounding = halfway ? (negative ? .up : .down) : .plain
    case 6: rounding = .bankers  // HALF_EVEN
    case 7:  // UNNECESSARY: only when no rounding is needed
      return value.rounded(places, .plain) == value ? GDecimal(value, scale: places) : nil
    default: return nil
    }
    return GDecimal(value.rounded(places, rounding), scale: places)
  }

  /// `BigDecimal.pow(n)`: the scale multiplies.
  func power(_ n: Int) -> GDecimal { GDecimal(pow(value, n), scale: scale * n) }

  /// The nearest double (parsed from the digits: Foundation's own conversion is off by an ulp).
  public var doubleValue: Double { Double(description) ?? NSDecimalNumber(decimal: value).doubleValue }

  /// Truncated toward zero, as Java's `intValue()`/`longValue()`.
  public var int64Value: Int64 {
    if value.isNaN { return 0 }
    let truncated = NSDecimalNumber(decimal: value.rounded(0, value < 0 ? .up : .down))
    return Int64(truncated.stringValue) ?? truncated.int64Value
  }
}
