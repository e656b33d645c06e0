import CarsonGroovy
import Testing

/// Groovy's operators: truth, elvis, safe navigation, regex, ranges, assignment.
/// Expected values come from Groovy 2.4.21 (the version Jenkins runs).
@Suite struct OperatorTests {
  @Test func groovyTruth() throws {
    #expect(try value(#"!''"#) == "true")
    #expect(try value(#"!'a'"#) == "false")
    #expect(try value(#"![]"#) == "true")
    #expect(try value(#"![0]"#) == "false")
    #expect(try value(#"![:]"#) == "true")
    #expect(try value(#"!0"#) == "true")
    #expect(try value(#"!0.0"#) == "true")
    #expect(try value(#"!null"#) == "true")
    #expect(try value(#"!!'false'"#) == "true")
    #expect(try value(#"(('abc' =~ /z/) ? 'match' : 'no match')"#) == "no match")
  }

  @Test func elvisAndSafeNavigation() throws {
    #expect(try run(#"""
      def a = null
      echo "${a ?: 'default'} ${'' ?: 'empty'} ${0 ?: 'zero'} ${'x' ?: 'y'}"
      echo "${a?.length()} ${a?.foo?.bar}"
      def m = [k: [n: 1]]
      echo "${m?.k?.n} ${m.z?.n}"
      echo "${(a ?: [:]).size()}"
      """#) == ["default empty zero x", "null null", "1 null", "0"])
  }

  @Test func logicalAndBitwise() throws {
    #expect(try value(#"true && false"#) == "false")
    #expect(try value(#"true || false"#) == "true")
    #expect(try value(#"null && 1"#) == "false")
    #expect(try value(#"1 && 'a'"#) == "true")
    #expect(try value(#"true ^ true"#) == "false")
    #expect(try value(#"true & false"#) == "false")
    #expect(try value(#"5 & 3"#) == "1")
    #expect(try value(#"5 | 3"#) == "7")
    #expect(try value(#"5 ^ 3"#) == "6")
    #expect(try value(#"~5"#) == "-6")
    #expect(try value(#"1 << 3"#) == "8")
    #expect(try value(#"16 >> 2"#) == "4")
  }

  @Test func equalityAndIdentity() throws {
    #expect(try run(#"""
      def a = [1]
      def b = [1]
      echo "${a == b} ${a.is(b)} ${a.is(a)} ${a != b}"
      echo "${'a' == "a"} ${"${'a'}" == 'a'} ${1 == 1.0}"
      """#) == ["true false true false", "true true true"])
  }

  @Test func ternary() throws {
    #expect(try value(#"5 > 3 ? 'big' : 'small'"#) == "big")
    #expect(try value(#"null ? 1 : 2"#) == "2")
    #expect(try value(#"[] ? 'full' : 'empty'"#) == "empty")
  }

  @Test func regexOperators() throws {
    #expect(try value(#"'abc' ==~ /abc/"#) == "true")
    #expect(try value(#"'abc' ==~ 'ab'"#) == "false")
    #expect(try value(#"('abc' =~ /b/).find()"#) == "true")
    #expect(try value(#"(~/\d+/).getClass().name"#) == "java.util.regex.Pattern")
    #expect(try value(#"'123' ==~ ~/\d+/"#) == "true")
    #expect(try value(#"(~/\d+/).matcher('a12').find()"#) == "true")
    #expect(try value(#"('key=value' =~ /(\w+)=(\w+)/)[0]"#) == "[key=value, key, value]")
    #expect(try value(#"('ab12cd34' =~ /\d+/).collect { it }"#) == "[12, 34]")
    #expect(try value(#"('x' =~ /y/).size()"#) == "0")
  }

  @Test func stringOperators() throws {
    #expect(try value(#"'ab' * 3"#) == "ababab")
    #expect(try value(#"'ab' * 0"#) == "")
    #expect(try value(#"'-' * 10"#) == "----------")
    #expect(try value(#"1 + '2'"#) == "12")
    #expect(try value(#"'1' + 2"#) == "12")
    #expect(try value(#"'a' + null"#) == "anull")
    #expect(try value(#"'a' + [1, 2]"#) == "a[1, 2]")
    #expect(try value(#"'a' + [k: 1]"#) == "a[k:1]")
    #expect(try value(#"null + 'a'"#) == "nulla")
    #expect(try value(#"'abc' < 'abd'"#) == "true")
    #expect(failure(#"def x = null; x + 1"#) == "java.lang.NullPointerException: Cannot execute null+1")
    #expect(failure(#"def x = null; x * 2"#) == "java.lang.NullPointerException: Cannot invoke method multiply() on null object")
    #expect(failure(#"def x = null; x - 2"#) == "java.lang.NullPointerException: Cannot invoke method minus() on null object")
  }

  @Test func compoundAssignment() throws {
    #expect(try run(#"""
      def i = 10
      i /= 4
      echo i.toString()
      i = 10
      i *= 2
      i -= 5
      i += 1
      echo i.toString()
      i %= 4
      i **= 3
      i <<= 1
      echo i.toString()
      def s = 'a'
      s += 'b'
      s *= 2
      echo s
      def l = [1]
      l += [2]
      l -= [1]
      l += 3
      echo l.toString()
      def m = [a: 1]
      m += [b: 2]
      echo m.toString()
      i = 5
      i++
      ++i
      i--
      echo i.toString()
      echo "${i++ + ++i} ${i}"
      def d = 1.5
      d += 1
      echo d.toString()
      """#) == ["2.5", "16", "0", "abab", "[2, 3]", "[a:1, b:2]", "6", "14 8", "2.5"])
  }

  @Test func instanceofAndAs() throws {
    #expect(try value(#"'a' instanceof String"#) == "true")
    #expect(try value(#"1 instanceof Integer"#) == "true")
    #expect(try value(#"1 instanceof Number"#) == "true")
    #expect(try value(#"1.5 instanceof BigDecimal"#) == "true")
    #expect(try value(#"[] instanceof List"#) == "true")
    #expect(try value(#"[:] instanceof Map"#) == "true")
    #expect(try value(#""${1}" instanceof String"#) == "false")
    #expect(try value(#""${1}" instanceof GString"#) == "true")
    #expect(try value(#"null instanceof Object"#) == "false")
    #expect(try value(#"'5' as Integer"#) == "5")
    #expect(try value(#"5 as String"#) == "5")
    #expect(try value(#"[1, 1, 2] as Set"#) == "[1, 2]")
    #expect(try value(#"1 as boolean"#) == "true")
    #expect(try value(#"'' as boolean"#) == "false")
    #expect(try value(#"'true' as Boolean"#) == "true")
    #expect(try value(#"3.9 as Integer"#) == "3")
    #expect(try value(#"(Integer) 5"#) == "5")
    #expect(try value(#"1.getClass().name"#) == "java.lang.Integer")
    #expect(try value(#"'a'.getClass().name"#) == "java.lang.String")
    #expect(try value(#"[].getClass().name"#) == "java.util.ArrayList")
    #expect(try value(#"[:].getClass().name"#) == "java.util.LinkedHashMap")
    #expect(try value(#"1.5.getClass().name"#) == "java.math.BigDecimal")
    #expect(try value(#"true.getClass().name"#) == "java.lang.Boolean")
    #expect(try value(#"'x'.class.simpleName"#) == "String")
    #expect(try value(#"[1, 2, 3] as int[]"#) == "[1, 2, 3]")
    #expect(try value(#"(['1', '2'] as int[]).sum()"#) == "3")
    #expect(try value(#"'ab' as String[]"#) == "[a, b]")
    #expect(try value(#"Boolean.TRUE"#) == "true")
    #expect(try value(#"[1, 2].class == ArrayList"#) == "true")
    #expect(try value(#"'x'.class == String"#) == "true")
    #expect(failure(#"'x' as Integer"#) == "java.lang.NumberFormatException: For input string: \"x\"")
  }

  @Test func typedDeclarationsConvert() throws {
    #expect(try run(#"""
      String[] arr = ['a', 'b']
      echo "${arr.join('-')} ${arr.length}"
      int n = 3.9
      String s = 5
      double d = 3
      BigDecimal b = 3
      Integer i = null
      long l = 7
      echo "$n $s $d $b $i $l"
      """#) == ["a-b 2", "3 5 3.0 3 null 7"])
  }

  @Test func multipleAssignment() throws {
    #expect(try run(#"""
      def (a, b) = [1, 2]
      echo "$a $b"
      def (x, y, z) = [1, 2]
      echo "$x $y $z"
      def (p, q) = 'k=v'.split('=')
      echo "$p $q"
      (a, b) = [b, a]
      echo "$a $b"
      def (String s, int n) = ['s', 5]
      echo "$s $n"
      def (major, minor) = '1.2.3'.tokenize('.').collect { it.toInteger() }
      echo "${major + minor}"
      """#) == ["1 2", "1 2 null", "k v", "2 1", "s 5", "3"])
  }

  @Test func gstringInterpolation() throws {
    #expect(try run(#"""
      def name = 'world'
      def m = [a: [b: 'deep'], list: [1, 2]]
      echo "hello $name"
      echo "hello ${name}!"
      echo "${name.toUpperCase()}"
      echo "$m.a.b"
      echo "${m.list[1]}"
      echo "a \$name"
      echo "sum: ${1 + 2}"
      echo "list ${[1, 2]} map ${[a: 1]} empty ${[:]}"
      echo "nested ${"inner ${name}"}"
      echo "null ${null}"
      echo "x${name}y"
      echo """tri $name"""
      echo '''single $name'''
      echo(/slashy $name/)
      echo "${name.size()} ${name.empty}"
      echo "decimal ${1.50} ${10 / 4} ${1 / 3}"
      def gs = "val ${name}"
      echo "${gs.length()} ${gs.toUpperCase()} ${gs == 'val world'}"
      echo "a" + "${name}"
      """#) == ["hello world", "hello world!", "WORLD", "deep", "2", "a $name", "sum: 3", "list [1, 2] map [a:1] empty [:]", "nested inner world", "null null", "xworldy", "tri world", "single $name", "slashy world", "5 false", "decimal 1.50 2.5 0.3333333333", "9 VAL WORLD true", "aworld"])
  }
}
