import CarsonGroovy
import Testing

/// Sets as scripts observe them (Groovy 2.4): no duplicates, a LinkedHashSet, insertion order.
@Suite struct SetTests {
  @Test func asSetRemovesDuplicatesAndReportsItsClass() throws {
    #expect(try value(#"[3, 1, 3, 2, 1] as Set"#) == "[3, 1, 2]")
    #expect(try value(#"(['a', 'b', 'a'] as Set).class"#) == "class java.util.LinkedHashSet")
    #expect(try value(#"(['a', 'b'] as Set).getClass().name"#) == "java.util.LinkedHashSet")
    #expect(try value(#"['a', 'b'].class"#) == "class java.util.ArrayList")
  }

  @Test func addingToASetKeepsOneOfEach() throws {
    #expect(try value(#"def s = new HashSet(); s.add('x'); s.add('x'); s << 'y'; s"#) == "[x, y]")
    #expect(try value(#"def s = [1] as Set; [s.add(1), s.add(2)]"#) == "[false, true]")
    #expect(try value(#"new LinkedHashSet([2, 2, 1]).size()"#) == "2")
  }
}
