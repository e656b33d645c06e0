import CarsonGroovy
import Testing

/// Integer and BigDecimal arithmetic and printing as Groovy 2.4 does them.
/// Expected values come from Groovy 2.4.21 (the version Jenkins runs).
@Suite struct NumberTests {
  @Test func bigDecimalsPrintWithTheirScale() throws {
    #expect(try value(#"1.0"#) == "1.0")
    #expect(try value(#"1.10"#) == "1.10")
    #expect(try value(#"2.50"#) == "2.50")
    #expect(try value(#"-1.50"#) == "-1.50")
    #expect(try value(#"0.0"#) == "0.0")
    #expect(try value(#"1.23456789012345678901234567890"#) == "1.23456789012345678901234567890")
    #expect(try value(#"0.000001"#) == "0.000001")
    #expect(try value(#"1e3"#) == "1E+3")
    #expect(try value(#"1.5e2"#) == "1.5E+2")
    #expect(try value(#"1.0e-7"#) == "1.0E-7")
    #expect(try value(#"1e-10"#) == "1E-10")
    #expect(try value(#"12e0"#) == "12")
    #expect(try value(#"12.0e1"#) == "120")
    #expect(try value(#"1.10.toString()"#) == "1.10")
    #expect(try value(#"1.50.toString() + 'x'"#) == "1.50x")
  }

  @Test func additionAndMultiplicationFollowJavaScales() throws {
    #expect(try value(#"2.5 * 2"#) == "5.0")
    #expect(try value(#"1.5 + 1.5"#) == "3.0")
    #expect(try value(#"1.50 + 1"#) == "2.50")
    #expect(try value(#"0.1 + 0.2"#) == "0.3")
    #expect(try value(#"3.0 - 1"#) == "2.0")
    #expect(try value(#"1.25 * 1.5"#) == "1.875")
    #expect(try value(#"0.25 * 4"#) == "1.00")
    #expect(try value(#"100 * 1.10"#) == "110.00")
    #expect(try value(#"2.00 * 1"#) == "2.00")
    #expect(try value(#"3 * 0.1"#) == "0.3")
    #expect(try value(#"1.0 - 1.0"#) == "0.0")
    #expect(try value(#"0.00 + 0"#) == "0.00")
    #expect(try value(#"1.0 * 0"#) == "0.0")
    #expect(try value(#"1.5E+3 + 0"#) == "1500")
    #expect(try value(#"1 + 2.5"#) == "3.5")
    #expect(try value(#"0.1 + 0.2 == 0.3"#) == "true")
  }

  /// `/` is exact when it can be, else 10 places rounded half up.
  @Test func divisionGivesBigDecimals() throws {
    #expect(try value(#"10 / 4"#) == "2.5")
    #expect(try value(#"1 / 3"#) == "0.3333333333")
    #expect(try value(#"2 / 3"#) == "0.6666666667")
    #expect(try value(#"10 / 5"#) == "2")
    #expect(try value(#"10 / 3"#) == "3.3333333333")
    #expect(try value(#"1.0 / 3"#) == "0.3333333333")
    #expect(try value(#"7.0 / 2"#) == "3.5")
    #expect(try value(#"100.0 / 3"#) == "33.3333333333")
    #expect(try value(#"-1 / 3"#) == "-0.3333333333")
    #expect(try value(#"1 / 8"#) == "0.125")
    #expect(try value(#"1 / 7"#) == "0.1428571429")
    #expect(try value(#"22 / 7"#) == "3.1428571429")
    #expect(try value(#"1 / 1024"#) == "0.0009765625")
    #expect(try value(#"5 / 2.0"#) == "2.5")
    #expect(try value(#"4 / 2"#) == "2")
    #expect(try value(#"1.00 / 1"#) == "1.00")
    #expect(try value(#"100 / 5.0"#) == "2E+1")
    #expect(try value(#"10 / 5.0"#) == "2")
    #expect(try value(#"1 / 700"#) == "0.0014285714")
    #expect(try value(#"123456789 / 7"#) == "17636684.1428571429")
    #expect(try value(#"5 / 2 * 2"#) == "5.0")
    #expect(try value(#"1 / 3 * 3"#) == "0.9999999999")
    #expect(try value(#"(4 / 2).getClass().name"#) == "java.math.BigDecimal")
    #expect(try value(#"(5 / 2).getClass().name"#) == "java.math.BigDecimal")
    #expect(try value(#"6 / 2 + 1"#) == "4")
    #expect(try value(#"45 * 100 / 50"#) == "90")
    #expect(try value(#"7 / 9"#) == "0.7777777778")
  }

  @Test func integerDivisionAndRemainder() throws {
    #expect(try value(#"7.intdiv(2)"#) == "3")
    #expect(try value(#"-7.intdiv(2)"#) == "-3")
    #expect(try value(#"(-7).intdiv(2)"#) == "-3")
    #expect(try value(#"7 % 3"#) == "1")
    #expect(try value(#"-7 % 3"#) == "-1")
    #expect(try value(#"7 / 2 as int"#) == "3")
    #expect(try value(#"(int) (7 / 2)"#) == "3")
    #expect(try value(#"3725.intdiv(3600)"#) == "1")
    #expect(try value(#"(3725 / 3600).intValue()"#) == "1")
    #expect(failure(#"5.intdiv(0)"#) == "java.lang.ArithmeticException: / by zero")
    #expect(failure(#"5 % 0"#) == "java.lang.ArithmeticException: / by zero")
    #expect(failure(#"1 / 0"#) == "java.lang.ArithmeticException: Division by zero")
    #expect(failure(#"1.5 / 0"#) == "java.lang.ArithmeticException: Division by zero")
    #expect(failure(#"5.5 % 2"#) == "java.lang.UnsupportedOperationException: Cannot use mod() on this number type: java.math.BigDecimal with value: 5.5")
    #expect(failure(#"5 % 2.5"#) == "java.lang.UnsupportedOperationException: Cannot use mod() on this number type: java.lang.Integer with value: 5")
    #expect(failure(#"10.0.intdiv(3)"#) == "java.lang.UnsupportedOperationException: Cannot use intdiv() on this number type: java.math.BigDecimal with value: 10.0")
  }

  @Test func powers() throws {
    #expect(try value(#"2 ** 10"#) == "1024")
    #expect(try value(#"2 ** 31"#) == "2147483648")
    #expect(try value(#"2 ** 64"#) == "18446744073709551616")
    #expect(try value(#"10 ** 2"#) == "100")
    #expect(try value(#"2 ** -1"#) == "0.5")
    #expect(try value(#"2.0 ** 2"#) == "4.00")
    #expect(try value(#"1.5 ** 2"#) == "2.25")
    #expect(try value(#"2 ** 0.5"#) == "1.4142135623730951")
    #expect(try value(#"4 ** 0.5"#) == "2")
    #expect(try value(#"1 ** 1000000000"#) == "1")
    #expect(try value(#"(-1) ** 1000000001"#) == "-1")
    #expect(try value(#"0 ** 0"#) == "1")
  }

  /// Carson's integers are Java longs.
  @Test func longArithmeticWraps() throws {
    #expect(try value(#"9223372036854775807 + 1"#) == "-9223372036854775808")
    #expect(try value(#"Long.MIN_VALUE.abs()"#) == "-9223372036854775808")
    #expect(try value(#"Long.MIN_VALUE.intdiv(-1)"#) == "-9223372036854775808")
    #expect(try value(#"Long.MIN_VALUE % -1"#) == "0")
    #expect(try value(#"-Long.MIN_VALUE"#) == "-9223372036854775808")
    #expect(try value(#"1L << 65"#) == "2")
    #expect(try value(#"-16L >> 70"#) == "-1")
    #expect(try value(#"Long.MAX_VALUE"#) == "9223372036854775807")
    #expect(try value(#"Integer.MAX_VALUE"#) == "2147483647")
    #expect(try value(#"Integer.MIN_VALUE"#) == "-2147483648")
  }

  @Test func conversions() throws {
    #expect(try value(#"3.7 as int"#) == "3")
    #expect(try value(#"3.7.toInteger()"#) == "3")
    #expect(try value(#"-2.5 as int"#) == "-2")
    #expect(try value(#"(-2.5).toInteger()"#) == "-2")
    #expect(try value(#"(int) 3.9"#) == "3")
    #expect(try value(#"12.5.intValue()"#) == "12")
    #expect(try value(#"1.999.intValue()"#) == "1")
    #expect(try value(#"3.toDouble()"#) == "3.0")
    #expect(try value(#"1.50.toDouble()"#) == "1.5")
    #expect(try value(#"3 as double"#) == "3.0")
    #expect(try value(#"'2.50' as BigDecimal"#) == "2.50")
    #expect(try value(#"'1.5' as Double"#) == "1.5")
    #expect(try value(#"1 as Double"#) == "1.0")
    #expect(try value(#"5.toString()"#) == "5")
    #expect(try value(#"5.0.toString()"#) == "5.0")
    #expect(try value(#"(0.5).toString()"#) == "0.5")
    #expect(try value(#"3.compareTo(5)"#) == "-1")
    #expect(try value(#"5.abs()"#) == "5")
    #expect(try value(#"(-5).abs()"#) == "5")
    #expect(try value(#"-2.50.abs()"#) == "-2.50")
    #expect(try value(#"1.5.negate()"#) == "-1.5")
    #expect(try value(#"2.5.max(3)"#) == "3")
    #expect(try value(#"2.5.toInteger()"#) == "2")
    #expect(try value(#"1.5.equals(1.50)"#) == "false")
    #expect(try value(#"1.5.equals(1.5)"#) == "true")
    #expect(try value(#"1.equals(1.0)"#) == "false")
    #expect(try value(#"(7 / 9 * 100).setScale(2, BigDecimal.ROUND_HALF_UP)"#) == "77.78")
    #expect(try value(#"2.345.setScale(1, java.math.RoundingMode.HALF_EVEN)"#) == "2.3")
    #expect(try value(#"1.50.toPlainString()"#) == "1.50")
    #expect(try value(#"1.50.scale()"#) == "2")
    #expect(try value(#"1.50.stripTrailingZeros()"#) == "1.5")
  }

  /// Java doubles print their shortest digits (`Math.sqrt(16)` is 4.0).
  @Test func doubleResults() throws {
    #expect(try value(#"Math.sqrt(16)"#) == "4.0")
    #expect(try value(#"Math.sqrt(2)"#) == "1.4142135623730951")
    #expect(try value(#"Math.pow(2, 10)"#) == "1024.0")
    #expect(try value(#"Math.floor(2.7)"#) == "2.0")
    #expect(try value(#"Math.floor(-2.5)"#) == "-3.0")
    #expect(try value(#"Math.ceil(2.1)"#) == "3.0")
    #expect(try value(#"Math.abs(-2.50)"#) == "2.5")
    #expect(try value(#"'3.14'.toDouble()"#) == "3.14")
    #expect(try value(#"Double.parseDouble('2.50')"#) == "2.5")
    #expect(try value(#"Double.valueOf('1.5') * 2"#) == "3.0")
    #expect(try value(#"1.5d"#) == "1.5")
    #expect(try value(#"1.0f"#) == "1.0")
    #expect(try value(#"Math.PI"#) == "3.141592653589793")
    #expect(try value(#"(2.0d * 3)"#) == "6.0")
    #expect(try value(#"Math.sqrt(-1)"#) == "NaN")
  }

  @Test func comparisons() throws {
    #expect(try value(#"1 < 2"#) == "true")
    #expect(try value(#"1 <=> 2"#) == "-1")
    #expect(try value(#"2 <=> 1"#) == "1")
    #expect(try value(#"2 <=> 2"#) == "0")
    #expect(try value(#"1.5 <=> 1"#) == "1")
    #expect(try value(#"null <=> 1"#) == "-1")
    #expect(try value(#"1 == 1L"#) == "true")
    #expect(try value(#"1 == 1.0"#) == "true")
    #expect(try value(#"1.0 == 1.00"#) == "true")
    #expect(try value(#"1 == '1'"#) == "false")
    #expect(try value(#"null == null"#) == "true")
    #expect(try value(#"null == 0"#) == "false")
    #expect(try value(#"3 in [1, 2, 3]"#) == "true")
    #expect(try value(#"3 in 1..5"#) == "true")
    #expect(try value(#"1.5 > 1"#) == "true")
    #expect(failure(#"[1, 2] <=> [1, 3]"#) == "groovy.lang.GroovyRuntimeException: Cannot compare java.util.ArrayList with value '[1, 2]' and java.util.ArrayList with value '[1, 3]'")
  }

  @Test func parsingNumbers() throws {
    #expect(try value(#"Integer.parseInt('42')"#) == "42")
    #expect(try value(#"Integer.parseInt('-42')"#) == "-42")
    #expect(try value(#"Integer.valueOf('7') + 1"#) == "8")
    #expect(try value(#"Integer.parseInt('ff', 16)"#) == "255")
    #expect(try value(#"Integer.parseInt('-101', 2)"#) == "-5")
    #expect(try value(#"Integer.toHexString(255)"#) == "ff")
    #expect(try value(#"Integer.toString(5)"#) == "5")
    #expect(try value(#"Long.parseLong('123456789012')"#) == "123456789012")
    #expect(try value(#"Integer.valueOf(5).toString()"#) == "5")
    #expect(try value(#"new BigDecimal('2.50')"#) == "2.50")
    #expect(try value(#"new Integer(5) + 1"#) == "6")
    #expect(try value(#"Boolean.parseBoolean('TRUE')"#) == "true")
    #expect(failure(#"Integer.parseInt('abc')"#) == "java.lang.NumberFormatException: For input string: \"abc\"")
    #expect(failure(#"Integer.parseInt('')"#) == "java.lang.NumberFormatException: For input string: \"\"")
  }

  @Test func mathFunctions() throws {
    #expect(try value(#"Math.max(3, 7)"#) == "7")
    #expect(try value(#"Math.min(3, 7)"#) == "3")
    #expect(try value(#"Math.max(1.5, 2.5)"#) == "2.5")
    #expect(try value(#"Math.max(2L, 1)"#) == "2")
    #expect(try value(#"Math.round(2.4)"#) == "2")
    #expect(try value(#"Math.round(2.5)"#) == "3")
    #expect(try value(#"Math.round(-2.5)"#) == "-2")
    #expect(try value(#"Math.round(1.23456 * 100) / 100"#) == "1.23")
    #expect(try value(#"Math.abs(-3)"#) == "3")
    #expect(try value(#"Math.random() < 1"#) == "true")
  }

  @Test func timesUptoStep() throws {
    #expect(try run(#"""
      def out = []
      3.times { out << it * it }
      0.times { out << 'never' }
      1.upto(3) { out << it }
      3.downto(1) { out << it }
      0.step(10, 5) { out << it }
      (4 / 2).times { out << 'x' }
      echo out.toString()
      echo 3.times { }.toString()
      """#) == ["[0, 1, 4, 1, 2, 3, 3, 2, 1, 0, 5, x, x]", "null"])
    #expect(failure(#"5.upto(3) { }"#) == "groovy.lang.GroovyRuntimeException: The argument (3) to upto() cannot be less than the value (5) it's called on.")
    #expect(failure(#"1.downto(3) { }"#) == "groovy.lang.GroovyRuntimeException: The argument (3) to downto() cannot be greater than the value (1) it's called on.")
  }

  @Test func numberFormatting() throws {
    #expect(try value(#"String.format('%s-%d', 'a', 42)"#) == "a-42")
    #expect(try value(#"String.format('%05d', 42)"#) == "00042")
    #expect(try value(#"String.format('%05d', -42)"#) == "-0042")
    #expect(try value(#"String.format('%.2f', 3.14159)"#) == "3.14")
    #expect(try value(#"String.format('%.2f', 2.675)"#) == "2.68")
    #expect(try value(#"String.format('%.1f', 0.25)"#) == "0.3")
    #expect(try value(#"String.format('%.0f', 2.5)"#) == "3")
    #expect(try value(#"String.format('%-5s|', 'ab')"#) == "ab   |")
    #expect(try value(#"String.format('%5s|', 'ab')"#) == "   ab|")
    #expect(try value(#"String.format('%x', 255)"#) == "ff")
    #expect(try value(#"String.format('%X', 255)"#) == "FF")
    #expect(try value(#"String.format('%08.3f', 3.14159)"#) == "0003.142")
    #expect(try value(#"String.format('%,d', 1234567)"#) == "1,234,567")
    #expect(try value(#"String.format('%,.2f', 1234567.891)"#) == "1,234,567.89")
    #expect(try value(#"String.format('%+d', 5)"#) == "+5")
    #expect(try value(#"String.format('%b', true)"#) == "true")
    #expect(try value(#"String.format('%b', null)"#) == "false")
    #expect(try value(#"String.format('%S', 'abc')"#) == "ABC")
    #expect(try value(#"String.format('%3d|%-3d|', 1, 2)"#) == "  1|2  |")
    #expect(try value(#"String.format('%.3s', 'abcdef')"#) == "abc")
    #expect(try value(#"String.format('%10.2f|', 3.14159)"#) == "      3.14|")
    #expect(try value(#"String.format('%s', null)"#) == "null")
    #expect(try value(#"String.format('%d%%', 50)"#) == "50%")
    #expect(try value(#"String.format('%s %s%n', 'a', 'b')"#) == "a b\n")
    #expect(try value(#"String.format('%02d:%02d', 5, 7)"#) == "05:07")
    #expect(try value(#"sprintf('%d items', 3)"#) == "3 items")
    #expect(try value(#"sprintf('%s-%s', 'a', 'b')"#) == "a-b")
    #expect(try value(#"'v%s'.format('1')"#) == "1")
    #expect(failure(#"String.format('%s %s', 'a')"#) == "java.util.MissingFormatArgumentException: Format specifier '%s'")
    #expect(failure(#"String.format('%d', 1.5)"#) == "java.util.IllegalFormatConversionException: d != java.math.BigDecimal")
  }
}
