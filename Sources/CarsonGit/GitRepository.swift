import CLibGit2
import Foundation

/// A local git repository (a workspace), opened through libgit2.
public final class GitRepository {
  let pointer: OpaquePointer
  public let path: String
  /// Secrets of the credentials in use, removed from every message.
  var secrets: [String] = []

  init(pointer: OpaquePointer, path: String) {
    self.pointer = pointer
    self.path = path
  }

  deinit { git_repository_free(pointer) }

  /// How long one network connect, read or write may wait for the server before the operation
  /// fails (default 60 s): libgit2 1.5 has no such limit, so Carson's own sockets (CLibGit2's
  /// shim.h) enforce it. Process-wide.
  public static var networkTimeout: Double {
    get { Double(networkTimeoutMilliseconds) / 1000 }
    set { networkTimeoutMilliseconds = Int32(max(0.1, newValue) * 1000) }
  }

  /// The libgit2 this process runs with ("1.5.1").
  public static var libraryVersion: String { Libgit2.version }

  /// The repository whose work tree is `path`; nil when there is none.
  public static func open(_ path: String) -> GitRepository? {
    Libgit2.ensure()
    var pointer: OpaquePointer?
    guard git_repository_open_ext(&pointer, path, UInt32(GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue), nil) == 0, let pointer else { return nil }
    return GitRepository(pointer: pointer, path: path)
  }

  /// Opens the repository at `path`, or makes an empty one there (a workspace may already hold files).
  static func openOrInit(_ path: String, operation: String) throws -> GitRepository {
    if let existing = open(path) { return existing }
    var pointer: OpaquePointer?
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    let code = git_repository_init(&pointer, path, 0)
    guard code == 0, let pointer else { throw lastError(code, operation: operation, secrets: []) }
    return GitRepository(pointer: pointer, path: path)
  }

  func check(_ code: Int32, _ operation: @autoclosure () -> String) throws {
    if code < 0 { throw lastError(code, operation: operation(), secrets: secrets) }
  }

  /// HEAD's commit; nil in an empty repository.
  public func headCommit() -> CommitInfo? {
    var oid = git_oid()
    guard git_reference_name_to_id(&oid, pointer, "HEAD") == 0 else { return nil }
    return try? commitInfo(oid)
  }

  /// The branch HEAD is on; nil when HEAD is detached.
  public func currentBranch() -> String? {
    var reference: OpaquePointer?
    guard git_repository_head(&reference, pointer) == 0, let reference else { return nil }
    defer { git_reference_free(reference) }
    guard git_reference_is_branch(reference) == 1, let name = git_reference_shorthand(reference) else { return nil }
    return String(cString: name)
  }

  /// The URL of remote `name`, without credentials.
  public func remoteURL(_ name: String = "origin") -> String? {
    var remote: OpaquePointer?
    guard git_remote_lookup(&remote, pointer, name) == 0, let remote else { return nil }
    defer { git_remote_free(remote) }
    return git_remote_url(remote).map { splitCredentials(fromURL: String(cString: $0)).url }
  }

  func commitInfo(_ oid: git_oid) throws -> CommitInfo {
    var id = oid
    var commit: OpaquePointer?
    try check(git_commit_lookup(&commit, pointer, &id), "read commit \(hex(id))")
    defer { git_commit_free(commit) }
    let author = git_commit_author(commit)!.pointee
    let committer = git_commit_committer(commit)!.pointee
    return CommitInfo(
      sha: hex(id), authorName: String(cString: author.name), authorEmail: String(cString: author.email),
      committerName: String(cString: committer.name), committerEmail: String(cString: committer.email),
      message: git_commit_message(commit).map { String(cString: $0) } ?? "", time: committer.when.time)
  }

  /// The commit a revision (SHA, abbreviated SHA, ref name) names, peeled through annotated tags.
  func resolveCommit(_ revision: String) throws -> git_oid {
    var object: OpaquePointer?
    try check(git_revparse_single(&object, pointer, revision), "find commit '\(revision)'")
    defer { git_object_free(object) }
    var commit: OpaquePointer?
    try check(git_object_peel(&commit, object, GIT_OBJECT_COMMIT), "find commit '\(revision)'")
    defer { git_object_free(commit) }
    return git_object_id(commit)!.pointee
  }
}

/// The one copy of the network timeout, read by the C sockets through `carson_git_io_timeout`.
nonisolated(unsafe) private var networkTimeoutMilliseconds: Int32 = 60_000

@_cdecl("carson_git_io_timeout")
func carsonGitIOTimeout() -> Int32 { networkTimeoutMilliseconds }

func hex(_ oid: git_oid) -> String {
  var id = oid
  return String(cString: git_oid_tostr_s(&id))
}

/// C strings for a `git_strarray`, alive for the duration of `body`.
func withStringArray<T>(_ strings: [String], _ body: (inout git_strarray) throws -> T) rethrows -> T {
  let pointers = strings.map { strdup($0) }
  defer { pointers.forEach { free($0) } }
  var array: [UnsafeMutablePointer<CChar>?] = pointers
  return try array.withUnsafeMutableBufferPointer { buffer in
    var strarray = git_strarray(strings: buffer.baseAddress, count: strings.count)
    return try body(&strarray)
  }
}
