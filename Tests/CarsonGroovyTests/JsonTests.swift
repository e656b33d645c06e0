import CarsonGroovy
import Testing

/// groovy.json's JsonSlurper, JsonSlurperClassic and JsonOutput as Groovy 2.4 runs them.
/// Expected values come from Groovy 2.4.21 (the version Jenkins runs).
@Suite struct JsonTests {
  /// JsonSlurper's maps have sorted keys; decimals are BigDecimals with their digits.
  @Test func slurperParsesIntoMapsListsAndNumbers() throws {
    #expect(try run(#"""
      import groovy.json.JsonSlurper
      def obj = new JsonSlurper().parseText('{"b": [true, null, 2.5], "a": 1, "c": {"d": "e"}, "f": 1.50, "g": 10000000000, "h": -3}')
      echo "${obj}"
      echo "${obj.a + 1} ${obj.b[2]} ${obj.c.d} ${obj.f} ${obj.g} ${obj.h}"
      echo "${obj.f.getClass().name} ${obj.g.getClass().name}"
      def arr = new JsonSlurper().parseText('[1, "two", {"x": 3}]')
      echo "${arr} ${arr.size()} ${arr[2].x}"
      echo new JsonSlurper().parseText('{"u": "\\u0041\\t\\/"}').u
      echo "${new JsonSlurper().parseText('{"n": 1e3, "m": 1.5E2}')}"
      echo new JsonSlurper().parseText(' [ ] ').size().toString()
      echo new JsonSlurper().parseText('{"a": {"b": [1, 2]}}').a.b.sum().toString()
      echo "${new JsonSlurper().parseText('{"b": 1, "a": {"z": 1, "y": 2}, "B": 4, "_": 5, "aa": 6}')}"
      """#) == ["[a:1, b:[true, null, 2.5], c:[d:e], f:1.50, g:10000000000, h:-3]", "2 2.5 e 1.50 10000000000 -3", "java.math.BigDecimal java.lang.Long", "[1, two, [x:3]] 3 3", "A\t/", "[m:1.5E+2, n:1E+3]", "0", "3", "[B:4, _:5, a:[y:2, z:1], aa:6, b:1]"])
  }

  @Test func classicSlurperGivesHashMapOrder() throws {
    #expect(try run(#"""
      import groovy.json.JsonSlurperClassic
      echo new JsonSlurperClassic().parseText('{"name": 1, "version": 2, "a": 3, "zeta": 4, "b": 5, "description": 6, "id": 7}').toString()
      echo new JsonSlurperClassic().parseText('{"k01":1,"k02":2,"k03":3,"k04":4,"k05":5,"k06":6,"k07":7,"k08":8,"k09":9,"k10":10,"k11":11,"k12":12,"k13":13,"k14":14,"foo":15}').toString()
      echo new JsonSlurperClassic().parseText('{"x": 1.50}').x.toString()
      """#) == ["[zeta:4, a:3, b:5, name:1, description:6, id:7, version:2]", "[foo:15, k11:11, k10:10, k02:2, k13:13, k01:1, k12:12, k04:4, k03:3, k14:14, k06:6, k05:5, k08:8, k07:7, k09:9]", "1.50"])
  }

  @Test func slurperErrors() throws {
    #expect(failure(#"new groovy.json.JsonSlurper().parseText('')"#) == "java.lang.IllegalArgumentException: Text must not be null or empty")
    #expect(failure(#"new groovy.json.JsonSlurper().parseText('{"a": tru}')"#) == "groovy.json.JsonException: true not parsed properly")
    #expect(failure(#"new groovy.json.JsonSlurper().parseText('[1, 2')"#) == "groovy.json.JsonException: issue parsing JSON array")
  }

  @Test func toJson() throws {
    #expect(try value(#"groovy.json.JsonOutput.toJson([name: 'x', list: [1, 2], nested: [k: null], d: 1.50, s: 'q"uote'])"#) == "{\"name\":\"x\",\"list\":[1,2],\"nested\":{\"k\":null},\"d\":1.50,\"s\":\"q\\\"uote\"}")
    #expect(try value(#"groovy.json.JsonOutput.toJson([a: 1e3, b: 0.000001, c: -2.5, d: 10 / 4, e: 1 / 3, f: 2.0d])"#) == "{\"a\":1E+3,\"b\":0.000001,\"c\":-2.5,\"d\":2.5,\"e\":0.3333333333,\"f\":2.0}")
    #expect(try value(#"groovy.json.JsonOutput.toJson(['k\n': '\u0001\b\f\r\t\\'])"#) == "{\"k\\n\":\"\\u0001\\b\\f\\r\\t\\\\\"}")
    #expect(try value(#"groovy.json.JsonOutput.toJson([u: 'é/\n\t'])"#) == "{\"u\":\"\\u00e9/\\n\\t\"}")
    #expect(try value(#"groovy.json.JsonOutput.toJson([1: 'int key'])"#) == "{\"1\":\"int key\"}")
    #expect(try value(#"groovy.json.JsonOutput.toJson([[a: [b: [1, [2]]]]])"#) == "[{\"a\":{\"b\":[1,[2]]}}]")
    #expect(try value(#"groovy.json.JsonOutput.toJson('str')"#) == "\"str\"")
    #expect(try value(#"groovy.json.JsonOutput.toJson(5)"#) == "5")
    #expect(try value(#"groovy.json.JsonOutput.toJson([])"#) == "[]")
    #expect(try value(#"groovy.json.JsonOutput.toJson([:])"#) == "{}")
    #expect(try value(#"groovy.json.JsonOutput.toJson(1..3)"#) == "[1,2,3]")
    #expect(try value(#"groovy.json.JsonOutput.toJson(new groovy.json.JsonSlurper().parseText('{"x": 1.50, "y": [1.0]}'))"#) == "{\"x\":1.50,\"y\":[1.0]}")
    #expect(failure(#"groovy.json.JsonOutput.toJson([(null): 1])"#) == "java.lang.IllegalArgumentException: Maps with null keys can't be converted to JSON")
  }

  /// Four spaces per level; strings and numbers stay as written.
  @Test func prettyPrint() throws {
    #expect(try value(#"groovy.json.JsonOutput.prettyPrint(groovy.json.JsonOutput.toJson([a: 1, b: [1, 2]]))"#) == "{\n    \"a\": 1,\n    \"b\": [\n        1,\n        2\n    ]\n}")
    #expect(try value(#"groovy.json.JsonOutput.prettyPrint('{"a":{},"b":[],"c":[1,{"d":null}],"e":"x y","f":1.50,"g":true}')"#) == "{\n    \"a\": {\n        \n    },\n    \"b\": [\n        \n    ],\n    \"c\": [\n        1,\n        {\n            \"d\": null\n        }\n    ],\n    \"e\": \"x y\",\n    \"f\": 1.50,\n    \"g\": true\n}")
    #expect(try value(#"groovy.json.JsonOutput.prettyPrint('[]')"#) == "[\n    \n]")
    #expect(try value(#"groovy.json.JsonOutput.prettyPrint('"s"')"#) == "\"s\"")
    #expect(try value(#"groovy.json.JsonOutput.prettyPrint('{"s":"a\\"b\\u00e9"}')"#) == "{\n    \"s\": \"a\\\"b\\u00e9\"\n}")
  }
}
