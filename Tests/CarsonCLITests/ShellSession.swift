import Foundation

/// A temporary directory holding one completion script, in which real shells (without any
/// user configuration) are asked what they would complete. Test code, so it may use Process.
/// The directory is removed with the session.
final class ShellSession {
  let directory: URL
  let scriptPath: String

  init(script: String, file: String) throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("carson-completion-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    scriptPath = directory.appendingPathComponent(file).path
    try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
  }

  deinit {
    try? FileManager.default.removeItem(at: directory)
  }

  static func has(_ program: String) -> Bool {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") }
  }

  /// Empty files (and their directories) below the session's directory.
  func makeFiles(_ paths: [String]) throws {
    for path in paths {
      let url = directory.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data().write(to: url)
    }
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Runs `arguments` in the directory, killed after a minute so a shell waiting for input
  /// fails the test instead of hanging it.
  func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["timeout", "60"] + arguments
    process.currentDirectoryURL = directory
    process.environment = [
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
      "HOME": directory.path, "LC_ALL": "C.UTF-8", "TERM": "dumb",
    ]
    let stdout = Pipe()
    let stderrURL = directory.appendingPathComponent(".stderr")
    _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
    let stderr = try FileHandle(forWritingTo: stderrURL)
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try stderr.close()
    let errors = try String(contentsOf: stderrURL, encoding: .utf8)
    return (process.terminationStatus, String(decoding: output, as: UTF8.self), errors)
  }

  private func succeeding(_ arguments: [String]) throws -> String {
    let result = try run(arguments)
    guard result.status == 0 else {
      throw Failure(description: "\(arguments[0]) exited with \(result.status): \(result.stderr)")
    }
    return result.stdout
  }

  /// COMPREPLY after bash's completion function ran on `words`, the last being completed.
  func bash(_ words: [String]) throws -> [String] {
    let program = """
      source "$1"; shift
      COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
      _carson
      for reply in "${COMPREPLY[@]}"; do printf '%s\\0' "$reply"; done
      """
    let output = try succeeding(["bash", "--norc", "--noprofile", "-c", program, "bash", scriptPath] + words)
    return output.split(separator: "\0", omittingEmptySubsequences: false).dropLast().map(String.init)
  }

  /// What fish offers for `line` (its `complete -C`), without the descriptions.
  func fish(_ line: String) throws -> [String] {
    let output = try succeeding([
      "fish", "--no-config", "-c", "source $argv[1]; complete -C $argv[2]", scriptPath, line,
    ])
    return output.split(separator: "\n").map { String($0.prefix { $0 != "\t" }) }
  }

  /// The matches zsh's completion system adds when TAB is pressed after `line` in an
  /// interactive zsh on a pseudo-terminal, the script's directory on fpath and compinit run.
  /// `compadd` is wrapped to print what it adds; each match once, in the order added.
  func zsh(_ line: String) throws -> [String] {
    let driver = directory.appendingPathComponent(".drive.zsh").path
    try Self.zshDriver.write(toFile: driver, atomically: true, encoding: .utf8)
    let output = try succeeding(["zsh", "-f", driver, directory.path, line])
    var seen: Set<String> = []
    return output.split(separator: "\n").map(String.init).filter { seen.insert($0).inserted }
  }

  /// The markers are spelled in two pieces so the typed definitions echoed by the terminal
  /// cannot be mistaken for output.
  private static let zshDriver = #"""
    zmodload zsh/zpty
    zpty shell zsh -f -i
    zpty -w shell "PS1=''; fpath=(${(q)1} \$fpath); autoload -Uz compinit; compinit -u -d ${(q)1}/.zcompdump"
    zpty -w shell 'compadd() { if [[ "$*" == *-[OAD]* ]]; then builtin compadd "$@"; return; fi; local -a added; builtin compadd -A added "$@"; print -rl -- "MAT""CH:"${^added}; builtin compadd "$@"; }'
    zpty -w shell '_carson_test_done() { print -r -- "END-OF""-MATCHES"; }; comppostfuncs=(_carson_test_done)'
    zpty -w shell 'zstyle ":completion:*" insert-tab false'
    zpty -n -w shell "$2"$'\t'
    local line
    while zpty -r shell line; do
      line=${line//$'\r'/}
      [[ $line == *END-OF-MATCHES* ]] && break
      [[ $line == *MATCH:* ]] && print -r -- ${(Q)${${line##*MATCH:}%$'\n'}}
    done
    zpty -d shell
    """#
}
