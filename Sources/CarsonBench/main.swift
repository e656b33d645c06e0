import CarsonModel
import CarsonSyntax
import Foundation

// `make bench`: lint throughput, peak memory and cold start of the `carson` binary, the latency
// of `carson lsp` (LSPBench.swift) and the costs of `carson run` (EngineBench.swift).
// Every number is the median of several runs in this process or this script, so results on a
// shared, noisy machine stay comparable; process-level costs are reported next to a baseline
// measured the same way (`/bin/true`).

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let shared = ProcessInfo.processInfo.environment["CARSON_SHARED"].map { URL(fileURLWithPath: $0) }
  ?? repository.deletingLastPathComponent().appendingPathComponent("shared")
let carsonBinary = repository.appendingPathComponent(".build/release/carson").path

func files(in folder: URL) -> [(String, [UInt8])] {
  let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
  return names.filter { $0.hasSuffix(".groovy") }.sorted().compactMap { name in
    FileManager.default.contents(atPath: folder.appendingPathComponent(name).path).map { (name, Array($0)) }
  }
}

func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

/// Seconds taken by `body`, median of `runs` after one warm-up.
func time(runs: Int, _ body: () -> Void) -> Double {
  body()
  var samples: [Double] = []
  for _ in 0..<runs {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }
  return median(samples)
}

/// A large declarative pipeline made of realistic stages.
func syntheticJenkinsfile(minimumBytes: Int) -> [UInt8] {
  var text = "pipeline {\n  agent any\n  environment {\n    APP = 'bench'\n  }\n  stages {\n"
  var i = 0
  while text.utf8.count < minimumBytes {
    text += """
        stage('Stage \(i)') {
          when { anyOf { branch 'main'; expression { return params.ALL ?: env.BRANCH_NAME ==~ /release-\\d+/ } } }
          environment { STEP_\(i) = "${APP}-\(i)" }
          steps {
            sh "make target-\(i) VERSION=${env.BUILD_NUMBER}"
            script {
              def items = ['a', 'b', 'c'].collect { it.toUpperCase() }
              for (item in items) { echo "item ${item} of \(i)" }
            }
            timeout(time: 5, unit: 'MINUTES') { retry(2) { echo 'retrying' } }
          }
          post { failure { echo "stage \(i) failed" } }
        }

    """
    i += 1
  }
  text += "  }\n}\n"
  return Array(text.utf8)
}

/// Median wall time of running `arguments` as a process (posix_spawn + wait4).
func measureWallTime(_ arguments: [String], runs: Int, warmUp: Bool = true) -> Double {
  var samples: [Double] = []
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  defer { posix_spawn_file_actions_destroy(&actions) }
  let first = warmUp ? 1 : 0
  for run in 0..<runs + first {
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var pid: pid_t = 0
    let start = DispatchTime.now().uptimeNanoseconds
    guard posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ) == 0 else { return 0 }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    if run >= first { samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) }
  }
  return median(samples)
}

/// Peak RSS in KiB, read with GNU time: a child spawned from this (large) process would
/// inherit this process's high-water mark in its own rusage, so the measurement goes through
/// a small intermediate process.
func measurePeakRSS(_ arguments: [String]) -> Int? {
  guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { return nil }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
  process.arguments = ["-f", "%M"] + arguments
  let errors = Pipe()
  process.standardOutput = FileHandle.nullDevice
  process.standardError = errors
  guard (try? process.run()) != nil else { return nil }
  let data = errors.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return String(decoding: data, as: UTF8.self).split(separator: "\n").last.flatMap { Int($0) }
}

func rssText(_ kib: Int?) -> String {
  kib.map { String(format: "%.1f MiB", Double($0) / 1024) } ?? "n/a (needs /usr/bin/time)"
}

func row(_ name: String, _ value: String, _ target: String) -> String {
  "| \(name) | \(value) | \(target) |"
}

/// `--only lint,lsp,git,process`: run only those groups of rows (default: all). `process` is
/// the spawned-binary rows (cold lint, peak RSS, `carson run`, Docker); `git` the clone rows.
let groups: Set<String> = {
  let arguments = CommandLine.arguments
  guard let flag = arguments.firstIndex(of: "--only"), flag + 1 < arguments.count else { return ["lint", "lsp", "git", "process"] }
  return Set(arguments[flag + 1].split(separator: ",").map(String.init))
}()

/// `--profile-lint N`: only run `Linter.check` N times on the LSP rows' file, for a profiler.
if let flag = CommandLine.arguments.firstIndex(of: "--profile-lint"), flag + 1 < CommandLine.arguments.count {
  let source = SourceFile(path: "bench", text: lspBenchText())
  var diagnostics = 0
  for _ in 0..<(Int(CommandLine.arguments[flag + 1]) ?? 1) { diagnostics += Linter.check(source).diagnostics.count }
  print("\(diagnostics) diagnostics")
  exit(0)
}

var rows: [String] = []
let realworld = files(in: shared.appendingPathComponent("realworld/files")) + files(in: shared.appendingPathComponent("realworld/scripted"))
let sources = realworld.map { SourceFile(path: $0.0, bytes: $0.1) }
let corpusBytes = realworld.reduce(0) { $0 + $1.1.count }

if groups.contains("lint") && sources.isEmpty {
  print("SKIPPED corpus benchmarks: \(shared.path)/realworld not found (set CARSON_SHARED)")
} else if groups.contains("lint") {
  var errors = 0
  let corpusSeconds = time(runs: 15) {
    errors = 0
    for source in sources where Linter.check(source).hasErrors { errors += 1 }
  }
  rows.append(row("real-world corpus, \(sources.count) files, \(corpusBytes / 1024) KiB, one process", String(format: "%.1f ms", corpusSeconds * 1000), "≤ 50 ms"))
  rows.append(row("real-world corpus throughput", String(format: "%.0f MB/s, %.0f files/s", Double(corpusBytes) / corpusSeconds / 1e6, Double(sources.count) / corpusSeconds), "≥ 100 MB/s"))
  let lexSeconds = time(runs: 15) { for source in sources { _ = Lexer.tokenize(source.bytes) } }
  rows.append(row("  of which lexing", String(format: "%.0f MB/s", Double(corpusBytes) / lexSeconds / 1e6), "—"))
  let parseSeconds = time(runs: 15) { for source in sources { _ = SyntaxTree.parse(source) } }
  rows.append(row("  lexing + parsing (no validation)", String(format: "%.0f MB/s", Double(corpusBytes) / parseSeconds / 1e6), "—"))
}

if groups.contains("lint") {
  let synthetic = SourceFile(path: "synthetic", bytes: syntheticJenkinsfile(minimumBytes: 1 << 20))
  var syntheticErrors = false
  let syntheticSeconds = time(runs: 7) { syntheticErrors = Linter.check(synthetic).hasErrors }
  rows.append(
    row(
      "synthetic file, \(synthetic.bytes.count / 1024) KiB, \(synthetic.lines.count) lines\(syntheticErrors ? " (has errors!)" : "")",
      String(format: "%.1f ms, %.0f MB/s", syntheticSeconds * 1000, Double(synthetic.bytes.count) / syntheticSeconds / 1e6), "≥ 100 MB/s"))
}

if groups.contains("lsp") {
  rows.append("| **Language server** | | |")
  rows += lspRows()
}

if groups.contains("git") {
  rows.append("| **Git** | | |")
  rows += gitRows()
}

if !groups.contains("process") {
  // Only the in-process rows were asked for.
} else if FileManager.default.isExecutableFile(atPath: carsonBinary) {
  let demo = repository.appendingPathComponent("fixtures/demo/Jenkinsfile").path
  let baseline = measureWallTime(["/bin/true"], runs: 30)
  let cold = measureWallTime([carsonBinary, "lint", demo], runs: 30)
  rows.append(row("cold `carson lint` of one file (wall)", String(format: "%.1f ms (`/bin/true`: %.1f ms)", cold * 1000, baseline * 1000), "≤ 5 ms"))
  rows.append(row("peak RSS of `carson lint` of one file", rssText(measurePeakRSS([carsonBinary, "lint", demo])), "—"))
  if !sources.isEmpty {
    let paths = ["files", "scripted"].flatMap { folder in
      realworld.map { shared.appendingPathComponent("realworld/\(folder)/\($0.0)").path }
    }.filter { FileManager.default.fileExists(atPath: $0) }
    let whole = measureWallTime([carsonBinary, "lint", "--format", "json"] + paths, runs: 5)
    rows.append(row("`carson lint` of the whole real-world corpus (wall)", String(format: "%.1f ms", whole * 1000), "—"))
    rows.append(row("peak RSS of `carson lint` on the whole corpus", rssText(measurePeakRSS([carsonBinary, "lint", "--format", "json"] + paths)), "≤ 30 MB"))
  }
  rows.append("| **`carson run`** | | |")
  rows += engineRows(carson: carsonBinary)
  rows.append("| **Docker agents** | | |")
  rows += dockerRows(carson: carsonBinary)
} else {
  print("SKIPPED process benchmarks: \(carsonBinary) not built (make bench builds it)")
}

print("| measurement | result | target |")
print("| --- | --- | --- |")
for line in rows { print(line) }
