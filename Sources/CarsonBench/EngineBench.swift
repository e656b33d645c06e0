import CarsonExec
import Foundation

// `carson run` benchmarks: each against a baseline measured by this same program on this same
// machine in the same minute (the machines are shared and noisy; ratios travel, raw numbers don't).

/// Median wall time of spawning `/bin/sh -c true` `count` times in a row, as a shell loop would.
func spawnLoopSeconds(count: Int, runs: Int) -> Double {
  median((0..<runs).map { _ in
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<count { _ = measureWallTime(["/bin/sh", "-c", "true"], runs: 1, warmUp: false) }
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  })
}

func engineRows(carson: String) -> [String] {
  var rows: [String] = []
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent("carson-bench-\(getpid())").path
  try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: directory) }
  func pipeline(_ name: String, _ stages: String) -> [String] {
    let file = directory + "/" + name + ".Jenkinsfile"
    try? "pipeline {\n  agent any\n  stages {\n\(stages)\n  }\n}\n".write(toFile: file, atomically: true, encoding: .utf8)
    return [carson, "run", file, "--log-format", "plain", "--state-dir", directory + "/state", "--job-name", name]
  }

  let echo = pipeline("echo", "    stage('A') { steps { echo 'hello' } }")
  let baseline = measureWallTime(["/bin/true"], runs: 30)
  rows.append(row("`carson run` of a one-`echo` pipeline, start to exit (wall)",
                  String(format: "%.1f ms (`/bin/true`: %.1f ms)", measureWallTime(echo, runs: 30) * 1000, baseline * 1000), "≤ 20 ms"))
  rows.append(row("peak RSS of that run", rssText(measurePeakRSS(echo)), "—"))

  let steps = pipeline("steps", "    stage('A') { steps { script { for (int i = 0; i < 500; i++) { sh 'true' } } } }")
  let carsonSteps = measureWallTime(steps, runs: 5)
  let loop = spawnLoopSeconds(count: 500, runs: 5)
  rows.append(row("500 `sh 'true'` steps vs 500 spawns of `sh -c true`",
                  String(format: "%.0f ms vs %.0f ms: %.2f×", carsonSteps * 1000, loop * 1000, carsonSteps / loop), "≤ 1.3×"))

  let branches = (1...16).map { "        stage('b\($0)') { steps { sh 'sleep 1' } }" }.joined(separator: "\n")
  let parallel = pipeline("parallel", "    stage('P') {\n      parallel {\n\(branches)\n      }\n    }")
  rows.append(row("16 parallel branches of `sh 'sleep 1'` (wall)", String(format: "%.2f s", measureWallTime(parallel, runs: 3)), "≤ 1.15 s"))

  // 1 GiB as 10,737,418 lines of 100 bytes.
  let generator = "head -c 1073741824 /dev/zero | tr '\\\\000' x | fold -w 99"
  let output = pipeline("output", "    stage('A') { steps { sh \"\(generator)\" } }")
  let viaCarson = measureWallTime(output, runs: 1)
  let viaCat = measureWallTime(["/bin/sh", "-c", "head -c 1073741824 /dev/zero | tr '\\000' x | fold -w 99 | cat"], runs: 1)
  let gib = 1073741824.0
  rows.append(row("a step printing 1 GiB (10.7 M lines), `--log-format plain` to /dev/null, vs `| cat`",
                  String(format: "%.0f MB/s vs %.0f MB/s: %.2f×", gib / viaCarson / 1e6, gib / viaCat / 1e6, viaCarson / viaCat), "—"))
  rows.append(row("peak RSS of that run", rssText(measurePeakRSS(output)), "≤ 64 MB"))
  return rows
}

/// Per-step cost in an agent container, against a raw `docker exec` loop on a container this
/// benchmark starts itself: Carson without its shell server (one `docker exec` per step) and
/// with it (steps after the first are a fork inside the container).
func dockerRows(carson: String) -> [String] {
  let image = "carson-test/busybox:latest"
  guard run(["docker", "image", "inspect", image]) == 0 else {
    print("SKIPPED Docker benchmarks: no engine or no \(image) (make docker-engine)")
    return []
  }
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent("carson-bench-docker-\(getpid())").path
  try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: directory) }
  let steps = 100
  func pipeline(_ name: String, steps: Int) -> String {
    let file = directory + "/\(name).Jenkinsfile"
    let body = "pipeline {\n  agent { docker '\(image)' }\n  stages { stage('A') { steps { script { for (int i = 0; i < \(steps); i++) { sh 'true' } } } } }\n}\n"
    try? body.write(toFile: file, atomically: true, encoding: .utf8)
    return file
  }
  let one = pipeline("one", steps: 1), many = pipeline("many", steps: steps + 1)
  func carsonPerStep(_ extra: [String]) -> Double {
    let arguments = { (file: String) in [carson, "run", file, "--log-format", "plain", "--state-dir", directory + "/state"] + extra }
    let base = measureWallTime(arguments(one), runs: 3)
    let total = measureWallTime(arguments(many), runs: 3)
    return (total - base) / Double(steps)
  }
  // The baseline: a container like Carson's, and `docker exec` in a loop.
  let container = capture(["docker", "run", "-t", "-d", image, "cat"]).trimmingCharacters(in: .whitespacesAndNewlines)
  defer { _ = run(["docker", "rm", "-f", container]) }
  let raw = median((0..<3).map { _ in
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<20 { _ = run(["docker", "exec", container, "true"]) }
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / 20
  })
  let withoutShim = carsonPerStep(["--no-shim"])
  let withShim = carsonPerStep([])
  return [
    row("raw `docker exec CONTAINER true`, per call", String(format: "%.1f ms", raw * 1000), "—"),
    row("`sh 'true'` in a docker agent without the shell server (`--no-shim`), per step", String(format: "%.1f ms: %.2f× docker exec", withoutShim * 1000, withoutShim / raw), "≤ 1.1×"),
    row("`sh 'true'` in a docker agent with the shell server, per step", String(format: "%.2f ms: %.3f× docker exec", withShim * 1000, withShim / raw), "≤ 0.1×"),
  ]
}

/// Exit status of a command (output discarded).
func run(_ arguments: [String]) -> Int32 {
  (try? ProcessRunner.capture(arguments))?.exit.status ?? -1
}

func capture(_ arguments: [String]) -> String {
  (try? ProcessRunner.capture(arguments))?.stdout ?? ""
}
