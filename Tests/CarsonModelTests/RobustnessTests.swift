import CarsonModel
import CarsonSyntax
import CarsonTestSupport
import Foundation
import Testing

/// A small deterministic generator (SplitMix64), so a failing mutation can be reproduced.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Bytes that matter most to the lexer and parser, so mutations hit interesting paths.
let interestingBytes: [UInt8] = Array("{}()[]'\"/$\\*\n;:,.=<>-+!?@#` \u{7F}".utf8) + [0x00, 0xC3, 0xE2, 0xFF]

func mutate(_ bytes: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
  var out = bytes
  let edits = Int.random(in: 1...4, using: &rng)
  for _ in 0..<edits {
    let position = out.isEmpty ? 0 : Int.random(in: 0..<out.count, using: &rng)
    let byte = Bool.random(using: &rng) ? interestingBytes.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
    switch Int.random(in: 0..<4, using: &rng) {
    case 0 where !out.isEmpty: out[position] = byte
    case 1 where !out.isEmpty: out.remove(at: position)
    case 2: out.insert(byte, at: position)
    default:
      if !out.isEmpty {
        let end = min(out.count, position + Int.random(in: 1...64, using: &rng))
        out.insert(contentsOf: out[position..<end], at: position)
      }
    }
  }
  return out
}

/// Per-input budget: generous (a file takes about a millisecond), it only catches hangs.
let perInputBudget = Duration.seconds(5)

@Suite struct RobustnessTests {
  /// Every truncation at a line boundary of every corpus file: no crash, no hang, and an error
  /// whenever the cut falls inside the pipeline block (the file is then unbalanced).
  @Test func truncationsAtEveryLineBoundary() async throws {
    guard SharedCorpus.root != nil else {
      print(SharedCorpus.skipMessage("robustness over the corpus"))
      return
    }
    let files = SharedCorpus.allJenkinsfiles
    let problems = await forEachInParallel(files) { relative -> [String] in
      guard let bytes = SharedCorpus.read(relative) else { return ["\(relative): unreadable"] }
      let full = Linter.check(SourceFile(path: relative, bytes: bytes))
      let pipelineRange = full.pipeline?.range
      var problems: [String] = []
      var cuts = [0]
      for (i, b) in bytes.enumerated() where b == 0x0A { cuts.append(i + 1) }
      for cut in cuts where cut < bytes.count {
        let clock = ContinuousClock()
        let start = clock.now
        let result = Linter.check(SourceFile(path: relative, bytes: Array(bytes[..<cut])))
        if clock.now - start > perInputBudget { problems.append("\(relative): cut at \(cut) took too long") }
        if let range = pipelineRange, cut > Int(range.start) + 8, cut < Int(range.end), !result.hasErrors {
          problems.append("\(relative): truncated at byte \(cut) inside the pipeline block but no error")
        }
      }
      return problems
    }
    #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.prefix(30).joined(separator: "\n"))")
  }

  /// 200 random byte mutations of every corpus file: no crash, no hang, and every diagnostic
  /// has a range inside the file.
  @Test func randomByteMutations() async throws {
    guard SharedCorpus.root != nil else {
      print(SharedCorpus.skipMessage("robustness over the corpus"))
      return
    }
    let files = SharedCorpus.allJenkinsfiles
    let problems = await forEachInParallel(files) { relative -> [String] in
      guard let bytes = SharedCorpus.read(relative) else { return ["\(relative): unreadable"] }
      var rng = SplitMix64(state: UInt64(truncatingIfNeeded: relative.hashValueStable))
      var problems: [String] = []
      for round in 0..<200 {
        let mutated = mutate(bytes, &rng)
        let clock = ContinuousClock()
        let start = clock.now
        let result = Linter.check(SourceFile(path: relative, bytes: mutated))
        if clock.now - start > perInputBudget { problems.append("\(relative): mutation \(round) took too long") }
        for d in result.diagnostics where d.range.end > UInt32(mutated.count) || d.range.start > d.range.end {
          problems.append("\(relative): mutation \(round): diagnostic range \(d.range) outside the file")
        }
      }
      return problems
    }
    #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.prefix(30).joined(separator: "\n"))")
  }

  @Test func hostileInputs() {
    let inputs: [String] = [
      "", "{", "}", "(((((", "\"${", "'''", "/*", "$/", "pipeline {", "pipeline", "pipeline { agent }",
      "pipeline { stages { stage { } } }", String(repeating: "\"${", count: 500), String(repeating: "[", count: 10_000),
      String(repeating: "a.", count: 10_000), String(repeating: "x = ", count: 5_000) + "1", String(repeating: "-", count: 20_000) + "1",
      "\u{0}\u{1}\u{2}", String(repeating: "a b ", count: 5000), "x = " + String(repeating: "1 + ", count: 20_000) + "1",
      "x = a" + String(repeating: "?.b", count: 20_000), String(repeating: "if (a) b() else ", count: 3000) + "c()",
      "pipeline { stages { stage('a') { steps { " + String(repeating: "timeout(1) { ", count: 400) + "} } } }",
    ]
    for input in inputs {
      let result = Linter.check(SourceFile(path: "hostile", text: input))
      for d in result.diagnostics {
        #expect(d.range.end <= UInt32(input.utf8.count))
      }
    }
  }
}

/// Runs `body` over `items` on all cores and collects the results.
func forEachInParallel(_ items: [String], _ body: @escaping @Sendable (String) -> [String]) async -> [String] {
  let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
  return await withTaskGroup(of: [String].self) { group in
    for worker in 0..<workers {
      group.addTask {
        var out: [String] = []
        for (i, item) in items.enumerated() where i % workers == worker { out += body(item) }
        return out
      }
    }
    var all: [String] = []
    for await part in group { all += part }
    return all
  }
}

extension String {
  /// A hash that is the same in every run (Swift's `hashValue` is seeded per process).
  var hashValueStable: UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in utf8 {
      hash ^= UInt64(b)
      hash = hash &* 0x100_0000_01b3
    }
    return hash
  }
}
