import Foundation

extension BuiltinMethods {
  // MARK: Lists

  static func listMethod(_ list: GList, _ name: String, _ call: MethodCall) throws -> GValue? {
    let items = list.items
    switch name {
    case "size": return .int(Int64(items.count))
    case "isEmpty": return .bool(items.isEmpty)
    case "first", "head":
      guard let first = items.first else { throw GroovyError("java.util.NoSuchElementException", "Cannot access first() element from an empty List", range: call.range) }
      return first
    case "last":
      guard let last = items.last else { throw GroovyError("java.util.NoSuchElementException", "Cannot access last() element from an empty List", range: call.range) }
      return last
    case "getAt": return try call.interpreter.getAt(.list(list), [call.argument(0)], call.context, at: call.range)
    case "get":
      // Java's `List.get` checks the index, unlike Groovy's `list[i]`.
      let i = try call.int(0)
      guard i >= 0, i < items.count else {
        throw GroovyError("java.lang.IndexOutOfBoundsException", "Index \(i) out of bounds for length \(items.count)", range: call.range)
      }
      return items[i]
    case "contains": return .bool(items.contains { Groovy.javaEquals($0, call.argument(0)) })
    case "containsAll":
      guard case .list(let other) = call.argument(0) else { return nil }
      return .bool(other.items.allSatisfy { x in items.contains { Groovy.equals($0, x) } })
    case "indexOf": return .int(Int64(items.firstIndex { Groovy.equals($0, call.argument(0)) } ?? -1))
    case "lastIndexOf": return .int(Int64(items.lastIndex { Groovy.equals($0, call.argument(0)) } ?? -1))
    case "tail":
      guard !items.isEmpty else { throw GroovyError("java.util.NoSuchElementException", "Cannot access tail() for an empty List", range: call.range) }
      return .list(GList(Array(items.dropFirst())))
    case "add", "leftShift", "push":
      if list.isSet {
        let added = !items.contains { Groovy.equals($0, call.argument(0)) }
        if added { list.items.append(call.argument(0)) }
        return name == "leftShift" ? .list(list) : .bool(added)
      }
      if call.all.count == 2, case .int(let i) = call.argument(0) {
        list.items.insert(call.argument(1), at: min(max(0, Int(i)), items.count))
      } else {
        list.items.append(call.argument(0))
      }
      return name == "leftShift" ? .list(list) : .bool(true)
    case "addAll":
      list.items += try call.interpreter.iterate(call.argument(0), at: call.range)
      return .bool(true)
    case "remove":
      if case .int(let i) = call.argument(0) {
        guard i >= 0, Int(i) < items.count else { throw GroovyError("java.lang.IndexOutOfBoundsException", "Index \(i) out of bounds for length \(items.count)", range: call.range) }
        return list.items.remove(at: Int(i))
      }
      if let i = items.firstIndex(where: { Groovy.equals($0, call.argument(0)) }) {
        list.items.remove(at: i)
        return .bool(true)
      }
      return .bool(false)
    case "removeAll":
      if let c = call.closure {
        list.items = try items.filter { !Groovy.truthy(try call.callClosure(c, [$0])) }
      } else {
        let other = try call.interpreter.iterate(call.argument(0), at: call.range)
        list.items = items.filter { x in !other.contains { Groovy.equals($0, x) } }
      }
      return .bool(list.items.count != items.count)
    case "pop", "removeLast":
      guard !items.isEmpty else { throw GroovyError("java.util.NoSuchElementException", "Cannot pop() an empty List", range: call.range) }
      return list.items.removeLast()
    case "clear":
      list.items.removeAll()
      return .null
    case "plus": return try Groovy.plus(.list(list), call.argument(0))
    case "minus": return try Groovy.minus(.list(list), call.argument(0))
    case "join": return .string(items.map(Groovy.string).joined(separator: call.all.isEmpty ? "" : call.string(0)))
    case "reverse": return .list(GList(items.reversed()))
    case "unique", "toUnique":
      // `unique()` changes the list unless given `false`; a closure gives the key (one
      // parameter) or compares two items (two parameters).
      let mutate = name == "unique" && call.argument(0).boolArgument != false
      var result: [GValue] = []
      for item in items {
        let duplicate = try result.contains { kept in
          guard let c = call.closure else { return Groovy.equals(kept, item) }
          if c.hasArrow && c.parameters.count == 2 { return Groovy.number(try call.callClosure(c, [kept, item])) == 0 }
          return Groovy.equals(try call.callClosure(c, [kept]), try call.callClosure(c, [item]))
        }
        if !duplicate { result.append(item) }
      }
      if mutate { list.items = result }
      return .list(mutate ? list : GList(result))
    case "toSet": return .list(GList(Conversions.unique(items)))
    case "toList", "asList": return .list(GList(items))
    case "collect" where call.closure == nil: return .list(GList(items))
    case "flatten": return .list(GList(flatten(items)))
    case "take": return .list(GList(Array(items.prefix(max(0, try call.int(0))))))
    case "drop": return .list(GList(Array(items.dropFirst(max(0, try call.int(0))))))
    case "subList":
      let from = try call.int(0)
      let to = try call.int(1)
      guard from >= 0, to <= items.count, from <= to else { throw GroovyError("java.lang.IndexOutOfBoundsException", "subList(\(from), \(to))", range: call.range) }
      return .list(GList(Array(items[from..<to])))
    case "sort", "toSorted":
      // `sort()` sorts in place and returns the list; `sort(false)` and `toSorted()` copy.
      let sorted = try sortedItems(items, call)
      guard name == "sort" && call.argument(0).boolArgument != false else { return .list(GList(sorted)) }
      list.items = sorted
      return .list(list)
    case "sum":
      // `sum()` of nothing is null; `sum(initial)` starts from a value.
      let initial = call.arguments.positional.first { if case .closure = $0 { return false } else { return true } }
      var values = items
      if let c = call.closure { values = try items.map { try call.callClosure(c, [$0]) } }
      guard var total = initial ?? values.first else { return .null }
      for item in initial == nil ? values.dropFirst() : values[...] { total = try Groovy.plus(total, item) }
      return total
    case "max", "min":
      guard let best = try extreme(items, largest: name == "max", call) else { return .null }
      return best
    case "count":
      if let c = call.closure { return .int(Int64(try items.filter { Groovy.truthy(try call.callClosure(c, [$0])) }.count)) }
      return .int(Int64(items.filter { Groovy.equals($0, call.argument(0)) }.count))
    case "each":
      guard let c = call.closure else { return nil }
      for item in items { _ = try call.callClosure(c, [item]) }
      return .list(list)
    case "eachWithIndex":
      guard let c = call.closure else { return nil }
      for (i, item) in items.enumerated() { _ = try call.callClosure(c, [item, .int(Int64(i))]) }
      return .list(list)
    case "reverseEach":
      guard let c = call.closure else { return nil }
      for item in items.reversed() { _ = try call.callClosure(c, [item]) }
      return .list(list)
    case "collect":
      guard let c = call.closure else { return nil }
      return .list(GList(try items.map { try call.callClosure(c, [$0]) }))
    case "collectMany":
      guard let c = call.closure else { return nil }
      return .list(GList(try items.flatMap { try call.interpreter.iterate(try call.callClosure(c, [$0]), at: call.range) }))
    case "collectEntries":
      let map = GMap()
      for item in items {
        let entry = try call.closure.map { try call.callClosure($0, [item]) } ?? item
        try addEntry(entry, to: map, call)
      }
      return .map(map)
    case "withIndex":
      return .list(GList(items.enumerated().map { .list([$0.element, .int(Int64($0.offset))]) }))
    case "indexed":
      return .map(GMap(items.enumerated().map { (.int(Int64($0.offset)), $0.element) }))
    case "find":
      for item in items where Groovy.truthy(try call.closure.map { try call.callClosure($0, [item]) } ?? item) { return item }
      return .null
    case "findResult":
      guard let c = call.closure else { return nil }
      for item in items {
        let result = try call.callClosure(c, [item])
        if !result.isNull { return result }
      }
      return call.arguments.positional.first { if case .closure = $0 { return false } else { return true } } ?? .null
    case "countBy":
      guard let c = call.closure else { return nil }
      let counts = GMap()
      for item in items {
        let key = try call.callClosure(c, [item])
        counts[key] = try Groovy.plus(counts[key] ?? .int(0), .int(1))
      }
      return .map(counts)
    case "takeWhile", "dropWhile":
      guard let c = call.closure else { return nil }
      var prefix = 0
      while prefix < items.count, Groovy.truthy(try call.callClosure(c, [items[prefix]])) { prefix += 1 }
      return .list(GList(Array(name == "takeWhile" ? items[..<prefix] : items[prefix...])))
    case "transpose":
      let rows = items.map { row -> [GValue] in if case .list(let l) = row { return l.items } else { return [row] } }
      let width = rows.map(\.count).min() ?? 0
      return .list(GList((0..<width).map { i in .list(GList(rows.map { $0[i] })) }))
    case "collectNested":
      guard let c = call.closure else { return nil }
      func nested(_ values: [GValue]) throws -> [GValue] {
        try values.map { item in
          if case .list(let inner) = item { return .list(GList(try nested(inner.items))) }
          return try call.callClosure(c, [item])
        }
      }
      return .list(GList(try nested(items)))
    case "findAll", "grep":
      if let c = call.closure { return .list(GList(try items.filter { Groovy.truthy(try call.callClosure(c, [$0])) })) }
      if name == "grep" && !call.all.isEmpty {
        return .list(GList(try items.filter { try call.interpreter.isCase(call.argument(0), $0, call.context) }))
      }
      return .list(GList(items.filter(Groovy.truthy)))
    case "findIndexOf":
      guard let c = call.closure else { return nil }
      for (i, item) in items.enumerated() where Groovy.truthy(try call.callClosure(c, [item])) { return .int(Int64(i)) }
      return .int(-1)
    case "any":
      guard let c = call.closure else { return .bool(items.contains(where: Groovy.truthy)) }
      for item in items where Groovy.truthy(try call.callClosure(c, [item])) { return .bool(true) }
      return .bool(false)
    case "every":
      guard let c = call.closure else { return .bool(items.allSatisfy(Groovy.truthy)) }
      for item in items where !Groovy.truthy(try call.callClosure(c, [item])) { return .bool(false) }
      return .bool(true)
    case "inject":
      guard let c = call.closure else { return nil }
      var accumulator = call.arguments.positional.first { if case .closure = $0 { return false } else { return true } } ?? .null
      var rest = items[...]
      if call.arguments.positional.isEmpty, let first = rest.first {
        accumulator = first
        rest = rest.dropFirst()
      }
      for item in rest { accumulator = try call.callClosure(c, [accumulator, item]) }
      return accumulator
    case "groupBy":
      guard let c = call.closure else { return nil }
      let map = GMap()
      for item in items {
        let key = try call.callClosure(c, [item])
        if case .list(let group)? = map[key] { group.items.append(item) } else { map[key] = .list([item]) }
      }
      return .map(map)
    case "split":
      guard let c = call.closure else { return nil }
      var yes: [GValue] = []
      var no: [GValue] = []
      for item in items { if Groovy.truthy(try call.callClosure(c, [item])) { yes.append(item) } else { no.append(item) } }
      return .list([.list(GList(yes)), .list(GList(no))])
    case "intersect":
      let other = try call.interpreter.iterate(call.argument(0), at: call.range)
      return .list(GList(items.filter { x in other.contains { Groovy.equals($0, x) } }))
    case "disjoint":
      let other = try call.interpreter.iterate(call.argument(0), at: call.range)
      return .bool(!items.contains { x in other.contains { Groovy.equals($0, x) } })
    case "collate":
      let size = max(1, try call.int(0))
      return .list(GList(stride(from: 0, to: items.count, by: size).map { .list(GList(Array(items[$0..<min($0 + size, items.count)]))) }))
    case "shuffled": return .list(GList(items.shuffled()))
    case "iterator", "asImmutable", "asSynchronized": return .list(list)
    case "clone": return .list(GList(items))
    case "toArray": return .list(GList(items))
    default: return nil
    }
  }

  /// `sort` with Groovy's orders: natural, by a closure's key (one parameter) or by a
  /// comparator closure (two parameters). Stable, like Java's sort.
  static func sortedItems(_ items: [GValue], _ call: MethodCall) throws -> [GValue] {
    var failure: Error?
    func ordered(_ a: GValue, _ b: GValue) -> Bool {
      do { return try order(a, b, call) < 0 } catch {
        failure = failure ?? error
        return false
      }
    }
    let sorted = items.sorted(by: ordered)
    if let failure { throw failure }
    return sorted
  }

  /// `max`/`min` with the same orders as `sort` (the first of equals wins).
  static func extreme(_ items: [GValue], largest: Bool, _ call: MethodCall) throws -> GValue? {
    var best: GValue?
    for item in items {
      guard let current = best else {
        best = item
        continue
      }
      let o = try order(item, current, call)
      if largest ? o > 0 : o < 0 { best = item }
    }
    return best
  }

  static func order(_ a: GValue, _ b: GValue, _ call: MethodCall) throws -> Int {
    guard let c = call.closure else { return Groovy.compare(a, b) ?? 0 }
    if c.hasArrow && c.parameters.count == 2 {
      return Int(truncating: NSDecimalNumber(decimal: Groovy.number(try call.callClosure(c, [a, b])) ?? 0))
    }
    return Groovy.compare(try call.callClosure(c, [a]), try call.callClosure(c, [b])) ?? 0
  }

  static func flatten(_ items: [GValue]) -> [GValue] {
    items.flatMap { item -> [GValue] in
      if case .list(let inner) = item { return flatten(inner.items) }
      return [item]
    }
  }

  /// `collectEntries` accepts `[k, v]` pairs, maps and map entries.
  static func addEntry(_ entry: GValue, to map: GMap, _ call: MethodCall) throws {
    switch entry {
    case .list(let pair) where pair.items.count == 2: map[pair.items[0]] = pair.items[1]
    case .map(let m): for (k, v) in m.entries { map[k] = v }
    case .object(let o):
      if let e = o as? MapEntryObject { map[e.key] = e.value } else { fallthrough }
    default:
      throw GroovyError.illegalArgument("collectEntries expects [key, value] pairs or maps, got \(Groovy.string(entry))")
    }
  }

  // MARK: Maps

  static func mapMethod(_ map: GMap, _ name: String, _ call: MethodCall) throws -> GValue? {
    switch name {
    case "size": return .int(Int64(map.count))
    case "isEmpty": return .bool(map.count == 0)
    case "get", "getAt":
      // `get(key, default)` also stores the default, as Groovy does.
      if call.all.count > 1, map[call.argument(0)] == nil { map[call.argument(0)] = call.argument(1) }
      return try call.interpreter.mapValue(map, call.argument(0), call.context)
    case "withDefault":
      guard let c = call.closure else { return nil }
      map.defaultValue = c
      return .map(map)
    case "getOrDefault": return map[call.argument(0)] ?? call.argument(1)
    case "put":
      let old = map[call.argument(0)] ?? .null
      map[call.argument(0)] = call.argument(1)
      return old
    case "putAll":
      if case .map(let other) = call.argument(0) { for (k, v) in other.entries { map[k] = v } }
      return .null
    case "remove":
      let old = map[call.argument(0)] ?? .null
      map[call.argument(0)] = nil
      return old
    case "clear":
      for key in map.keys { map[key] = nil }
      return .null
    case "containsKey": return .bool(map[call.argument(0)] != nil)
    case "containsValue": return .bool(map.entries.contains { Groovy.equals($0.1, call.argument(0)) })
    case "keySet", "keys": return .list(GList(map.keys))
    case "values": return .list(GList(map.entries.map(\.1)))
    case "entrySet": return .list(GList(map.entries.map { .object(MapEntryObject(key: $0.0, value: $0.1)) }))
    case "plus": return try Groovy.plus(.map(map), call.argument(0))
    case "minus": return try Groovy.minus(.map(map), call.argument(0))
    case "clone": return .map(GMap(map.entries))
    case "leftShift":
      switch call.argument(0) {
      case .map(let other): for (k, v) in other.entries { map[k] = v }
      case .object(let o as MapEntryObject): map[o.key] = o.value
      default: return nil
      }
      return .map(map)
    case "each":
      guard let c = call.closure else { return nil }
      for (k, v) in map.entries { _ = try call.callOnEntry(c, k, v) }
      return .map(map)
    case "eachWithIndex":
      guard let c = call.closure else { return nil }
      for (i, (k, v)) in map.entries.enumerated() {
        if c.hasArrow && c.parameters.count == 3 {
          _ = try call.callClosure(c, [k, v, .int(Int64(i))])
        } else {
          _ = try call.callClosure(c, [.object(MapEntryObject(key: k, value: v)), .int(Int64(i))])
        }
      }
      return .map(map)
    case "collect":
      guard let c = call.closure else { return nil }
      return .list(GList(try map.entries.map { try call.callOnEntry(c, $0.0, $0.1) }))
    case "collectEntries":
      let result = GMap()
      for (k, v) in map.entries {
        try addEntry(try call.closure.map { try call.callOnEntry($0, k, v) } ?? .list([k, v]), to: result, call)
      }
      return .map(result)
    case "findAll":
      guard let c = call.closure else { return nil }
      return .map(GMap(try map.entries.filter { Groovy.truthy(try call.callOnEntry(c, $0.0, $0.1)) }))
    case "find":
      guard let c = call.closure else { return nil }
      for (k, v) in map.entries where Groovy.truthy(try call.callOnEntry(c, k, v)) { return .object(MapEntryObject(key: k, value: v)) }
      return .null
    case "findResult":
      guard let c = call.closure else { return nil }
      for (k, v) in map.entries {
        let result = try call.callOnEntry(c, k, v)
        if !result.isNull { return result }
      }
      return .null
    case "max", "min", "countBy", "collectMany":
      // Like the list of entries (`map.max { it.value }` is the entry with the largest value).
      return try listMethod(GList(map.entries.map { .object(MapEntryObject(key: $0.0, value: $0.1)) }), name, call)
    case "any":
      guard let c = call.closure else { return nil }
      for (k, v) in map.entries where Groovy.truthy(try call.callOnEntry(c, k, v)) { return .bool(true) }
      return .bool(false)
    case "every":
      guard let c = call.closure else { return nil }
      for (k, v) in map.entries where !Groovy.truthy(try call.callOnEntry(c, k, v)) { return .bool(false) }
      return .bool(true)
    case "count":
      guard let c = call.closure else { return nil }
      return .int(Int64(try map.entries.filter { Groovy.truthy(try call.callOnEntry(c, $0.0, $0.1)) }.count))
    case "sort":
      // By key, or by a closure over the entries; `sort()` returns a new map.
      guard call.closure != nil else { return .map(GMap(map.entries.sorted { (Groovy.compare($0.0, $1.0) ?? 0) < 0 })) }
      let entries = map.entries.map { GValue.object(MapEntryObject(key: $0.0, value: $0.1)) }
      return .map(GMap(try sortedItems(entries, call).compactMap { entry in (entry.mapEntry).map { ($0.key, $0.value) } }))
    case "subMap":
      let keys = try call.interpreter.iterate(call.argument(0), at: call.range)
      return .map(GMap(keys.compactMap { k in map[k].map { (k, $0) } }))
    case "groupBy":
      guard let c = call.closure else { return nil }
      let result = GMap()
      for (k, v) in map.entries {
        let group = try call.callOnEntry(c, k, v)
        if case .map(let existing)? = result[group] { existing[k] = v } else { result[group] = .map(GMap([(k, v)])) }
      }
      return .map(result)
    case "inject":
      guard let c = call.closure else { return nil }
      var accumulator = call.arguments.positional.first ?? .null
      for (k, v) in map.entries {
        let arguments = c.hasArrow && c.parameters.count == 3 ? [accumulator, k, v] : [accumulator, .object(MapEntryObject(key: k, value: v))]
        accumulator = try call.callClosure(c, arguments)
      }
      return accumulator
    default: return nil
    }
  }

  /// `put`/`get`/`containsKey`/`remove` with a GString key, which only finds GString keys.
  static func gstringKeyMethod(_ map: GMap, _ name: String, _ key: String, _ arguments: CallArguments) -> GValue? {
    switch (name, arguments.positional.count) {
    case ("put", 2):
      let old = map[gstring: key] ?? .null
      map[gstring: key] = arguments.positional[1]
      return old
    case ("get", 1): return map[gstring: key] ?? .null
    case ("containsKey", 1): return .bool(map[gstring: key] != nil)
    case ("remove", 1):
      let old = map[gstring: key] ?? .null
      map[gstring: key] = nil
      return old
    default: return nil
    }
  }

  // MARK: Numbers

  static func numberMethod(_ n: GValue, _ name: String, _ call: MethodCall) throws -> GValue? {
    switch name {
    case "toInteger", "toLong", "intValue", "longValue", "toBigInteger": return try Conversions.convert(n, to: "Long", at: call.range)
    case "toDouble", "toFloat", "doubleValue", "floatValue": return try Conversions.convert(n, to: "Double", at: call.range)
    case "toBigDecimal": return try Conversions.convert(n, to: "BigDecimal", at: call.range)
    case "abs":
      if case .int(let i) = n { return .int(i < 0 ? 0 &- i : i) }  // Java: abs(Long.MIN_VALUE) is itself
      if case .decimal(let d) = n { return .decimal(d.value < 0 ? -d : d) }
      return nil
    case "negate": return try call.interpreter.negate(n)
    case "plus": return try Groovy.plus(n, call.argument(0))
    case "minus": return try Groovy.minus(n, call.argument(0))
    case "multiply": return try Groovy.multiply(n, call.argument(0))
    case "div": return try Groovy.divide(n, call.argument(0))
    case "mod": return try Groovy.remainder(n, call.argument(0))
    case "power": return try Groovy.power(n, call.argument(0))
    case "intdiv":
      // Integers only, as in Groovy 2.4 (`10.0.intdiv(3)` fails).
      guard case .int(let a) = n, case .int(let b) = call.argument(0) else { throw Groovy.unsupportedNumberOperation("intdiv", n) }
      if b == 0 { throw GroovyError("java.lang.ArithmeticException", "/ by zero", range: call.range) }
      return .int(a.dividedReportingOverflow(by: b).partialValue)  // wraps like Java
    case "compareTo": return .int(Int64(Groovy.compare(n, call.argument(0)) ?? 0))
    case "setScale", "toPlainString", "scale", "stripTrailingZeros", "unscaledValue", "precision", "signum":
      guard case .decimal(let d) = n else { return nil }
      switch name {
      case "setScale":
        let mode = call.all.count > 1 ? try call.int(1) : 7
        let places = try call.int(0)
        guard let result = d.setScale(places, mode: mode) else {
          let reason = abs(places) > 10_000 ? "Scale out of range" : mode == 7 ? "Rounding necessary" : "Invalid rounding mode"
          throw GroovyError("java.lang.ArithmeticException", reason, range: call.range)
        }
        return .decimal(result)
      case "toPlainString": return .string(d.plainString)
      case "scale": return .int(Int64(d.scale))
      case "stripTrailingZeros": return .decimal(GDecimal(d.value, scale: GDecimal.naturalScale(d.value)))
      case "signum": return .int(d.value.isZero ? 0 : d.value < 0 ? -1 : 1)
      default: return nil
      }
    case "max", "min":
      guard let order = Groovy.compare(n, call.argument(0)), Groovy.number(call.argument(0)) != nil else { return nil }
      return (name == "max") == (order >= 0) ? n : call.argument(0)
    case "round":
      // `Double.round()` is `Math.round` (half up); `round(places)` rounds half up to a double.
      guard case .decimal(let d) = n else { return n }
      if call.all.isEmpty { return .int(GDecimal(d.value.rounded(0, .plain)).int64Value) }
      return .decimal(GDecimal(double: GDecimal(d.value.rounded(try call.int(0), .plain)).doubleValue))
    case "times":
      guard let c = call.closure else { return nil }
      let count = try call.integer(n)
      if count > 0 { for i in 0..<count { _ = try call.callClosure(c, [.int(i)]) } }
      return .null
    case "upto", "downto":
      guard let c = call.closure else { return nil }
      let from = try call.integer(n)
      let to = try call.integer(call.argument(0))
      if name == "upto" ? to < from : to > from {
        let relation = name == "upto" ? "less" : "greater"
        throw GroovyError("groovy.lang.GroovyRuntimeException", "The argument (\(to)) to \(name)() cannot be \(relation) than the value (\(from)) it's called on.", range: call.range)
      }
      let values = name == "upto" ? stride(from: from, through: to, by: 1) : stride(from: from, through: to, by: -1)
      for v in values { _ = try call.callClosure(c, [.int(v)]) }
      return .null
    case "step":
      guard let c = call.closure else { return nil }
      let from = try call.integer(n)
      let to = try call.integer(call.argument(0))
      let by = try call.integer(call.argument(1))
      guard by != 0 else { throw GroovyError.illegalArgument("Step must not be zero") }
      for v in stride(from: from, to: to, by: Int64.Stride(by)) { _ = try call.callClosure(c, [.int(v)]) }
      return .null
    default: return nil
    }
  }
}
