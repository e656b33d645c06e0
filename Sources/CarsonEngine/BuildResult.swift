import CarsonExec

/// Jenkins' `hudson.model.Result`, ordered from best to worst; combining results keeps the worst.
public enum BuildResult: Int, Sendable, Comparable, CaseIterable {
  case success, unstable, failure, notBuilt, aborted

  public static func < (a: BuildResult, b: BuildResult) -> Bool { a.rawValue < b.rawValue }

  /// `SUCCESS`, `UNSTABLE`, … as Jenkins prints it.
  public var name: String {
    switch self {
    case .success: return "SUCCESS"
    case .unstable: return "UNSTABLE"
    case .failure: return "FAILURE"
    case .notBuilt: return "NOT_BUILT"
    case .aborted: return "ABORTED"
    }
  }

  public init?(name: String) {
    guard let match = BuildResult.allCases.first(where: { $0.name == name.uppercased() }) else { return nil }
    self = match
  }

  /// Exit codes of `carson run`, as jenkinsfile-runner uses them.
  public var exitCode: Int32 {
    switch self {
    case .success: return 0
    case .unstable: return 1
    case .failure: return 2
    case .notBuilt: return 3
    case .aborted: return 4
    }
  }

  public func combined(_ other: BuildResult) -> BuildResult { max(self, other) }

  init(_ reason: CancellationReason.Result) {
    switch reason {
    case .aborted: self = .aborted
    case .notBuilt: self = .notBuilt
    case .failure: self = .failure
    }
  }
}

/// What a stage ended as, in events and reports.
public enum StageStatus: String, Sendable {
  case success = "SUCCESS"
  case unstable = "UNSTABLE"
  case failure = "FAILURE"
  case aborted = "ABORTED"
  case notBuilt = "NOT_BUILT"
  case skipped = "SKIPPED"

  init(_ result: BuildResult) {
    switch result {
    case .success: self = .success
    case .unstable: self = .unstable
    case .failure: self = .failure
    case .notBuilt: self = .notBuilt
    case .aborted: self = .aborted
    }
  }
}

/// Why a stage did not run (Jenkins' `SkippedStageReason`, plus `user` for `--stage`,
/// `--skip-stage` and `--from-stage`, which log their own lines: `StageSelection`).
public enum SkipReason: String, Sendable {
  case when
  case earlierFailure = "earlier-failure"
  case unstable
  case user

  /// The line Jenkins prints.
  func message(_ stage: String) -> String {
    switch self {
    case .when: return "Stage \"\(stage)\" skipped due to when conditional"
    case .earlierFailure: return "Stage \"\(stage)\" skipped due to earlier failure(s)"
    case .unstable: return "Stage \"\(stage)\" skipped due to earlier stage(s) marking the build as unstable"
    case .user: return "Stage \"\(stage)\" skipped: not selected with --stage"
    }
  }
}
