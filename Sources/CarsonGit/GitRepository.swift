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

  deinit { carson_git_repository_free(pointer) }

  /// How long one network connect, read or write may wait for the server before the operation
  /// fails (default 60 s): libgit2 1.5 has no such limit, so Carson's own sockets (CLibGit2's
  /// TimedSocketStream.c) enforce it. Process-wide.
  public static var networkTimeout: Double {
    get { Double(carson_git_io_timeout()) / 1000 }
    set { carson_git_set_io_timeout(Int32(max(0.1, newValue) * 1000)) }
  }

  /// The libgit2 this process runs with ("1.5.1"; "1.5 (not installed)" when it cannot be loaded).
  public static var libraryVersion: String { Libgit2.version }

  /// The repository whose work tree is `path`; nil when there is none (or libgit2 is not
  /// installed: then there is no repository Carson can read).
  public static func open(_ path: String) -> GitRepository? {
    // Most runs have no repository: libgit2 is loaded only when there could be one (a work
    // tree's `.git`, or a bare repository's HEAD), which is all libgit2 looks for here.
    guard mayHoldRepository(path), Libgit2.isAvailable else { return nil }
    var pointer: OpaquePointer?
    guard carson_git_repository_open_ext(&pointer, path, UInt32(GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue), nil) == 0, let pointer else { return nil }
    return GitRepository(pointer: pointer, path: path)
  }

  /// Why `open(path)` finds no repository although `path` holds one: libgit2 is not installed.
  /// Nil when libgit2 is there or `path` holds no repository.
  public static func unreadableReason(_ path: String) -> String? {
    guard mayHoldRepository(path) else { return nil }
    do {
      try Libgit2.ensure(for: "reading the repository at \(path)")
      return nil
    } catch {
      return "\(error)"
    }
  }

  /// A work tree's `.git` or a bare repository's `HEAD`: all libgit2 looks for when opening.
  static func mayHoldRepository(_ path: String) -> Bool {
    FileManager.default.fileExists(atPath: path + "/.git") || FileManager.default.fileExists(atPath: path + "/HEAD")
  }

  /// Opens the repository at `path`, or makes an empty one there (a workspace may already hold files).
  static func openOrInit(_ path: String, operation: String) throws -> GitRepository {
    try Libgit2.ensure(for: scrub(operation, secrets: []))
    if let existing = open(path) { return existing }
    var pointer: OpaquePointer?
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    let code = carson_git_repository_init(&pointer, path, 0)
    guard code == 0, let pointer else { throw lastError(code, operation: operation, secrets: []) }
    return GitRepository(pointer: pointer, path: path)
  }

  func check(_ code: Int32, _ operation: @autoclosure () -> String) throws {
    if code < 0 { throw lastError(code, operation: operation(), secrets: secrets) }
  }

  /// HEAD's commit; nil in an empty repository.
  public func headCommit() -> CommitInfo? {
    var oid = git_oid()
    guard carson_git_reference_name_to_id(&oid, pointer, "HEAD") == 0 else { return nil }
    return try? commitInfo(oid)
  }

  /// The branch HEAD is on; nil when HEAD is detached.
  public func currentBranch() -> String? {
    var reference: OpaquePointer?
    guard carson_git_repository_head(&reference, pointer) == 0, let reference else { return nil }
    defer { carson_git_reference_free(reference) }
    guard carson_git_reference_is_branch(reference) == 1, let name = carson_git_reference_shorthand(reference) else { return nil }
    return String(cString: name)
  }

  /// The URL of remote `name`, without credentials.
  public func remoteURL(_ name: String = "origin") -> String? {
    var remote: OpaquePointer?
    guard carson_git_remote_lookup(&remote, pointer, name) == 0, let remote else { return nil }
    defer { carson_git_remote_free(remote) }
    return carson_git_remote_url(remote).map { splitCredentials(fromURL: String(cString: $0)).url }
  }

  func commitInfo(_ oid: git_oid) throws -> CommitInfo {
    var id = oid
    var commit: OpaquePointer?
    try check(carson_git_commit_lookup(&commit, pointer, &id), "read commit \(hex(id))")
    defer { carson_git_commit_free(commit) }
    let author = carson_git_commit_author(commit)!.pointee
    let committer = carson_git_commit_committer(commit)!.pointee
    return CommitInfo(
      sha: hex(id), authorName: String(cString: author.name), authorEmail: String(cString: author.email),
      committerName: String(cString: committer.name), committerEmail: String(cString: committer.email),
      message: carson_git_commit_message(commit).map { String(cString: $0) } ?? "", time: committer.when.time)
  }

  /// The commit a revision (SHA, abbreviated SHA, ref name) names, peeled through annotated tags.
  func resolveCommit(_ revision: String) throws -> git_oid {
    var object: OpaquePointer?
    try check(carson_git_revparse_single(&object, pointer, revision), "find commit '\(revision)'")
    defer { carson_git_object_free(object) }
    var commit: OpaquePointer?
    try check(carson_git_object_peel(&commit, object, GIT_OBJECT_COMMIT), "find commit '\(revision)'")
    defer { carson_git_object_free(commit) }
    return carson_git_object_id(commit)!.pointee
  }
}

func hex(_ oid: git_oid) -> String {
  var id = oid
  return String(cString: carson_git_oid_tostr_s(&id))
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
