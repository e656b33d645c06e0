import CarsonSyntax
import Foundation

/// What Carson remembers about a job between runs (for `changed`/`fixed`/`regression`, build
/// numbers and, later, the previous commit): `<state dir>/<job>/state.json`.
public struct JobState: Sendable, Equatable {
  public var lastBuildNumber: Int = 0
  /// The result of the previous completed run, nil before the first.
  public var previousResult: BuildResult?
  /// The workspace's git commit at the previous run (for changelog conditions).
  public var lastCommit: String?

  public init(lastBuildNumber: Int = 0, previousResult: BuildResult? = nil, lastCommit: String? = nil) {
    self.lastBuildNumber = lastBuildNumber
    self.previousResult = previousResult
    self.lastCommit = lastCommit
  }
}

public struct JobStateStore: Sendable {
  public let directory: String

  public init(directory: String?, environment: [String: String]) {
    if let directory {
      self.directory = directory
    } else if let xdg = environment["XDG_STATE_HOME"], !xdg.isEmpty {
      self.directory = xdg + "/carson"
    } else {
      self.directory = (environment["HOME"] ?? NSTemporaryDirectory()) + "/.local/state/carson"
    }
  }

  func jobDirectory(_ job: String) -> String {
    // Job names may contain '/' (folders); keep them as one path component.
    directory + "/" + job.replacingOccurrences(of: "/", with: "%2F")
  }

  public func load(_ job: String) -> JobState {
    guard let data = FileManager.default.contents(atPath: jobDirectory(job) + "/state.json"),
      let json = try? JSONValue.parse(Array(data))
    else { return JobState() }
    return JobState(
      lastBuildNumber: json["lastBuildNumber"]?.intValue ?? 0,
      previousResult: json["lastResult"]?.stringValue.flatMap(BuildResult.init(name:)),
      lastCommit: json["lastCommit"]?.stringValue)
  }

  public func save(_ job: String, _ state: JobState) throws {
    let folder = jobDirectory(job)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var fields: [(String, JSONValue)] = [("lastBuildNumber", .integer(Int64(state.lastBuildNumber)))]
    if let result = state.previousResult { fields.append(("lastResult", .string(result.name))) }
    if let commit = state.lastCommit { fields.append(("lastCommit", .string(commit))) }
    let temporary = folder + "/state.json.tmp"
    try Data(JSONValue.object(fields).pretty.utf8).write(to: URL(fileURLWithPath: temporary))
    _ = rename(temporary, folder + "/state.json")
  }

  /// `disableConcurrentBuilds()`: an exclusive lock on the job, held until the run ends.
  public func lockJob(_ job: String) throws -> Int32 {
    let folder = jobDirectory(job)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let fd = open(folder + "/lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw RunSetupError("cannot create the job lock in \(folder)") }
    if flock(fd, LOCK_EX | LOCK_NB) != 0 {
      close(fd)
      throw RunSetupError("another run of job \"\(job)\" is in progress (disableConcurrentBuilds)")
    }
    return fd
  }
}
