import CarsonGroovy
import Testing

/// GDK methods on lists, maps and ranges as Groovy 2.4 runs them.
/// Expected values come from Groovy 2.4.21 (the version Jenkins runs).
@Suite struct CollectionMethodTests {
  @Test func printing() throws {
    #expect(try value(#"[1, 'a', [2, 3], [k: 'v'], null, true, 1.5]"#) == "[1, a, [2, 3], [k:v], null, true, 1.5]")
    #expect(try value(#"[]"#) == "[]")
    #expect(try value(#"[[]]"#) == "[[]]")
    #expect(try value(#"['a': 1, 'b c': 2, 3: 'x']"#) == "[a:1, b c:2, 3:x]")
    #expect(try value(#"[a: [1, 2], b: [c: 'd']]"#) == "[a:[1, 2], b:[c:d]]")
    #expect(try value(#"[a: null]"#) == "[a:null]")
    #expect(try value(#"[:]"#) == "[:]")
    #expect(try value(#"[1: 'one', 2: 'two']"#) == "[1:one, 2:two]")
    #expect(try value(#"[1, [2, 3], 1..2]"#) == "[1, [2, 3], 1..2]")
    #expect(try value(#"[a: 1..2]"#) == "[a:1..2]")
    #expect(try value(#"[a: 1, b: 'x'].toString()"#) == "[a:1, b:x]")
    #expect(try value(#"[a: 1, b: 'x'].inspect()"#) == "['a':1, 'b':'x']")
    #expect(try value(#"['a', 1, null].inspect()"#) == "['a', 1, null]")
  }

  @Test func join() throws {
    #expect(try value(#"[1, 2, 3].join(', ')"#) == "1, 2, 3")
    #expect(try value(#"[1, 2, 3].join()"#) == "123")
    #expect(try value(#"[].join(',')"#) == "")
    #expect(try value(#"['a', null].join('-')"#) == "a-null")
    #expect(try value(#"[[1, 2], 3].join('|')"#) == "[1, 2]|3")
  }

  @Test func collect() throws {
    #expect(try value(#"[1, 2, 3].collect { it * 2 }"#) == "[2, 4, 6]")
    #expect(try value(#"[1, 2, 3].collect()"#) == "[1, 2, 3]")
    #expect(try value(#"[a: 1, b: 2].collect { k, v -> k + v }"#) == "[a1, b2]")
    #expect(try value(#"[a: 1, b: 2].collect { it.key + it.value }"#) == "[a1, b2]")
    #expect(try value(#"[a: 1].collect { e -> e.key }"#) == "[a]")
    #expect(try value(#"(1..3).collect { it * it }"#) == "[1, 4, 9]")
    #expect(try value(#"[[1, 2], [3, 4]].collect { a, b -> a + b }"#) == "[3, 7]")
    #expect(try value(#"[[k: 1], [k: 2]].collect { it.k }"#) == "[1, 2]")
    #expect(try value(#"[1, [2, 3]].collectNested { it * 2 }"#) == "[2, [4, 6]]")
    #expect(try value(#"[1, 2].collectMany { [it, it * 10] }"#) == "[1, 10, 2, 20]")
  }

  @Test func eachAndEachWithIndex() throws {
    #expect(try run(#"""
      def out = []
      [1, 2].each { out << it }
      [a: 1].each { k, v -> out << "$k=$v" }
      [a: 1].each { e -> out << e.key }
      [a: 1].each { out << it.value }
      (1..2).each { out << it }
      ['x', 'y'].eachWithIndex { v, i -> out << "$i:$v" }
      [p: 1, q: 2].eachWithIndex { e, i -> out << "$i:${e.key}" }
      [p: 1, q: 2].eachWithIndex { k, v, i -> out << "$i:$k=$v" }
      [[1, 'a'], [2, 'b']].each { n, s -> out << "$n$s" }
      echo out.toString()
      echo([3].each { }.toString())
      """#) == ["[1, 2, a=1, a, 1, 1, 2, 0:x, 1:y, 0:p, 1:q, 0:p=1, 1:q=2, 1a, 2b]", "[3]"])
  }

  @Test func findAndFindAll() throws {
    #expect(try value(#"[1, 2, 3].find { it > 1 }"#) == "2")
    #expect(try value(#"[1, 2, 3].find { it > 5 }"#) == "null")
    #expect(try value(#"[1, null, 2].find()"#) == "1")
    #expect(try value(#"[a: 1, b: 2].find { k, v -> v > 1 }"#) == "b=2")
    #expect(try value(#"[a: 1, b: 2].find { it.value > 1 }.key"#) == "b")
    #expect(try value(#"[1, 2, 3, 4].findAll { it % 2 == 0 }"#) == "[2, 4]")
    #expect(try value(#"[1, 2, 3].findAll { it > 5 }"#) == "[]")
    #expect(try value(#"[1, null, 0, 'a', '', []].findAll()"#) == "[1, a]")
    #expect(try value(#"[a: 1, b: 2].findAll { k, v -> v > 1 }"#) == "[b:2]")
    #expect(try value(#"[a: 1, b: 2].findAll { it.value > 1 }.keySet()"#) == "[b]")
    #expect(try value(#"[1, 2, 3].grep { it > 1 }"#) == "[2, 3]")
    #expect(try value(#"['a', 'bb', 'cc'].grep(~/b+/)"#) == "[bb]")
    #expect(try value(#"[1, 2, 3].findResult { it > 1 ? it * 10 : null }"#) == "20")
    #expect(try value(#"[a: 1, b: 2].findResult { k, v -> v > 1 ? k : null }"#) == "b")
    #expect(try value(#"[1, 2, 3].findIndexOf { it == 2 }"#) == "1")
  }

  @Test func anyAndEvery() throws {
    #expect(try value(#"[1, 2].any { it > 1 }"#) == "true")
    #expect(try value(#"[1, 2].every { it > 1 }"#) == "false")
    #expect(try value(#"[].any { true }"#) == "false")
    #expect(try value(#"[].every { false }"#) == "true")
    #expect(try value(#"[a: 1].any { k, v -> v == 1 }"#) == "true")
    #expect(try value(#"[a: 1].every { it.value == 1 }"#) == "true")
    #expect(try value(#"[0, null].any()"#) == "false")
    #expect(try value(#"[1, 2].every()"#) == "true")
    #expect(try value(#"[0, 1].every()"#) == "false")
  }

  @Test func firstLastHeadTail() throws {
    #expect(try value(#"[1, 2, 3].first()"#) == "1")
    #expect(try value(#"[1, 2, 3].last()"#) == "3")
    #expect(try value(#"[1, 2, 3].head()"#) == "1")
    #expect(try value(#"[1, 2, 3].tail()"#) == "[2, 3]")
    #expect(try value(#"[1, 2, 3][0]"#) == "1")
    #expect(try value(#"[1, 2, 3][-1]"#) == "3")
    #expect(try value(#"[1, 2, 3][5]"#) == "null")
    #expect(try value(#"[1, 2, 3][1..2]"#) == "[2, 3]")
    #expect(try value(#"[1, 2, 3, 4, 5][1..-1]"#) == "[2, 3, 4, 5]")
    #expect(try value(#"[1, 2, 3].get(1)"#) == "2")
    #expect(try value(#"[1, 2, 3, 4][0, 2]"#) == "[1, 3]")
    #expect(try value(#"[1, 2, 3, 4].getAt([0, 2])"#) == "[1, 3]")
    #expect(try value(#"[1, 2, 3, 4][0, 2..3]"#) == "[1, 3, 4]")
    #expect(try value(#"[0, 1, 2, 3, 4, 5][5..<1]"#) == "[5, 4, 3, 2]")
    #expect(try value(#"[0, 1, 2, 3, 4, 5][1..<1]"#) == "[]")
    #expect(try value(#"[0, 1, 2, 3, 4, 5][-1..0]"#) == "[5, 4, 3, 2, 1, 0]")
    #expect(failure(#"[1, 2, 3][5..1]"#) == "java.lang.IndexOutOfBoundsException: toIndex = 6")
    #expect(failure(#"[1, 2, 3][1..9]"#) == "java.lang.IndexOutOfBoundsException: toIndex = 10")
    #expect(failure(#"[].first()"#) == "java.util.NoSuchElementException: Cannot access first() element from an empty List")
    #expect(failure(#"[].last()"#) == "java.util.NoSuchElementException: Cannot access last() element from an empty List")
    #expect(failure(#"[1].get(5)"#) == "java.lang.IndexOutOfBoundsException: Index 5 out of bounds for length 1")
  }

  @Test func mapAccess() throws {
    #expect(try run(#"""
      def m = [a: 1, b: 2]
      echo m.keySet().toString()
      echo m.values().toString()
      echo "${m.containsKey('a')} ${m.containsKey('z')} ${m.containsValue(2)}"
      echo "${m.get('a')} ${m.get('z')} ${m.a} ${m['b']} ${m.z}"
      echo "${m.size()} ${m.isEmpty()} ${[:].isEmpty()}"
      echo m.put('c', 3).toString()
      echo m.put('a', 10).toString()
      echo m.toString()
      echo m.get('z', 5).toString()
      echo m.toString()
      m.remove('z')
      m.x = 7
      m['y'] = 8
      echo m.toString()
      echo m.entrySet().toString()
      echo m.keySet().join(',')
      echo m.values().sum().toString()
      """#) == ["[a, b]", "[1, 2]", "true false true", "1 null 1 2 null", "2 false true", "null", "1", "[a:10, b:2, c:3]", "5", "[a:10, b:2, c:3, z:5]", "[a:10, b:2, c:3, x:7, y:8]", "[a=10, b=2, c=3, x=7, y=8]", "a,b,c,x,y", "30"])
  }

  /// Even `map.class` reads a key.
  @Test func mapPropertiesAreKeys() throws {
    #expect(try value(#"[a: 1].class"#) == "null")
    #expect(try value(#"[class: 'x'].class"#) == "x")
    #expect(try value(#"[a: 1].getClass().name"#) == "java.util.LinkedHashMap")
  }

  /// `[1: 'x']` has an integer key; `[(k): v]` uses k's value.
  @Test func mapKeysAreObjects() throws {
    #expect(try run(#"""
      def x = [1: 'one', 2: 'two']
      echo "${x[1]} ${x.get(1)} ${x['1']}"
      def k = 'dyn'
      def m = [(k): 1, k: 3]
      echo m.toString()
      echo "${m.dyn} ${m."$k"}"
      def key = "${k}"
      m[key] = 4
      echo m.toString()
      """#) == ["one one null", "[dyn:1, k:3]", "1 1", "[dyn:4, k:3]"])
  }

  /// A GString literal key hashes unlike the equal String (Groovy's classic pitfall); subscripts and property names use Strings.
  @Test func gstringMapKeysAreNotStrings() throws {
    #expect(try run(#"""
      def k = 'dyn'
      def m = ["${k}2": 2]
      echo "${m['dyn2']} ${m.dyn2} ${m.get('dyn2')} ${m.containsKey('dyn2')}"
      echo "${m.containsKey("${k}2")}"
      m.put("${k}3", 3)
      echo "${m.dyn3} ${m.get("${k}3")}"
      m["${k}4"] = 4
      echo "${m.dyn4}"
      echo m.toString()
      def n = [:]
      n."${k}" = 5
      echo "${n.dyn}"
      """#) == ["null null null false", "true", "null 3", "4", "[dyn2:2, dyn3:3, dyn4:4]", "5"])
  }

  @Test func mapWithDefault() throws {
    #expect(try run(#"""
      def counts = [:].withDefault { 0 }
      ['a', 'b', 'a'].each { counts[it] += 1 }
      counts.c
      echo counts.toString()
      def groups = [:].withDefault { [] }
      groups.x << 1
      groups.x << 2
      echo groups.toString()
      """#) == ["[a:2, b:1, c:0]", "[x:[1, 2]]"])
  }

  @Test func mapTransformations() throws {
    #expect(try value(#"[a: 1, b: 2].collectEntries { k, v -> [k.toUpperCase(), v * 2] }"#) == "[A:2, B:4]")
    #expect(try value(#"[a: 1, b: 2].collectEntries { [(it.value): it.key] }"#) == "[1:a, 2:b]")
    #expect(try value(#"[a: 1, b: 2].groupBy { k, v -> v > 1 }"#) == "[false:[a:1], true:[b:2]]")
    #expect(try value(#"[a: 1, b: 2].countBy { it.value > 1 }"#) == "[false:1, true:1]")
    #expect(try value(#"[b: 1, a: 2].sort()"#) == "[a:2, b:1]")
    #expect(try value(#"[b: 1, a: 2].sort { it.value }"#) == "[b:1, a:2]")
    #expect(try value(#"[b: 1, a: 2].sort { a, b -> a.key <=> b.key }"#) == "[a:2, b:1]")
    #expect(try value(#"[a: 1, b: 2].inject(0) { acc, k, v -> acc + v }"#) == "3")
    #expect(try value(#"[a: 1, b: 2].inject(0) { acc, e -> acc + e.value }"#) == "3")
    #expect(try value(#"[a: 1, b: 2].max { it.value }"#) == "b=2")
    #expect(try value(#"[a: 1, b: 2].min { it.value }.key"#) == "a")
    #expect(try value(#"[a: 1, b: 2].subMap(['a'])"#) == "[a:1]")
    #expect(try value(#"[a: 1, b: 2].every { k, v -> v > 0 }"#) == "true")
    #expect(try value(#"[a: 1, b: 2].count { k, v -> v > 1 }"#) == "1")
  }

  @Test func mapOperators() throws {
    #expect(try value(#"[a: 1] + [b: 2]"#) == "[a:1, b:2]")
    #expect(try value(#"[a: 1, b: 2] + [a: 3]"#) == "[a:3, b:2]")
    #expect(try value(#"[a: 1, b: 2] - [a: 1]"#) == "[b:2]")
    #expect(try value(#"[a: 1, b: 2] - [a: 2]"#) == "[a:1, b:2]")
    #expect(try value(#"[a: 1] << [b: 2]"#) == "[a:1, b:2]")
    #expect(try value(#"[a: 1] == [a: 1]"#) == "true")
    #expect(try value(#"[a: 1, b: 2] == [b: 2, a: 1]"#) == "true")
    #expect(try value(#"'k' in [k: 1]"#) == "true")
    #expect(try value(#"'k' in [k: 0]"#) == "false")
    #expect(try value(#"'z' in [k: 1]"#) == "false")
  }

  @Test func listOperators() throws {
    #expect(try value(#"[1, 2] + [3]"#) == "[1, 2, 3]")
    #expect(try value(#"[1, 2] + 3"#) == "[1, 2, 3]")
    #expect(try value(#"[1, 2, 2, 3] - [2]"#) == "[1, 3]")
    #expect(try value(#"[1, 2, 2, 3] - 2"#) == "[1, 3]")
    #expect(try value(#"[1, 2] * 2"#) == "[1, 2, 1, 2]")
    #expect(try value(#"[1, 2] == [1, 2]"#) == "true")
    #expect(try value(#"[1, [2]] == [1, [2]]"#) == "true")
    #expect(try value(#"[] == []"#) == "true")
    #expect(try value(#"2 in [1, 2, 3]"#) == "true")
    #expect(try value(#"1.0 in [1, 2]"#) == "false")
    #expect(try value(#"[1, 2, 3].contains(2)"#) == "true")
    #expect(try value(#"[1, 2, 3].plus(4)"#) == "[1, 2, 3, 4]")
    #expect(try value(#"[1, 2, 3].minus([1])"#) == "[2, 3]")
    #expect(try value(#"-[1, 2]"#) == "[-1, -2]")
    #expect(try run(#"""
      def l = [1]
      l << 2
      l << [3, 4]
      echo l.toString()
      l += 5
      l -= 1
      echo l.toString()
      def l2 = l
      l2 << 9
      echo l.toString()
      """#) == ["[1, 2, [3, 4]]", "[2, [3, 4], 5]", "[2, [3, 4], 5, 9]"])
  }

  @Test func listMutation() throws {
    #expect(try run(#"""
      def l = [1, 2, 3]
      echo l.remove(0).toString()
      echo l.toString()
      l.add(0, 9)
      l.addAll([7, 8])
      echo l.toString()
      echo l.removeAll { it > 7 }.toString()
      echo "${l.pop()} ${l}"
      echo([1, 2].push(3).toString())
      def sparse = []
      sparse[3] = 'x'
      sparse[-1] = 'y'
      echo sparse.toString()
      l.clear()
      echo l.toString()
      """#) == ["1", "[2, 3]", "[9, 2, 3, 7, 8]", "true", "7 [2, 3]", "true", "[null, null, null, y]", "[]"])
  }

  /// `sort()` sorts in place and returns the list; `sort(false)` copies.
  @Test func sort() throws {
    #expect(try value(#"[3, 1, 2].sort()"#) == "[1, 2, 3]")
    #expect(try value(#"[3, 1, 2].sort { -it }"#) == "[3, 2, 1]")
    #expect(try value(#"[3, 1, 2].sort { a, b -> b <=> a }"#) == "[3, 2, 1]")
    #expect(try value(#"['bb', 'a', 'ccc'].sort { it.size() }"#) == "[a, bb, ccc]")
    #expect(try value(#"['b', 'A', 'c'].sort { a, b -> a.toLowerCase() <=> b.toLowerCase() }"#) == "[A, b, c]")
    #expect(try value(#"['b', 'A', 'c'].sort()"#) == "[A, b, c]")
    #expect(try value(#"[[n: 2], [n: 1]].sort { it.n }"#) == "[[n:1], [n:2]]")
    #expect(try value(#"[3, 1, 2].toSorted()"#) == "[1, 2, 3]")
    #expect(try value(#"[null, 2, 1].sort()"#) == "[null, 1, 2]")
    #expect(try run(#"""
      def orig = [3, 1, 2]
      def sorted = orig.sort()
      echo "${orig} ${sorted.is(orig)}"
      def other = [3, 1, 2]
      echo "${other.sort(false)} ${other}"
      def third = ['b', 'A']
      echo "${third.sort(false) { it.toLowerCase() }} ${third}"
      """#) == ["[1, 2, 3] true", "[1, 2, 3] [3, 1, 2]", "[A, b] [b, A]"])
  }

  /// `unique()` changes the list unless given `false`.
  @Test func unique() throws {
    #expect(try value(#"[1, 2, 1, 3, 2].unique()"#) == "[1, 2, 3]")
    #expect(try value(#"[1, 2, 1, 3].unique { it % 2 }"#) == "[1, 2]")
    #expect(try value(#"['a', 'B', 'b'].unique { a, b -> a.toLowerCase() <=> b.toLowerCase() }"#) == "[a, B]")
    #expect(try value(#"[1, 2, 1].toUnique()"#) == "[1, 2]")
    #expect(try run(#"""
      def u = [3, 1, 3]
      u.unique()
      echo u.toString()
      def v = [3, 1, 3]
      echo "${v.unique(false)} ${v}"
      """#) == ["[3, 1]", "[3, 1] [3, 1, 3]"])
  }

  @Test func flattenSumMaxMin() throws {
    #expect(try value(#"[1, [2, [3, [4]]]].flatten()"#) == "[1, 2, 3, 4]")
    #expect(try value(#"[[1], [], [2]].flatten()"#) == "[1, 2]")
    #expect(try value(#"[1, 2, 3].sum()"#) == "6")
    #expect(try value(#"[1.5, 2.5].sum()"#) == "4.0")
    #expect(try value(#"['a', 'b'].sum()"#) == "ab")
    #expect(try value(#"[].sum()"#) == "null")
    #expect(try value(#"[1, 2, 3].sum { it * 2 }"#) == "12")
    #expect(try value(#"[1, 2, 3].sum(10)"#) == "16")
    #expect(try value(#"['a'].sum('x')"#) == "xa")
    #expect(try value(#"[3, 1, 2].max()"#) == "3")
    #expect(try value(#"[3, 1, 2].min()"#) == "1")
    #expect(try value(#"['aa', 'b'].max { it.size() }"#) == "aa")
    #expect(try value(#"['aa', 'b'].min { it.size() }"#) == "b")
    #expect(try value(#"[1, 2, 3].max { a, b -> a <=> b }"#) == "3")
    #expect(try value(#"[[n: 2], [n: 1]].min { it.n }"#) == "[n:1]")
    #expect(try value(#"[].max()"#) == "null")
    #expect(try value(#"[1, 2.50].max()"#) == "2.50")
  }

  @Test func injectGroupByCollectEntries() throws {
    #expect(try value(#"[1, 2, 3].inject { a, b -> a * b }"#) == "6")
    #expect(try value(#"[1, 2, 3].inject(10) { a, b -> a + b }"#) == "16")
    #expect(try value(#"['a', 'b'].inject('') { acc, s -> acc + s.toUpperCase() }"#) == "AB")
    #expect(try value(#"[1, 2, 3].groupBy { it % 2 }"#) == "[1:[1, 3], 0:[2]]")
    #expect(try value(#"['a', 'bb', 'cc'].groupBy { it.size() }"#) == "[1:[a], 2:[bb, cc]]")
    #expect(try value(#"[[a: 1, b: 1], [a: 1, b: 1], [a: 2, b: 1]].groupBy { [it.a, it.b] }.keySet()"#) == "[[1, 1], [2, 1]]")
    #expect(try value(#"[1, 2, 3].countBy { it % 2 }"#) == "[1:2, 0:1]")
    #expect(try value(#"[1, 2, 3].collectEntries { [it, it * it] }"#) == "[1:1, 2:4, 3:9]")
    #expect(try value(#"['a', 'b'].collectEntries { [(it): it.toUpperCase()] }"#) == "[a:A, b:B]")
    #expect(try value(#"[['k', 1], ['j', 2]].collectEntries()"#) == "[k:1, j:2]")
  }

  @Test func moreListMethods() throws {
    #expect(try value(#"[1, 2, 3].reverse()"#) == "[3, 2, 1]")
    #expect(try value(#"[1, 2, 3].take(2)"#) == "[1, 2]")
    #expect(try value(#"[1, 2, 3].drop(1)"#) == "[2, 3]")
    #expect(try value(#"[1, 2, 3].takeWhile { it < 2 }"#) == "[1]")
    #expect(try value(#"[1, 2, 3].dropWhile { it < 2 }"#) == "[2, 3]")
    #expect(try value(#"[1, 2, 3].indexOf(2)"#) == "1")
    #expect(try value(#"[1, 2, 3].lastIndexOf(3)"#) == "2")
    #expect(try value(#"[1, 2, 3].subList(0, 2)"#) == "[1, 2]")
    #expect(try value(#"[1, 2, 3].count { it > 1 }"#) == "2")
    #expect(try value(#"[1, 2, 1].count(1)"#) == "2")
    #expect(try value(#"[1, 2, 3].withIndex()"#) == "[[1, 0], [2, 1], [3, 2]]")
    #expect(try value(#"[1, 2, 3].indexed()"#) == "[0:1, 1:2, 2:3]")
    #expect(try value(#"[[1, 'a'], [2, 'b']].transpose()"#) == "[[1, 2], [a, b]]")
    #expect(try value(#"[1, 2, 3].collate(2)"#) == "[[1, 2], [3]]")
    #expect(try value(#"[1, 2, 3].intersect([2, 3, 4])"#) == "[2, 3]")
    #expect(try value(#"[1, 2].disjoint([3])"#) == "true")
    #expect(try value(#"[1, 2, 3, 4].split { it % 2 }"#) == "[[1, 3], [2, 4]]")
    #expect(try value(#"[1, 2, 3].toSet()"#) == "[1, 2, 3]")
    #expect(try value(#"[1, 2, 3].size()"#) == "3")
    #expect(try value(#"[].isEmpty()"#) == "true")
    #expect(try value(#"['a', 'b'].containsAll(['a'])"#) == "true")
    #expect(try value(#"[1, 2, 3].reverseEach { }"#) == "[1, 2, 3]")
    #expect(try value(#"[1, 2].clone()"#) == "[1, 2]")
    #expect(try value(#"[a: 1].clone()"#) == "[a:1]")
  }

  @Test func spreadOperator() throws {
    #expect(try value(#"['a', 'bb']*.size()"#) == "[1, 2]")
    #expect(try value(#"[[n: 1], [n: 2]]*.n"#) == "[1, 2]")
    #expect(try value(#"[1, 2]*.plus(1)"#) == "[2, 3]")
    #expect(try value(#"[a: 1, b: 2]*.key"#) == "[a, b]")
    #expect(try value(#"[[a: 1], [a: 2]].a"#) == "[1, 2]")
    #expect(try value(#"['x', 'y']*.toUpperCase()"#) == "[X, Y]")
    #expect(try run(#"""
      def l = null
      echo "${l*.size()} ${l*.name}"
      """#) == ["null null"])
  }

  /// A range prints as a list, but as `1..3` inside a collection or with toString().
  @Test func ranges() throws {
    #expect(try value(#"1..3"#) == "[1, 2, 3]")
    #expect(try value(#"(1..5).toList()"#) == "[1, 2, 3, 4, 5]")
    #expect(try value(#"(1..<5).toList()"#) == "[1, 2, 3, 4]")
    #expect(try value(#"(5..1).toList()"#) == "[5, 4, 3, 2, 1]")
    #expect(try value(#"(0..<0).toList()"#) == "[]")
    #expect(try value(#"(1..3).size()"#) == "3")
    #expect(try value(#"(1..3).sum()"#) == "6")
    #expect(try value(#"(1..3).contains(2)"#) == "true")
    #expect(try value(#"4 in (1..3)"#) == "false")
    #expect(try value(#"(1..10).step(3)"#) == "[1, 4, 7, 10]")
    #expect(try value(#"(1..3).reverse()"#) == "[3, 2, 1]")
    #expect(try value(#"(1..3).toString()"#) == "1..3")
    #expect(try value(#"(1..3).inspect()"#) == "1..3")
    #expect(try value(#"(1..3).from + (1..3).to"#) == "4")
    #expect(try value(#"(1..3).join(',')"#) == "1,2,3")
    #expect(try value(#"(1..3) == [1, 2, 3]"#) == "true")
    #expect(try value(#"(1..3).getClass().name"#) == "groovy.lang.IntRange")
    #expect(try run(#"""
      def out = []
      (1..9).step(4) { out << it }
      echo out.toString()
      """#) == ["[1, 5, 9]"])
  }
}
