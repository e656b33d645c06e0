import CarsonExec
import CarsonGit
import Foundation

// Clone cost: Carson's libgit2 checkout of a 1,000-commit repository against `git clone` of
// the same repository over the same transport (git:// from `git daemon` on loopback: a real
// network protocol, without HTTP server overhead on either side).

func gitRows() -> [String] {
  guard run(["git", "--version"]) == 0 else { return ["| git clone bench | SKIPPED: no git | |"] }
  let root = NSTemporaryDirectory() + "carson-git-bench-\(getpid())"
  defer { try? FileManager.default.removeItem(atPath: root) }
  let bare = root + "/served/project.git"
  guard makeHistory(at: bare, commits: 1000) else { return ["| git clone bench | SKIPPED: could not make the repository | |"] }
  let port = 19_000 + Int(getpid() % 1000)
  guard let daemon = try? InteractiveProcess(ProcessSpec(
    arguments: ["git", "daemon", "--reuseaddr", "--export-all", "--base-path=\(root)/served", "--listen=127.0.0.1", "--port=\(port)", "\(root)/served"],
    environment: ProcessInfo.processInfo.environment, workingDirectory: root))
  else { return ["| git clone bench | SKIPPED: git daemon did not start | |"] }
  defer { daemon.kill() }
  let url = "git://127.0.0.1:\(port)/project.git"
  var ready = false
  for _ in 0..<50 where !ready {
    ready = run(["git", "ls-remote", url]) == 0
    if !ready { usleep(100_000) }
  }
  guard ready else { return ["| git clone bench | SKIPPED: git daemon did not answer | |"] }

  var n = 0
  let gitSeconds = time(runs: 5) {
    n += 1
    _ = run(["git", "clone", "-q", url, "\(root)/git-\(n)"])
  }
  let carsonSeconds = time(runs: 5) {
    n += 1
    _ = try? GitRepository.checkout(CheckoutRequest(url: url), into: "\(root)/carson-\(n)")
  }
  let commits = (try? GitRepository.open("\(root)/carson-\(n)")?.commits(since: firstCommit(bare)).count) ?? 0
  return [
    "| clone of a 1,000-commit repository (git://, loopback): `git clone` | \(String(format: "%.0f", gitSeconds * 1000)) ms | baseline |",
    "| the same clone with Carson (libgit2 \(GitRepository.libraryVersion)) | \(String(format: "%.0f", carsonSeconds * 1000)) ms = \(String(format: "%.2f", carsonSeconds / gitSeconds))× git (\(commits + 1) commits checked) | comparable |",
  ]
}

/// A bare repository with `commits` commits on `main`, each changing one of 50 files, built
/// with `git fast-import` (fast, and the same history on every run).
func makeHistory(at bare: String, commits: Int) -> Bool {
  guard run(["git", "init", "-q", "--bare", "-b", "main", bare]) == 0 else { return false }
  var stream = ""
  for i in 1...commits {
    let message = "commit \(i)\n"
    let content = String(repeating: "line \(i) of file \(i % 50)\n", count: 20)
    stream += "commit refs/heads/main\nmark :\(i)\ncommitter Bench <bench@carson.invalid> \(1_700_000_000 + i * 60) +0000\n"
    stream += "data \(message.utf8.count)\n\(message)"
    if i > 1 { stream += "from :\(i - 1)\n" }
    stream += "M 100644 inline src/file\(i % 50).txt\ndata \(content.utf8.count)\n\(content)\n"
  }
  guard let importer = try? InteractiveProcess(ProcessSpec(
    arguments: ["git", "fast-import", "--quiet"], environment: ProcessInfo.processInfo.environment, workingDirectory: bare))
  else { return false }
  _ = importer.write(Array(stream.utf8))
  return importer.finish().status == 0
}

func firstCommit(_ bare: String) -> String? {
  let list = capture(["git", "-C", bare, "rev-list", "--max-parents=0", "main"]).trimmingCharacters(in: .whitespacesAndNewlines)
  return list.isEmpty ? nil : list
}
