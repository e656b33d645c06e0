/// Test counts of one or more JUnit XML reports.
struct JUnitCounts: Equatable {
  var total = 0
  var failures = 0
  var errors = 0
  var skipped = 0

  mutating func add(_ other: JUnitCounts) {
    total += other.total
    failures += other.failures
    errors += other.errors
    skipped += other.skipped
  }
}

/// Counts the `<testcase>` elements of a JUnit XML report, wherever they are nested
/// (`<testsuites>`, `<testsuite>`, …). A test case's first `<failure>`, `<error>` or `<skipped>`
/// element inside it decides its outcome; without one it passed. Suite attributes such as
/// `tests="8"` are not trusted: tools disagree on them.
enum JUnitReader {
  static func counts(ofReport bytes: [UInt8]) throws(XMLReadError) -> JUnitCounts {
    var reader = try XMLEventReader(bytes)
    var counts = JUnitCounts()
    var inCase = false
    var outcome: String?
    while let event = try reader.next() {
      switch event {
      case .startElement(let name, _):
        switch name {
        case "testcase":
          inCase = true
          outcome = nil
        case "failure", "error", "skipped":
          if inCase && outcome == nil { outcome = name }
        default: break
        }
      case .endElement("testcase"):
        inCase = false
        counts.total += 1
        switch outcome {
        case "failure": counts.failures += 1
        case "error": counts.errors += 1
        case "skipped": counts.skipped += 1
        default: break
        }
      case .endElement, .text: break
      }
    }
    return counts
  }
}
