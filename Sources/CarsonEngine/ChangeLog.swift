import CarsonExec
import Foundation

/// The commits of this build, for `when { changelog … }` / `when { changeset … }`: those
/// between the previous run's commit and HEAD of the workspace's git repository.
struct ChangeLog {
  struct Commit {
    var message: String
    var paths: [String]
  }

  /// HEAD of the git repository at `workspace`, or nil when it is not one.
  static func head(_ workspace: String) -> String? {
    let output = git(["rev-parse", "HEAD"], in: workspace)?.trimmingCharacters(in: .whitespacesAndNewlines)
    return output.flatMap { $0.isEmpty ? nil : $0 }
  }

  static func load(workspace: String, since previous: String?) throws -> [Commit] {
    guard let previous, head(workspace) != nil else { return [] }
    let separator = "\u{1E}"
    guard let log = git(["log", "--name-only", "--format=\(separator)%B\(separator)", "\(previous)..HEAD"], in: workspace) else { return [] }
    var commits: [Commit] = []
    let parts = log.components(separatedBy: separator)
    // parts: "", message, paths, message, paths, …
    var i = 1
    while i + 1 < parts.count {
      let message = parts[i].trimmingCharacters(in: .whitespacesAndNewlines)
      let paths = parts[i + 1].split(separator: "\n").map(String.init).filter { !$0.isEmpty }
      commits.append(Commit(message: message, paths: paths))
      i += 2
    }
    return commits
  }

  static func git(_ arguments: [String], in directory: String) -> String? {
    var output = [UInt8]()
    let spec = ProcessSpec(arguments: ["git"] + arguments, environment: ProcessInfo.processInfo.environment, workingDirectory: directory)
    guard let exit = try? ProcessRunner.run(spec, output: { stream, chunk in if stream == .stdout { output += chunk } }), exit.status == 0 else {
      return nil
    }
    return String(decoding: output, as: UTF8.self)
  }
}

/// What Jenkins' git checkout puts in the environment, read from a local repository.
enum GitInfo {
  static func variables(_ directory: String, previousCommit: String?) -> [String: String] {
    guard let commit = ChangeLog.head(directory) else { return [:] }
    var vars = ["GIT_COMMIT": commit]
    if let branch = ChangeLog.git(["rev-parse", "--abbrev-ref", "HEAD"], in: directory)?.trimmingCharacters(in: .whitespacesAndNewlines), branch != "HEAD" {
      vars["GIT_BRANCH"] = branch
      vars["GIT_LOCAL_BRANCH"] = branch
    }
    if let url = ChangeLog.git(["config", "--get", "remote.origin.url"], in: directory)?.trimmingCharacters(in: .whitespacesAndNewlines), !url.isEmpty {
      vars["GIT_URL"] = url
    }
    if let previousCommit { vars["GIT_PREVIOUS_COMMIT"] = previousCommit }
    for (variable, format) in [("GIT_AUTHOR_NAME", "%an"), ("GIT_AUTHOR_EMAIL", "%ae"), ("GIT_COMMITTER_NAME", "%cn"), ("GIT_COMMITTER_EMAIL", "%ce")] {
      if let value = ChangeLog.git(["log", "-1", "--format=\(format)"], in: directory)?.trimmingCharacters(in: .whitespacesAndNewlines) {
        vars[variable] = value
      }
    }
    return vars
  }
}
