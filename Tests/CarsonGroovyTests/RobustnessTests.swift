import CarsonGroovy
import Testing

/// Extreme values end in a Groovy exception (or UnsupportedConstruct), never in a crash of the
/// process running the pipeline.
@Suite struct RobustnessTests {
  @Test func hugeRepetitionFailsLikeJava() {
    #expect(failure("def s = 'a' * 3000000000") == "java.lang.OutOfMemoryError: Java heap space")
    #expect(failure("def l = [1, 2] * 100000000") == "java.lang.OutOfMemoryError: Java heap space")
  }

  @Test func hugeRangesAndIndices() {
    #expect(failure("(Long.MIN_VALUE..Long.MAX_VALUE).size()") == "java.lang.IllegalArgumentException: Range -9223372036854775808..9223372036854775807 is too large")
    #expect(failure("[1, 2, 3][Long.MAX_VALUE..<Long.MAX_VALUE]") == "java.lang.IndexOutOfBoundsException: toIndex = 9223372036854775807")
    #expect(failure("'abc'.indexOf('c', Integer.MAX_VALUE)") == "no failure")
    #expect(failure("1.upto(Long.MAX_VALUE) { if (it > 2) throw new Exception('stop') }") == "java.lang.Exception: stop")
  }

  @Test func decimalsBeyondFoundationsRange() throws {
    #expect(failure("def x = 1e100 * 1e100") == "unsupported: This result is too large for Carson's decimal numbers (38 digits)")
    #expect(failure("def x = 1e300") == "unsupported: The number '1e300' is not supported")
    #expect(failure("1.5.setScale(999999, BigDecimal.ROUND_HALF_UP)") == "java.lang.ArithmeticException: Scale out of range")
    #expect(failure("String.format('%.99999999f', 1.5)") == "java.util.IllegalFormatException: Format width or precision too large in '%.99999999f'")
    #expect(try value("Math.round(1e30)") == "9223372036854775807")
    #expect(try value("Math.sqrt(-1)") == "NaN")
  }
}
