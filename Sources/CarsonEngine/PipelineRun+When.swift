import CarsonExec
import CarsonGit
import CarsonGroovy
import CarsonModel
import CarsonSyntax
import Foundation

// `when` conditions, each reported with the values that decided it.

extension PipelineRun {
  /// All top-level conditions must hold (an implicit `allOf`); evaluation stops at the first false.
  func evaluateWhen(_ when: When, _ context: BranchContext) throws -> Bool {
    for condition in when.conditions {
      let (result, detail) = try evaluateCondition(condition, context)
      hub.emit(.whenEvaluated(path: context.path, condition: lint.source.text(condition.range), result: result, detail: detail))
      if !result { return false }
    }
    return true
  }

  func evaluateCondition(_ condition: WhenCondition, _ context: BranchContext) throws -> (Bool, String) {
    func argument(_ name: String) throws -> GValue? {
      if let value = condition.arguments.value(named: name, soleParameter: Catalogue.whenCondition(condition.name)?.soleRequiredParameter?.name)?.asValue {
        return try evaluate(value, context)
      }
      return nil
    }
    func text(_ name: String) throws -> String? { try argument(name).map(Groovy.string) }
    func comparator(_ fallback: Comparator) throws -> Comparator { Comparator(try text("comparator")) ?? fallback }
    func env(_ name: String) -> String { context.variable(name) ?? "" }

    switch condition.name {
    case "branch":
      let pattern = try text("pattern") ?? ""
      var branch = env("BRANCH_NAME")
      if branch.isEmpty { branch = env("GIT_LOCAL_BRANCH") }
      let result: Bool
      if pattern.isEmpty && branch.isEmpty {
        result = true
      } else if pattern.isEmpty || branch.isEmpty {
        result = false
      } else {
        result = try comparator(.glob).matches(pattern, branch)
      }
      return (result, "BRANCH_NAME=\(branch.isEmpty ? "(unset)" : branch)")
    case "buildingTag":
      return (!env("TAG_NAME").isEmpty, "TAG_NAME=\(env("TAG_NAME").isEmpty ? "(unset)" : env("TAG_NAME"))")
    case "tag":
      let tag = env("TAG_NAME")
      let pattern = try text("pattern") ?? ""
      var result = !tag.isEmpty
      if result && !pattern.isEmpty { result = try comparator(.glob).matches(pattern, tag) }
      return (result, "TAG_NAME=\(tag.isEmpty ? "(unset)" : tag)")
    case "changeRequest":
      let id = env("CHANGE_ID")
      guard !id.isEmpty else { return (false, "CHANGE_ID=(unset)") }
      let compare = try comparator(.equals)
      let attributes = [
        ("id", "CHANGE_ID"), ("target", "CHANGE_TARGET"), ("branch", "CHANGE_BRANCH"), ("fork", "CHANGE_FORK"),
        ("title", "CHANGE_TITLE"), ("author", "CHANGE_AUTHOR"), ("authorDisplayName", "CHANGE_AUTHOR_DISPLAY_NAME"),
        ("authorEmail", "CHANGE_AUTHOR_EMAIL"),
      ]
      for (parameter, variable) in attributes {
        guard let expected = try text(parameter) else { continue }
        if !(try compare.matches(expected, env(variable))) { return (false, "\(variable)=\(env(variable))") }
      }
      return (true, "CHANGE_ID=\(id)")
    case "environment":
      let name = try text("name") ?? ""
      let expected = try text("value") ?? ""
      let actual = env(name)
      let ignoreCase = Groovy.truthy(try argument("ignoreCase") ?? .bool(false))
      let result = ignoreCase ? actual.lowercased() == expected.lowercased() : actual == expected
      return (result, "\(name)=\(actual.isEmpty ? "(unset)" : actual)")
    case "equals":
      let expected = try argument("expected") ?? .null
      let actual = try argument("actual") ?? .null
      return (Groovy.equals(expected, actual), "expected=\(Groovy.string(expected)), actual=\(Groovy.string(actual))")
    case "expression":
      guard let script = condition.script else { return (false, "no expression") }
      let value = try interpreter.runBody(script.statements, in: Scope(parent: pipelineScope()), context)
      return (Groovy.truthy(value), "expression returned \(Groovy.string(value))")
    case "not":
      guard let child = condition.children.first else { return (false, "") }
      let (result, detail) = try evaluateCondition(child, context)
      return (!result, detail)
    case "allOf":
      var details: [String] = []
      for child in condition.children {
        let (result, detail) = try evaluateCondition(child, context)
        details.append(detail)
        if !result { return (false, details.joined(separator: "; ")) }
      }
      return (true, details.joined(separator: "; "))
    case "anyOf":
      var details: [String] = []
      for child in condition.children {
        let (result, detail) = try evaluateCondition(child, context)
        details.append(detail)
        if result { return (true, details.joined(separator: "; ")) }
      }
      return (false, details.joined(separator: "; "))
    case "triggeredBy":
      let cause = try text("cause") ?? ""
      let detail = try text("detail")
      let matched = options.causes.contains { $0.matches(cause, detail: detail) }
      return (matched, "causes=\(options.causes.map { $0.simpleName + ($0.userID.map { "(\($0))" } ?? "") }.joined(separator: ","))")
    case "isRestartedRun":
      return (false, "not a restarted run")
    case "changelog", "changeset":
      let changes: [(message: String, paths: [String])]
      do {
        changes = try (GitRepository.open(sourceDirectory)?.commits(since: previous.lastCommit) ?? []).map { ($0.commit.message, $0.paths) }
      } catch let error as GitError {
        throw StepFailure("when { \(condition.name) }: \(error)")
      }
      if changes.isEmpty {
        context.log(previous.lastCommit == nil ? "Warning, empty changelog. Probably because this is the first build." : "Warning, empty changelog. Have you run checkout?")
        return (false, "no changes")
      }
      let pattern = try text("pattern") ?? ""
      if condition.name == "changelog" {
        let regex = try PatternRegex(pattern)
        let hit = changes.contains { commit in regex.matches(commit.message) || commit.message.split(separator: "\n").contains { regex.matches(String($0)) } }
        return (hit, "\(changes.count) commit(s)")
      }
      let caseSensitive = Groovy.truthy(try argument("caseSensitive") ?? .bool(false))
      let compare = try comparator(.glob)
      let hit = try changes.contains { commit in try commit.paths.contains { try compare.matches(pattern, $0, caseSensitive: caseSensitive) } }
      return (hit, "\(changes.reduce(0) { $0 + $1.paths.count }) changed path(s)")
    default:
      throw StepFailure("Carson does not support the when condition '\(condition.name)'")
    }
  }
}

/// Jenkins' comparators for `branch`, `tag`, `changeRequest`, `changeset`.
enum Comparator {
  case glob, regexp, equals

  init?(_ name: String?) {
    switch name?.uppercased() {
    case "GLOB": self = .glob
    case "REGEXP": self = .regexp
    case "EQUALS": self = .equals
    default: return nil
    }
  }

  func matches(_ pattern: String, _ value: String, caseSensitive: Bool = false) throws -> Bool {
    switch self {
    case .equals: return pattern == value
    case .regexp: return try PatternRegex(pattern).matchesWhole(value)
    case .glob: return try PatternRegex(Comparator.globRegex(pattern), caseInsensitive: !caseSensitive).matchesWhole(value)
    }
  }

  /// Ant-style patterns: `**` any path, `*` within a path segment, `?` one character.
  static func globRegex(_ glob: String) -> String {
    var out = ""
    var chars = Array(glob)[...]
    while let c = chars.first {
      chars = chars.dropFirst()
      switch c {
      case "*":
        if chars.first == "*" {
          chars = chars.dropFirst()
          if chars.first == "/" {
            chars = chars.dropFirst()
            out += "(?:.*/)?"
          } else {
            out += ".*"
          }
        } else {
          out += "[^/]*"
        }
      case "?": out += "[^/]"
      default: out += NSRegularExpression.escapedPattern(for: String(c))
      }
    }
    return out
  }
}

struct PatternRegex {
  let regex: NSRegularExpression

  init(_ pattern: String, caseInsensitive: Bool = false) throws {
    do {
      regex = try NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
    } catch {
      throw StepFailure("\"\(pattern)\" is not a valid regular expression")
    }
  }

  func matches(_ text: String) -> Bool {
    regex.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) != nil
  }

  func matchesWhole(_ text: String) -> Bool {
    let length = (text as NSString).length
    guard let match = regex.firstMatch(in: text, options: [.anchored], range: NSRange(location: 0, length: length)) else { return false }
    return match.range.length == length
  }
}
