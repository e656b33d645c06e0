import CarsonModel

/// Which stages `--stage`, `--skip-stage` and `--from-stage` leave out, and the line each one
/// logs. Stages left out are reported as skipped with reason `user`, as `--stage` always did.
struct StageSelection: Sendable {
  let only: [String]
  let skipped: [String]
  let from: String?
  /// Every stage's path in the order the pipeline is written (depth first), without matrix
  /// cells: a stage inside a `matrix` counts as part of its matrix stage.
  let order: [[String]: Int]
  /// Where `--from-stage` starts: its path and its place in `order`.
  let start: (path: [String], index: Int)?

  /// Throws when a name given to one of the options is no stage of the pipeline: a typo must not
  /// silently skip everything.
  init(_ pipeline: Pipeline, options: RunOptions) throws(RunSetupError) {
    only = options.onlyStages
    skipped = options.skipStages
    from = options.fromStage
    var paths: [[String]] = []
    pipeline.forEachStage { _, path in paths.append(path) }
    var order: [[String]: Int] = [:]
    for (index, path) in paths.enumerated() where order[path] == nil { order[path] = index }
    self.order = order
    let names = Set(paths.compactMap(\.last))
    for (option, name) in only.map({ ("--stage", $0) }) + skipped.map({ ("--skip-stage", $0) }) + (from.map { [("--from-stage", $0)] } ?? [])
    where !names.contains(name) {
      let known = paths.compactMap(\.last).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
      throw RunSetupError("\(option) '\(name)': the pipeline has no stage of that name (its stages: \(known.joined(separator: ", ")))")
    }
    start = from.flatMap { name in paths.firstIndex { $0.last == name }.map { (paths[$0], $0) } }
  }

  /// The line to log when the stage at `path` is left out; nil when it runs.
  func deselection(_ stage: Stage, path: [String]) -> String? {
    if skipped.contains(stage.name) { return "Stage \"\(stage.name)\" skipped with --skip-stage" }
    if let start, let index = order[path], index < start.index, !start.path.starts(with: path) {
      return "Stage \"\(stage.name)\" skipped: it comes before --from-stage \"\(start.path.last ?? "")\""
    }
    if !only.isEmpty, !path.dropLast().contains(where: only.contains), !named(stage) {
      return "Stage \"\(stage.name)\" skipped: not selected with --stage"
    }
    return nil
  }

  /// Whether `--stage` names the stage or one inside it.
  private func named(_ stage: Stage) -> Bool {
    only.contains(stage.name) || stage.children.contains(where: named)
  }
}
