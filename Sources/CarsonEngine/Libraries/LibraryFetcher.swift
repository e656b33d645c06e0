import Foundation

/// Gets a shared library's files from git. The engine asks for the commit a version names
/// first, so that a commit already in the cache is not fetched again.
public protocol LibraryFetcher: Sendable {
  /// The commit SHA that `version` (a branch, tag or SHA) names in the repository at `url`.
  func resolve(url: String, version: String, credentialsID: String?) throws -> String
  /// Checks `commit` of the repository at `url` out into `directory` (which does not exist yet).
  func fetch(url: String, commit: String, credentialsID: String?, into directory: String) throws
}

/// Where fetched libraries are kept between runs: `<state dir>/libraries/<url>/<commit>`, so a
/// commit is fetched once whatever run asks for it.
struct LibraryCache {
  let directory: String

  init(stateDirectory: String) { directory = stateDirectory + "/libraries" }

  /// The checkout of `commit` of `url`, fetching it first when it is not in the cache. The
  /// fetch goes to a temporary directory renamed into place, so an interrupted fetch never
  /// leaves a half checkout behind.
  func checkout(url: String, commit: String, credentialsID: String?, fetcher: LibraryFetcher) throws -> String {
    let target = directory + "/" + Self.component(url) + "/" + commit
    if FileManager.default.fileExists(atPath: target) { return target }
    let parent = (target as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
    let temporary = parent + "/.fetch-\(commit)-\(getpid())"
    try? FileManager.default.removeItem(atPath: temporary)
    do {
      try fetcher.fetch(url: url, commit: commit, credentialsID: credentialsID, into: temporary)
    } catch {
      try? FileManager.default.removeItem(atPath: temporary)
      throw error
    }
    if rename(temporary, target) != 0 {
      // Another run put the same commit there first: theirs is as good.
      try? FileManager.default.removeItem(atPath: temporary)
      guard FileManager.default.fileExists(atPath: target) else { throw StepFailure("cannot move the fetched library into the cache at \(target)") }
    }
    return target
  }

  /// A URL as one readable path component (`https___git.example.com_team_lib.git`); user
  /// names and passwords in the URL are left out.
  static func component(_ url: String) -> String {
    var text = url
    if let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].firstIndex(of: "@") {
      text = String(text[..<scheme.upperBound]) + String(text[text.index(after: at)...])
    }
    return String(text.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" })
  }
}
