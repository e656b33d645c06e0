import CarsonSyntax

/// Re-checks a new version of a file from what a check of the previous version left, for an
/// editor that sends a change per keystroke. Gives exactly the diagnostics `Linter.check` gives
/// (tests compare the two over the corpus), only faster when it can:
///
/// When the bytes that changed lie inside one top-level stage (`pipeline { stages { stage … } }`),
/// the previous version has no syntax error and the new one none outside that stage, the other top-level stages cannot have changed what
/// they report: the reader and validator look at each top-level stage on its own, except for
/// duplicate names across them. So only a copy of the new text with every other top-level stage
/// blanked out (spaces, line breaks kept, so every offset stays where it is) is checked; the
/// blanked stages' diagnostics are taken from the previous version, moved by the length change,
/// and duplicate names are recomputed over all stages. Anything else is a whole check.
public enum IncrementalLinter {
  /// What a check of one version keeps for the next one.
  public struct Version: Sendable {
    let source: SourceFile
    /// Top-level stages in source order, with the diagnostics inside each.
    let stages: [StageSlice]
    /// Diagnostics outside every top-level stage, except duplicate names of top-level stages.
    let others: [Diagnostic]

    /// Everything the version reports, in `Linter.check`'s order.
    var diagnostics: [Diagnostic] {
      let duplicates = Validator.duplicateNameDiagnostics(stages.lazy.map { ($0.name, $0.headerRange) })
      return (others + stages.flatMap(\.diagnostics) + duplicates).sortedBySource()
    }
  }

  struct StageSlice: Sendable {
    var range: SourceRange
    var name: String
    var headerRange: SourceRange
    var diagnostics: [Diagnostic]
  }

  /// How a version was checked, for tests and benchmarks: wholly, one stage, or not at all
  /// (the text is the one the previous version was made from).
  public enum Path: Sendable, Equatable { case whole, stage, unchanged }

  public struct Outcome: Sendable {
    public let diagnostics: [Diagnostic]
    /// What the next check may start from: this version, or when it cannot be (a syntax error)
    /// the last one that could, so that mending the syntax is again a one-stage check; nil when
    /// the next check must be whole.
    public let version: Version?
    /// The whole check's result, when one was made (its tree and model, for callers that free
    /// them at a time of their choosing).
    public let wholeResult: LintResult?
    public let path: Path
  }

  public static func check(_ source: SourceFile, previous: Version?) -> Outcome {
    if let previous, let outcome = checkStage(source, previous: previous) { return outcome }
    let result = Linter.check(source)
    return Outcome(diagnostics: result.diagnostics, version: version(of: result) ?? previous, wholeResult: result, path: .whole)
  }

  // MARK: A whole check's result, cut into stages

  /// Nil when the result cannot be reused: not declarative, a syntax error, no top-level
  /// stages, or a diagnostic that does not lie inside one stage or wholly outside all of them.
  static func version(of result: LintResult) -> Version? {
    guard result.kind == .declarative, result.tree.diagnostics.isEmpty, let stages = result.pipeline?.stages?.stages,
      !stages.isEmpty
    else { return nil }
    var slices = stages.map { StageSlice(range: $0.range, name: $0.name, headerRange: $0.headerRange, diagnostics: []) }
    for (previous, next) in zip(slices, slices.dropFirst()) where previous.range.end > next.range.start { return nil }
    guard let others = distribute(result.diagnostics, into: &slices, indices: slices.indices) else { return nil }
    return Version(source: result.source, stages: slices, others: others)
  }

  /// Puts each diagnostic inside one of the `indices` stages into that stage and returns the
  /// rest; nil when one straddles a stage's edge. Duplicate names of top-level stages are
  /// dropped: they depend on all stages and are recomputed.
  static func distribute(_ diagnostics: [Diagnostic], into slices: inout [StageSlice], indices: some Collection<Int>) -> [Diagnostic]? {
    var others: [Diagnostic] = []
    for diagnostic in diagnostics {
      if diagnostic.id == .duplicateStageName, slices.contains(where: { $0.headerRange == diagnostic.range }) { continue }
      let ranges = [diagnostic.range] + diagnostic.notes.compactMap(\.range) + diagnostic.fixIts.map(\.range)
      var home: Int?
      for index in indices where ranges.contains(where: { overlaps($0, slices[index].range) }) {
        guard ranges.allSatisfy({ inside($0, slices[index].range) }) else { return nil }
        home = index
        break
      }
      if let home { slices[home].diagnostics.append(diagnostic) } else { others.append(diagnostic) }
    }
    return others
  }

  static func inside(_ range: SourceRange, _ stage: SourceRange) -> Bool {
    range.start >= stage.start && range.end <= stage.end
  }

  static func overlaps(_ range: SourceRange, _ stage: SourceRange) -> Bool {
    range.isEmpty ? stage.contains(range.start) : range.start < stage.end && stage.start < range.end
  }

  // MARK: Re-checking one stage

  static func checkStage(_ source: SourceFile, previous: Version) -> Outcome? {
    let old = previous.source.bytes, new = source.bytes
    let edit = ChangedBytes(old: old, new: new)
    if edit.start == old.count && old.count == new.count {
      return Outcome(diagnostics: previous.diagnostics, version: previous, wholeResult: nil, path: .unchanged)
    }
    // The stage's first byte and its closing brace must be unchanged.
    guard let index = previous.stages.firstIndex(where: { $0.range.start < edit.start && edit.oldEnd < $0.range.end }) else {
      return nil
    }
    var slices = previous.stages
    for i in slices.indices.dropFirst(index + 1) { slices[i] = edit.shift(slices[i]) }
    let stageRange = SourceRange(start: slices[index].range.start, end: edit.shift(slices[index].range.end))

    var masked = new
    for (i, slice) in slices.enumerated() where i != index {
      for offset in Int(slice.range.start)..<Int(slice.range.end) where masked[offset] != 0x0A && masked[offset] != 0x0D {
        masked[offset] = 0x20
      }
    }
    let result = Linter.check(SourceFile(path: source.path, bytes: masked))
    // A syntax error is taken only when the parser kept it inside the stage: the stage still
    // ends at its own closing brace (nothing swallowed what follows), and every syntax
    // diagnostic lies inside it. Such a version is not a starting point for the next check.
    guard result.kind == .declarative, let stages = result.pipeline?.stages?.stages, stages.count == 1, stages[0].range == stageRange,
      result.tree.diagnostics.allSatisfy({ inside($0.range, stageRange) })
    else { return nil }
    slices[index] = StageSlice(range: stageRange, name: stages[0].name, headerRange: stages[0].headerRange, diagnostics: [])
    guard let others = distribute(result.diagnostics, into: &slices, indices: [index]) else { return nil }

    let version = Version(source: source, stages: slices, others: others)
    let reusable = result.tree.diagnostics.isEmpty
    return Outcome(diagnostics: version.diagnostics, version: reusable ? version : previous, wholeResult: nil, path: .stage)
  }
}

/// The bytes that differ between two versions: everything before `start` and after the ends is
/// the same in both.
struct ChangedBytes {
  let start: Int
  let oldEnd: Int
  let newEnd: Int

  init(old: [UInt8], new: [UInt8]) {
    let limit = min(old.count, new.count)
    var prefix = 0
    old.withUnsafeBufferPointer { o in
      new.withUnsafeBufferPointer { n in
        while prefix < limit && o[prefix] == n[prefix] { prefix += 1 }
      }
    }
    var suffix = 0
    old.withUnsafeBufferPointer { o in
      new.withUnsafeBufferPointer { n in
        while suffix < limit - prefix && o[o.count - 1 - suffix] == n[n.count - 1 - suffix] { suffix += 1 }
      }
    }
    start = prefix
    oldEnd = old.count - suffix
    newEnd = new.count - suffix
  }

  /// Where an offset of the old version at or after the change is in the new one.
  func shift(_ offset: UInt32) -> UInt32 { UInt32(Int(offset) + newEnd - oldEnd) }

  func shift(_ range: SourceRange) -> SourceRange { SourceRange(start: shift(range.start), end: shift(range.end)) }

  func shift(_ slice: IncrementalLinter.StageSlice) -> IncrementalLinter.StageSlice {
    var moved = slice
    moved.range = shift(slice.range)
    moved.headerRange = shift(slice.headerRange)
    moved.diagnostics = slice.diagnostics.map { diagnostic in
      var moved = diagnostic
      moved.range = shift(diagnostic.range)
      moved.notes = diagnostic.notes.map { Diagnostic.Note($0.message, range: $0.range.map(shift)) }
      moved.fixIts = diagnostic.fixIts.map { Diagnostic.FixIt(title: $0.title, range: shift($0.range), replacement: $0.replacement) }
      return moved
    }
    return moved
  }
}
