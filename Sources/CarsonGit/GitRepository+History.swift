import CLibGit2

extension GitRepository {
  /// The commits reachable from `head` but not from `previous` (newest first), each with the
  /// paths it changed against its first parent: the build's changelog, as Jenkins records it
  /// for `when { changeset }` / `when { changelog }`. Empty without a previous commit (a first
  /// build has no changes) or when `previous` is not in this repository.
  public func commits(since previous: String?, until head: String = "HEAD") throws -> [ChangeCommit] {
    guard let previous, let previousID = try? resolveCommit(previous) else { return [] }
    var headID = try resolveCommit(head)
    var hidden = previousID
    var walker: OpaquePointer?
    try check(carson_git_revwalk_new(&walker, pointer), "read history")
    defer { carson_git_revwalk_free(walker) }
    carson_git_revwalk_sorting(walker, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue)
    try check(carson_git_revwalk_push(walker, &headID), "read history")
    try check(carson_git_revwalk_hide(walker, &hidden), "read history")
    var commits: [ChangeCommit] = []
    var oid = git_oid()
    while carson_git_revwalk_next(&oid, walker) == 0 {
      commits.append(ChangeCommit(commit: try commitInfo(oid), paths: try changedPaths(oid)))
    }
    return commits
  }

  /// Paths a commit added, modified, deleted or renamed (both names), against its first parent.
  func changedPaths(_ oid: git_oid) throws -> [String] {
    var id = oid
    var commit: OpaquePointer?
    try check(carson_git_commit_lookup(&commit, pointer, &id), "read commit \(hex(oid))")
    defer { carson_git_commit_free(commit) }
    var tree: OpaquePointer?
    try check(carson_git_commit_tree(&tree, commit), "read commit \(hex(oid))")
    defer { carson_git_tree_free(tree) }
    var parentTree: OpaquePointer?
    if carson_git_commit_parentcount(commit) > 0 {
      var parent: OpaquePointer?
      try check(carson_git_commit_parent(&parent, commit, 0), "read commit \(hex(oid))")
      defer { carson_git_commit_free(parent) }
      try check(carson_git_commit_tree(&parentTree, parent), "read commit \(hex(oid))")
    }
    defer { carson_git_tree_free(parentTree) }
    var diff: OpaquePointer?
    try check(carson_git_diff_tree_to_tree(&diff, pointer, parentTree, tree, nil), "diff commit \(hex(oid))")
    defer { carson_git_diff_free(diff) }
    var paths: [String] = []
    for i in 0..<carson_git_diff_num_deltas(diff) {
      guard let delta = carson_git_diff_get_delta(diff, i)?.pointee else { continue }
      let old = delta.old_file.path.map { String(cString: $0) }
      let new = delta.new_file.path.map { String(cString: $0) }
      for path in [new, old].compactMap({ $0 }) where !paths.contains(path) { paths.append(path) }
    }
    return paths
  }
}
