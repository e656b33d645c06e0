import CarsonExec
import CarsonGroovy
import CarsonModel
import CarsonSyntax
import Foundation

// Stages: sequential, nested, parallel and matrix, in Jenkins' evaluation order.

extension PipelineRun {
  /// Runs stages in order. After an uncaught error the remaining stages are skipped "due to
  /// earlier failure(s)" and the error is rethrown once they are reported.
  func runStages(_ stages: [Stage], _ context: BranchContext) throws {
    var failure: Error?
    for stage in stages {
      if failure != nil {
        skip(stage, context, .earlierFailure)
      } else if skipStagesAfterUnstable && build.result == .unstable {
        skip(stage, context, .unstable)
      } else {
        do { try runStage(stage, context) } catch { failure = error }
      }
    }
    if let failure { throw failure }
  }

  /// Reports a stage (and everything in it) as skipped.
  func skip(_ stage: Stage, _ context: BranchContext, _ reason: SkipReason, branch: Bool = false, message: String? = nil) {
    let path = context.path + [stage.name]
    hub.emit(.stageStarted(stage: stage.name, path: path, branch: branch))
    hub.emit(.log(path: path, stream: .carson, text: message ?? reason.message(stage.name)))
    let inner = context.derived()
    inner.path = path
    skipChildren(stage, inner, reason)
    hub.emit(.stageFinished(stage: stage.name, path: path, status: .skipped, skipReason: reason, durationMs: 0))
  }

  /// Nested stages, parallel branches and matrix cells of a skipped stage are skipped too.
  func skipChildren(_ stage: Stage, _ context: BranchContext, _ reason: SkipReason) {
    for child in (stage.stages?.stages ?? []) { skip(child, context, reason) }
    for child in (stage.parallel?.stages ?? []) { skip(child, context, reason, branch: true) }
    if let matrix = stage.matrix {
      for cell in MatrixCell.expand(matrix) {
        var cellStage = Stage(name: cell.name, nameRange: matrix.range, headerRange: matrix.range, range: matrix.range)
        cellStage.stages = matrix.stages
        skip(cellStage, context, reason, branch: true)
      }
    }
  }

  func runStage(_ stage: Stage, _ parent: BranchContext, branch: Bool = false) throws {
    if let message = selection.deselection(stage, path: parent.path + [stage.name]) {
      skip(stage, parent, .user, branch: branch, message: message)
      return
    }
    let context = parent.derived()
    context.path = parent.path + [stage.name]
    context.overlays.append(["STAGE_NAME": stage.name])
    let record = StageRecord(name: stage.name, path: context.path)
    context.stage = record
    let started = Date()
    hub.emit(.stageStarted(stage: stage.name, path: context.path, branch: branch))
    var skipped = false
    do {
      skipped = try runStageBody(stage, context, record)
    } catch {
      hub.emit(.stageFinished(
        stage: stage.name, path: context.path, status: StageStatus(result(of: error)), skipReason: nil,
        durationMs: milliseconds(since: started)))
      throw error
    }
    hub.emit(.stageFinished(
      stage: stage.name, path: context.path, status: skipped ? .skipped : StageStatus(record.result),
      skipReason: skipped ? .when : nil, durationMs: milliseconds(since: started)))
  }

  /// Jenkins' `evaluateStage` order; returns true when `when` skipped the stage.
  func runStageBody(_ stage: Stage, _ context: BranchContext, _ record: StageRecord) throws -> Bool {
    let when = stage.when
    var whenDone = false
    func checkWhen(_ context: BranchContext) throws -> Bool {
      guard let when, !whenDone else { return true }
      whenDone = true
      return try evaluateWhen(when, context)
    }
    if when?.beforeOptions == true, !(try checkWhen(context)) { return skipForWhen(stage, context) }
    var skipped = false
    try withOptions(stage.options, context) { context in
      if when?.beforeInput == true, !(try checkWhen(context)) {
        skipped = true
        return
      }
      if let input = stage.input { try self.runInputDirective(input, stage: stage.name, context) }
      if stage.parallel != nil || stage.matrix != nil {
        if !(try checkWhen(context)) {
          skipped = true
          return
        }
        var branchError: Error?
        do {
          try self.withEnvironment(stage.environment, context) { context in
            if let parallel = stage.parallel {
              try self.runParallel(parallel.stages.map { ($0, nil) }, context, failFast: stage.failFast ?? false)
            } else if let matrix = stage.matrix {
              try self.runMatrix(matrix, context, failFast: stage.failFast ?? false)
            }
          }
        } catch {
          branchError = error
        }
        if let error = self.runPost(stage.post, context, error: branchError, stage: record) ?? branchError { throw error }
        return
      }
      if when?.beforeAgent == true, !(try checkWhen(context)) {
        skipped = true
        return
      }
      try self.withStageAgent(stage, context) { context in
      if !(try checkWhen(context)) {
        skipped = true
        return
      }
      try self.withEnvironment(stage.environment, context) { context in
        var stepsError: Error?
        do {
          try self.withTools(self.stageTools(stage), context) { context in
            if let steps = stage.steps {
              try self.runSteps(steps.steps, context)
            } else if let stages = stage.stages {
              try self.runStages(stages.stages, context)
            }
          }
        } catch {
          stepsError = error
        }
        if let error = self.runPost(stage.post, context, error: stepsError, stage: record) ?? stepsError { throw error }
      }
      }
    }
    // A false `when` is reported once the wrappers and the agent opened before it have closed.
    return skipped ? skipForWhen(stage, context) : false
  }

  /// The stage's agent (a new node gets Jenkins' automatic checkout), or under
  /// `newContainerPerStage()` a fresh container of the pipeline's Docker agent.
  func withStageAgent(_ stage: Stage, _ context: BranchContext, _ body: (BranchContext) throws -> Void) throws {
    if stage.agent == nil, let perStage = context.perStageContainer, stage.steps != nil {
      let inner = context.derived()
      inner.perStageContainer = nil
      return try withDockerAgent(perStage, inner, body)
    }
    try withAgent(stage.agent, context, checkout: { node in
      guard self.options.fromSCM, !self.skipDefaultCheckout, !Self.option("skipDefaultCheckout", in: stage.options) else { return }
      let subdirectory = try self.stringOption("checkoutToSubdirectory", in: stage.options, node) ?? self.checkoutSubdirectory
      node.overlays.append(try self.checkoutSCM(node, subdirectory: subdirectory))
    }, body)
  }

  /// A declarative option given without `false` (`skipDefaultCheckout()`, `skipDefaultCheckout(true)`).
  static func option(_ name: String, in options: Options?) -> Bool {
    guard let option = options?.options.first(where: { $0.name == name }) else { return false }
    return option.arguments.unnamedValues.first?.asValue?.booleanLiteral != false
  }

  /// The first argument of option `name`, evaluated (it may use script variables and functions).
  func stringOption(_ name: String, in options: Options?, _ context: BranchContext) throws -> String? {
    guard let option = options?.options.first(where: { $0.name == name }) else { return nil }
    return try evaluate(option.arguments, context).positional.first.map(Groovy.string)
  }

  func skipForWhen(_ stage: Stage, _ context: BranchContext) -> Bool {
    context.log(SkipReason.when.message(stage.name))
    skipChildren(stage, context.derived(), .when)
    return true
  }

  /// Declarative steps run as the Groovy calls they are; `script {}` is the `script` step.
  func runSteps(_ steps: [Step], _ context: BranchContext) throws {
    let scope = pipelineScope()
    for step in steps {
      try context.checkInterrupted()
      switch step {
      case .call(let call):
        _ = try interpreter.evaluate(Expr(.call(call.call), call.range), in: scope, context)
      case .script(let block):
        _ = try interpreter.execute(block.statements, in: Scope(parent: scope), context)
      }
    }
  }

  // MARK: Parallel and matrix

  /// Runs parallel stages or matrix cells concurrently.
  func runParallel(_ branches: [(stage: Stage, cell: MatrixCell?)], _ context: BranchContext, failFast: Bool) throws {
    try runConcurrently(
      branches.map { branch in
        (branch.cell?.name ?? branch.stage.name, { @Sendable context in
          if let cell = branch.cell { try self.runMatrixCell(cell, context) } else { try self.runStage(branch.stage, context, branch: true) }
        })
      }, context, failFast: failFast || parallelsAlwaysFailFast)
  }

  /// Runs bodies concurrently, each on its own thread under the interpreter lock. With
  /// failFast the first failing branch aborts the others (their processes are killed, their
  /// `aborted` post runs). After all have finished, the first failure is rethrown.
  func runConcurrently(_ branches: [(name: String, body: @Sendable (BranchContext) throws -> Void)], _ context: BranchContext, failFast: Bool) throws {
    let group = DispatchGroup()
    let errors = ErrorCollector()
    let scopes = branches.map { _ in context.cancellation.child() }
    for (i, branch) in branches.enumerated() {
      let branchContext = context.derived()
      branchContext.cancellation = scopes[i]
      group.enter()
      let thread = Thread { [self] in
        defer { group.leave() }
        interpreter.lock.locked {
          do {
            try branch.body(branchContext)
          } catch {
            errors.add(index: i, error)
            // As workflow-cps' ParallelStep: every branch that ends with an error says so.
            branchContext.log("Failed in branch \(branch.name)")
            if failFast, !(error is FlowInterrupted) {
              for (j, scope) in scopes.enumerated() where j != i {
                scope.cancel(CancellationReason(.aborted, "Terminated by failFast: branch \"\(branch.name)\" failed"))
              }
            }
          }
        }
      }
      thread.stackSize = 8 << 20
      thread.start()
    }
    interpreter.lock.unlocked { group.wait() }
    if let error = errors.first { throw error }
  }

  func runMatrix(_ matrix: Matrix, _ context: BranchContext, failFast: Bool) throws {
    let cells = MatrixCell.expand(matrix)
    try runParallel(cells.map { (Stage(name: $0.name, nameRange: matrix.range, headerRange: matrix.range, range: matrix.range), $0) }, context, failFast: failFast)
  }

  /// One matrix cell: axis values first (they override outer environment), then the matrix
  /// directives exactly like a stage, then its stages.
  func runMatrixCell(_ cell: MatrixCell, _ parent: BranchContext) throws {
    var stage = Stage(name: cell.name, nameRange: cell.matrix.range, headerRange: cell.matrix.range, range: cell.matrix.range)
    stage.agent = cell.matrix.agent
    stage.environment = cell.matrix.environment
    stage.options = cell.matrix.options
    stage.tools = cell.matrix.tools
    stage.when = cell.matrix.when
    stage.input = cell.matrix.input
    stage.post = cell.matrix.post
    stage.stages = cell.matrix.stages
    let context = parent.derived()
    context.overlays.append(cell.values)
    try runStage(stage, context, branch: true)
  }
}

/// A cell of a matrix: the axis values and Jenkins' name for it.
struct MatrixCell: Sendable {
  var values: [String: String]
  var name: String
  var matrix: Matrix

  /// The cartesian product with the first declared axis varying fastest, minus excludes.
  static func expand(_ matrix: Matrix) -> [MatrixCell] {
    let axes = (matrix.axes ?? []).compactMap { axis -> (String, [String])? in
      guard let name = axis.name?.stringLiteral else { return nil }
      return (name, axis.values.compactMap(\.literalText))
    }
    guard !axes.isEmpty else { return [] }
    var combinations: [[(String, String)]] = [[]]
    for (name, values) in axes {
      var next: [[(String, String)]] = []
      for value in values {
        for combination in combinations { next.append(combination + [(name, value)]) }
      }
      combinations = next
    }
    // Values of a later axis are the outer loop, so the first declared axis varies fastest.
    let excludes = matrix.excludes ?? []
    return combinations.filter { combination in
      !excludes.contains { exclude in
        exclude.axes.allSatisfy { axis in
          guard let name = axis.name?.stringLiteral, let value = combination.first(where: { $0.0 == name })?.1 else { return false }
          if axis.hasNotValues { return !axis.notValues.compactMap(\.literalText).contains(value) }
          return axis.values.compactMap(\.literalText).contains(value)
        }
      }
    }.map { combination in
      let name = "Matrix - " + combination.map { "\($0.0) = '\($0.1)'" }.joined(separator: ", ")
      return MatrixCell(values: Dictionary(combination, uniquingKeysWith: { a, _ in a }), name: name, matrix: matrix)
    }
  }
}

/// Errors of parallel branches, in branch order.
final class ErrorCollector: @unchecked Sendable {
  private let lock = NSLock()
  private var errors: [(Int, Error)] = []

  func add(index: Int, _ error: Error) {
    lock.lock()
    errors.append((index, error))
    lock.unlock()
  }

  /// A real failure before an abort caused by it; then branch order.
  var first: Error? {
    lock.lock()
    defer { lock.unlock() }
    let sorted = errors.sorted { $0.0 < $1.0 }
    return sorted.first { !($0.1 is FlowInterrupted) }?.1 ?? sorted.first?.1
  }
}
