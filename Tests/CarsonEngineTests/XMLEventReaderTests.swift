@testable import CarsonEngine
import Testing

/// Every event of `xml`, or the error that stopped the reader.
private func events(_ xml: [UInt8]) throws(XMLReadError) -> [XMLEvent] {
  var reader = try XMLEventReader(xml)
  var all: [XMLEvent] = []
  while let event = try reader.next() { all.append(event) }
  return all
}

private func events(_ xml: String) throws(XMLReadError) -> [XMLEvent] { try events(Array(xml.utf8)) }

/// The error reading `xml` gives, as "line L, column C: message"; nil when it reads cleanly.
private func readError(_ xml: [UInt8]) -> String? {
  do {
    _ = try events(xml)
    return nil
  } catch {
    return error.description
  }
}

private func readError(_ xml: String) -> String? { readError(Array(xml.utf8)) }

private func start(_ name: String, _ attributes: [(String, String)] = []) -> XMLEvent {
  .startElement(name: name, attributes: attributes.map { XMLAttribute(name: $0.0, value: $0.1) })
}

private func end(_ name: String) -> XMLEvent { .endElement(name: name) }

@Suite struct XMLEventReaderTests {
  @Test func prologueCommentsAndProcessingInstructionsAreSkipped() throws {
    let xml = """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <!-- generated <testcase/> -->
      <?xml-stylesheet type="text/xsl" href="junit.xsl"?>
      <r><!-- inside --><?pi data?></r>
      <!-- trailing -->

      """
    #expect(try events(xml) == [start("r"), end("r")])
  }

  @Test func doctypeWithInternalSubsetIsSkipped() throws {
    let xml = """
      <!DOCTYPE testsuite SYSTEM "junit.dtd" [
        <!ELEMENT testsuite (testcase*)>
        <!ATTLIST testcase name CDATA "a>b]">
        <!-- a comment with ] and > -->
        <?pi with ' and ]?>
      ]>
      <testsuite/>
      """
    #expect(try events(xml) == [start("testsuite"), end("testsuite")])
  }

  @Test func externalEntitiesAreNeverLoaded() {
    let xml = """
      <!DOCTYPE r [ <!ENTITY secret SYSTEM "file:///etc/hostname"> <!ENTITY lol "lol"> ]>
      <r>&secret;</r>
      """
    #expect(readError(xml) == "line 2, column 4: undefined entity &secret; (only &lt; &gt; &amp; &quot; &apos; and character references are defined)")
    #expect(readError("<!DOCTYPE r [<!ENTITY lol \"lol\">]><r a='&lol;'/>")?.contains("undefined entity &lol;") == true)
  }

  @Test func cdataSectionsAreTextAndHideMarkup() throws {
    let xml = "<failure><![CDATA[at Foo.<init>(Foo.java:1) & <testcase/> ]] ]>]]>tail</failure>"
    #expect(try events(xml) == [start("failure"), .text("at Foo.<init>(Foo.java:1) & <testcase/> ]] ]>"), .text("tail"), end("failure")])
  }

  @Test func predefinedEntitiesAndCharacterReferencesAreDecoded() throws {
    let xml = "<r a='&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F600;'>&lt;&gt;&amp;&quot;&apos;&#13;&#10;&#xe9;</r>"
    #expect(try events(xml) == [start("r", [("a", "<>&\"'AB😀")]), .text("<>&\"'\r\né"), end("r")])
  }

  @Test func namespacedNamesKeepTheirPrefix() throws {
    let xml = "<j:testsuites xmlns:j='urn:junit' xmlns='urn:d'><j:testcase j:name='x'/><testcase/></j:testsuites>"
    #expect(try events(xml) == [
      start("j:testsuites", [("xmlns:j", "urn:junit"), ("xmlns", "urn:d")]), start("j:testcase", [("j:name", "x")]),
      end("j:testcase"), start("testcase"), end("testcase"), end("j:testsuites"),
    ])
  }

  @Test func attributeQuotingSpacingAndNormalisation() throws {
    let xml = "<r a = \"it's\"\n\tb\t=\t'say \"hi\"' c='tab\there\r\nnext' d=\"\" >x</r >"
    #expect(try events(xml) == [
      start("r", [("a", "it's"), ("b", "say \"hi\""), ("c", "tab here next"), ("d", "")]), .text("x"), end("r"),
    ])
  }

  @Test func selfClosingTagsAndNesting() throws {
    let xml = "<testsuites><testsuite name='a'><testcase/><testcase /></testsuite><testsuite><testsuite/></testsuite></testsuites>"
    #expect(try events(xml) == [
      start("testsuites"), start("testsuite", [("name", "a")]), start("testcase"), end("testcase"), start("testcase"),
      end("testcase"), end("testsuite"), start("testsuite"), start("testsuite"), end("testsuite"), end("testsuite"),
      end("testsuites"),
    ])
  }

  @Test func byteOrderMarkAndLineBreaks() throws {
    #expect(try events([0xEF, 0xBB, 0xBF] + Array("<?xml version='1.0'?><r>a\r\nb\rc</r>".utf8)) == [start("r"), .text("a\nb\nc"), end("r")])
    // Positions after a BOM still count from the first character after it.
    #expect(readError([0xEF, 0xBB, 0xBF] + Array("<r></s>".utf8)) == "line 1, column 4: end tag </s> does not match <r> opened at line 1, column 1")
  }

  @Test func latin1ReportsAreConverted() throws {
    let xml = Array("<?xml version='1.0' encoding='ISO-8859-1'?><r a='".utf8) + [0xE9] + Array("'/>".utf8)
    #expect(try events(xml) == [start("r", [("a", "é")]), end("r")])
    #expect(readError("<?xml version='1.0' encoding='Shift_JIS'?><r/>") == "line 1, column 31: unsupported encoding 'Shift_JIS'; only UTF-8 and ISO-8859-1 reports can be read")
    #expect(readError([0xFF, 0xFE, 0x3C, 0x00]) == "line 1, column 1: the file is UTF-16; only UTF-8 and ISO-8859-1 reports can be read")
  }

  @Test func malformedTagsNameTheirPlace() {
    let cases: [(String, String)] = [
      ("<a>\n  <b>\n</a>", "line 3, column 1: end tag </a> does not match <b> opened at line 2, column 3"),
      ("<a>\n  <b>text", "line 2, column 10: the file ends before </b> (<b> opened at line 2, column 3); it may be truncated"),
      ("<a x='1 < 2'/>", "line 1, column 9: '<' is not allowed in the value of attribute x in <a> (write &lt;)"),
      ("<a x=1/>", "line 1, column 6: expected a quoted value for attribute x in <a> but found '1'"),
      ("<a x/>", "line 1, column 5: expected '=' after attribute x in <a> but found '/'"),
      ("<a x='1'y='2'/>", "line 1, column 9: expected whitespace, '>' or '/>' in <a> but found 'y'"),
      ("<a x='1' x='2'/>", "line 1, column 10: attribute x appears twice in <a>"),
      ("<a x='1", "line 1, column 6: the value of attribute x in <a> is never closed with \"'\"; the file may be truncated"),
      ("<a></a></a>", "line 1, column 8: extra content after the root element"),
      ("<a></b>", "line 1, column 4: end tag </b> does not match <a> opened at line 1, column 1"),
      ("<a/><b/>", "line 1, column 5: extra content after the root element"),
      ("<a/>tail", "line 1, column 5: extra content after the root element"),
      ("junk<a/>", "line 1, column 1: expected '<' to start the root element but found 'j'"),
      ("</a>", "line 1, column 1: end tag </a> has no matching start tag"),
      ("<1a/>", "line 1, column 2: expected an element name after '<' but found '1'"),
      ("<a><</a>", "line 1, column 5: expected an element name after '<' but found '<'"),
      ("<a/ >", "line 1, column 4: expected '>' after '/' in <a> but found ' '"),
      ("<a", "line 1, column 3: the file ends inside the start tag <a>; it may be truncated"),
      ("<a></a", "line 1, column 7: expected '>' to end </a> but found the end of the file"),
      ("", "line 1, column 1: the file has no root element"),
      (" \n <!-- only a comment -->\n", "line 3, column 1: the file has no root element"),
      ("<a>&bogus;</a>", "line 1, column 4: undefined entity &bogus; (only &lt; &gt; &amp; &quot; &apos; and character references are defined)"),
      ("<a>fish & chips</a>", "line 1, column 9: '&' does not start an entity reference such as &amp; or &#38;"),
      ("<a>&#0;</a>", "line 1, column 4: &#0; is not a character XML allows"),
      ("<a>&#xD800;</a>", "line 1, column 4: &#xD800; is not a character XML allows"),
      ("<a>&#x110000;</a>", "line 1, column 4: &#x110000; is not a character XML allows"),
      ("<a>&#99999999999999999999;</a>", "line 1, column 4: &#99999999999999999999; is not a character XML allows"),
      ("<a><!-- open</a>", "line 1, column 4: the comment is never closed with '-->'; the file may be truncated"),
      ("<a><![CDATA[open</a>", "line 1, column 4: the CDATA section is never closed with ']]>'; the file may be truncated"),
      ("<![CDATA[x]]><a/>", "line 1, column 1: a CDATA section outside the root element"),
      ("<a><?pi open</a>", "line 1, column 4: <?pi is never closed with '?>'; the file may be truncated"),
      ("<!DOCTYPE a [ <!ENTITY x 'y'>", "line 1, column 1: the DOCTYPE is never closed with '>'; the file may be truncated"),
      ("<a/><!DOCTYPE a>", "line 1, column 5: a DOCTYPE after the root element"),
      ("<!ELEMENT a><a/>", "line 1, column 1: '<!' starts neither a comment, a CDATA section nor a DOCTYPE"),
      ("\n<?xml version='1.0'?><a/>", "line 2, column 1: the XML declaration <?xml …?> must be at the very start of the file"),
      ("<a>\n\té\u{1}</a>", "line 2, column 3: invalid character U+0001 (is this a binary file?)"),
    ]
    for (xml, expected) in cases {
      #expect(readError(xml) == expected, "\(xml.debugDescription)")
    }
    #expect(readError(Array("<a>\nxé".utf8) + [0xC3, 0x28] + Array("</a>".utf8)) == "line 2, column 3: invalid UTF-8 byte 0xC3 (is this a binary file, or not UTF-8?)")
  }

  @Test func nestingIsBounded() throws {
    let depth = XMLEventReader.maximumDepth
    let deepest = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
    #expect(try events(deepest).count == 2 * depth)
    let tooDeep = String(repeating: "<a>", count: depth + 1) + String(repeating: "</a>", count: depth + 1)
    #expect(readError(tooDeep) == "line 1, column \(3 * depth + 1): elements are nested more than \(depth) deep")
    // A hostile file far deeper than any stack fails the same way.
    #expect(readError(String(repeating: "<a>", count: 1_000_000))?.hasSuffix("elements are nested more than \(depth) deep") == true)
  }

  @Test func everyTruncationOfAReportIsAnError() {
    let report = Array("""
      <?xml version="1.0"?><!-- c --><testsuite name="s"><testcase name="a &amp; b"><failure><![CDATA[x]]></failure></testcase><testcase/></testsuite>
      """.utf8)
    #expect(readError(report) == nil)
    for length in 0..<report.count {
      #expect(readError(Array(report[..<length])) != nil, "prefix of \(length) bytes was read without error")
    }
  }

  @Test func binaryGarbageIsAnErrorNeverACrash() {
    // SplitMix64: a fixed sequence, so a failure reproduces.
    var state: UInt64 = 0x5EED
    func nextByte() -> UInt8 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return UInt8(truncatingIfNeeded: z ^ (z >> 31))
    }
    for round in 0..<3000 {
      let length = 1 + Int(nextByte()) % 120
      // Half the inputs start like XML so the reader gets past the first byte.
      let prefix: [UInt8] = round.isMultiple(of: 2) ? Array("<r a='".utf8) : []
      let garbage = prefix + (0..<length).map { _ in nextByte() }
      #expect(readError(garbage) != nil, "\(garbage)")
    }
    #expect(readError([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00]) == "line 1, column 5: invalid character U+0002 (is this a binary file?)")
    #expect(readError(Array("\u{7F}ELF".utf8)) == "line 1, column 1: expected '<' to start the root element but found '\u{7F}'")
    #expect(readError([0x3C, 0x00, 0x61]) == "line 1, column 2: invalid character U+0000 (is this a binary file?)")
  }
}
