import CarsonModel
import CarsonSyntax

// Steps Jenkins has (a plugin provides them) but `carson run` does not implement fail only when
// a stage reaches them, maybe after many minutes of earlier stages. The run says so up front.

extension PipelineRun {
  /// A step of the pipeline that this run cannot execute.
  struct UnsupportedStep {
    var name: String
    var plugin: String
    var range: SourceRange
    var stage: [String]
  }

  /// The steps written in `steps {}` and `post {}` blocks (not inside `script {}`, where calls
  /// are Groovy the run resolves as it goes) that Jenkins' catalogue knows, this run does not
  /// implement, and no loaded library variable or method of the Jenkinsfile provides.
  func unsupportedSteps() -> [UnsupportedStep] {
    let scriptMethods: Set<String> = Set(
      lint.tree.statements.compactMap { statement in
        if case .method(let method) = statement.kind { return method.name }
        return nil
      })
    var found: [UnsupportedStep] = []
    func visit(_ steps: [Step], _ stage: [String]) {
      for case .call(let call) in steps {
        if self.steps[call.name] == nil, libraries.variables[call.name] == nil, !Self.constructors.contains(call.name),
          !scriptMethods.contains(call.name), let described = catalogue.steps[call.name]
        {
          found.append(UnsupportedStep(name: call.name, plugin: described.plugin, range: call.nameRange, stage: stage))
        }
        visit(call.body ?? [], stage)
        for branch in call.parallelBranches ?? [] { visit(branch.steps, stage + [branch.name]) }
      }
    }
    func visit(_ post: Post?, _ stage: [String]) {
      for condition in post?.conditions ?? [] { visit(condition.branch.steps, stage) }
    }
    pipeline.forEachStage { stage, path in
      visit(stage.steps?.steps ?? [], path)
      visit(stage.post, path)
      visit(stage.matrix?.post, path)
    }
    visit(pipeline.post, [])
    return found
  }

  /// One warning per unsupported step, before the first stage.
  func warnAboutUnsupportedSteps() {
    for step in unsupportedSteps() {
      let at = lint.source.location(of: step.range.start)
      let stage = step.stage.isEmpty ? "the pipeline's post" : "stage '\(step.stage.joined(separator: " » "))'"
      hub.emit(
        .log(
          path: [], stream: .carson,
          text:
            "WARNING: \(lint.source.path):\(at.line):\(at.column): carson run does not implement the step '\(step.name)' (\(step.plugin) plugin): \(stage) will fail when it gets there"
        ))
    }
  }
}
