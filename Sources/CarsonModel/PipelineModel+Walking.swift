/// Walking the stages of a pipeline, for the runner's stage selection, its check of the steps
/// it implements and the like.
extension Stage {
  /// The stages directly inside this one: nested sequential stages, parallel branches, and the
  /// stages of a `matrix` (once, not per cell).
  public var children: [Stage] {
    (stages?.stages ?? []) + (parallel?.stages ?? []) + (matrix?.stages?.stages ?? [])
  }
}

extension Pipeline {
  /// Every stage, depth first in the order written, with its path of stage names.
  public func forEachStage(_ body: (_ stage: Stage, _ path: [String]) -> Void) {
    func visit(_ stages: [Stage], _ parent: [String]) {
      for stage in stages {
        let path = parent + [stage.name]
        body(stage, path)
        visit(stage.children, path)
      }
    }
    visit(stages?.stages ?? [], [])
  }
}
