/// A problem found in a Jenkinsfile, as a value. The lexer, parser, validator, runner,
/// CLI and language server all create and render this one type, so an editor and
/// `carson lint` can never disagree about what is wrong.
public struct Diagnostic: Hashable, Sendable {
  public enum Severity: String, Sendable, Codable, Comparable {
    case error, warning, note

    private var rank: Int { self == .error ? 2 : self == .warning ? 1 : 0 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
  }

  /// A secondary message attached to a diagnostic, optionally pointing elsewhere.
  public struct Note: Hashable, Sendable {
    public var message: String
    public var range: SourceRange?
    public init(_ message: String, range: SourceRange? = nil) {
      self.message = message
      self.range = range
    }
  }

  /// A byte-range edit that would fix the problem.
  public struct FixIt: Hashable, Sendable {
    public var title: String
    public var range: SourceRange
    public var replacement: String
    public init(title: String, range: SourceRange, replacement: String) {
      self.title = title
      self.range = range
      self.replacement = replacement
    }
  }

  /// Stable identifier, documented in `docs/diagnostics.md` (e.g. `CJ2001`).
  public var id: DiagnosticID
  public var severity: Severity
  public var message: String
  public var range: SourceRange
  public var notes: [Note]
  public var fixIts: [FixIt]

  public init(
    _ id: DiagnosticID, _ message: String, at range: SourceRange, severity: Severity? = nil,
    notes: [Note] = [], fixIts: [FixIt] = []
  ) {
    self.id = id
    self.severity = severity ?? id.defaultSeverity
    self.message = message
    self.range = range
    self.notes = notes
    self.fixIts = fixIts
  }
}

extension Array where Element == Diagnostic {
  public var hasErrors: Bool { contains { $0.severity == .error } }

  /// Source order, then errors before warnings and notes, then id, end and message: a total
  /// order, so output is the same whatever order the passes ran in (and the language server's
  /// incremental check, which merges diagnostics of several checks, gives exactly what a whole
  /// check gives).
  public func sortedBySource() -> [Diagnostic] {
    enumerated().sorted { a, b in
      let x = a.element, y = b.element
      if x.range.start != y.range.start { return x.range.start < y.range.start }
      if x.severity != y.severity { return x.severity > y.severity }
      if x.id != y.id { return x.id.rawValue < y.id.rawValue }
      if x.range.end != y.range.end { return x.range.end < y.range.end }
      if x.message != y.message { return x.message < y.message }
      return a.offset < b.offset
    }.map(\.element)
  }
}
