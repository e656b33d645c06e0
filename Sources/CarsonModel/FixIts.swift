import CarsonSyntax

/// Fix-its for misspelt names: when a written name is close to a valid one, offer to replace it.
enum FixIts {
  /// A replacement when `written` is one small typo (or a case difference) away from a candidate.
  static func rename(_ written: String, at range: SourceRange, candidates: [String]) -> [Diagnostic.FixIt] {
    guard !written.isEmpty, !range.isEmpty else { return [] }
    if let sameLetters = candidates.first(where: { $0.lowercased() == written.lowercased() && $0 != written }) {
      return [Diagnostic.FixIt(title: "Replace '\(written)' with '\(sameLetters)'", range: range, replacement: sameLetters)]
    }
    guard let nearest = EditDistance.nearest(to: written, in: candidates), nearest != written,
      EditDistance.distance(written, nearest) <= max(1, written.count / 4)
    else { return [] }
    return [Diagnostic.FixIt(title: "Replace '\(written)' with '\(nearest)'", range: range, replacement: nearest)]
  }
}
