/// A small argument parser: each command declares its options and positional arguments; argv
/// is checked against that declaration, and every misuse becomes one `UsageError` rendered by
/// one function (exit code 64), with a "did you mean" suggestion where one is close.
public struct OptionSpec: Sendable {
  /// Spellings, long form first: `["--format", "-f"]`.
  public var names: [String]
  /// Placeholder for the value (`FORMAT`); nil for a flag.
  public var valueName: String?
  /// Accepted values, checked when given.
  public var allowedValues: [String]?
  public var help: String
  public var repeatable: Bool

  public init(_ names: [String], value: String? = nil, allowed: [String]? = nil, repeatable: Bool = false, help: String) {
    self.names = names
    self.valueName = value
    self.allowedValues = allowed
    self.help = help
    self.repeatable = repeatable
  }

  public var key: String { names[0] }
  public var takesValue: Bool { valueName != nil }
}

public struct CommandSpec: Sendable {
  public var name: String
  public var summary: String
  /// The argument part of the usage line: `[--format FORMAT] [PATH ...]`.
  public var usage: String
  public var options: [OptionSpec]
  /// Name and help of positional arguments, for the help screen.
  public var positionals: [(name: String, help: String)]
  public var maxPositionals: Int?
  /// The words a positional argument can be, for shell completion; nil means file names.
  public var positionalValues: [String]?
  public var discussion: String?

  public init(
    name: String, summary: String, usage: String, options: [OptionSpec], positionals: [(name: String, help: String)] = [],
    maxPositionals: Int? = nil, positionalValues: [String]? = nil, discussion: String? = nil
  ) {
    self.name = name
    self.summary = summary
    self.usage = usage
    self.options = options
    self.positionals = positionals
    self.maxPositionals = maxPositionals
    self.positionalValues = positionalValues
    self.discussion = discussion
  }
}

public struct ParsedArguments: Sendable {
  public var values: [String: [String]] = [:]
  public var flags: Set<String> = []
  public var positionals: [String] = []
  public var wantsHelp = false

  public func value(_ key: String) -> String? { values[key]?.last }
  public func all(_ key: String) -> [String] { values[key] ?? [] }
  public func flag(_ key: String) -> Bool { flags.contains(key) }
}

public enum UsageError: Error, Equatable, Sendable {
  case unknownCommand(String, suggestion: String?)
  case unknownOption(String, command: String, suggestion: String?)
  case missingValue(option: String, command: String)
  case invalidValue(option: String, value: String, allowed: [String], command: String)
  case unexpectedArgument(String, command: String)
  case repeatedOption(String, command: String)
  case missingArgument(String, command: String)
  case invalid(String, command: String)

  /// The message printed after `carson: error: `.
  public var message: String {
    switch self {
    case .unknownCommand(let name, let suggestion):
      return "unknown command '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
    case .unknownOption(let option, _, let suggestion):
      return "unknown option '\(option)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
    case .missingValue(let option, _):
      return "option '\(option)' needs a value"
    case .invalidValue(let option, let value, let allowed, _):
      return "invalid value '\(value)' for '\(option)'; expected one of: \(allowed.joined(separator: ", "))"
    case .unexpectedArgument(let argument, _):
      return "unexpected argument '\(argument)'"
    case .repeatedOption(let option, _):
      return "option '\(option)' given more than once"
    case .missingArgument(let name, _):
      return "missing argument \(name)"
    case .invalid(let message, _):
      return message
    }
  }

  /// The command whose help the user should read.
  public var command: String? {
    switch self {
    case .unknownCommand: return nil
    case .unknownOption(_, let c, _), .missingValue(_, let c), .invalidValue(_, _, _, let c), .unexpectedArgument(_, let c),
      .repeatedOption(_, let c), .missingArgument(_, let c), .invalid(_, let c):
      return c
    }
  }
}

enum ArgumentParser {
  static let helpNames: Set<String> = ["-h", "--help"]

  static func parse(_ argv: [String], for spec: CommandSpec) throws(UsageError) -> ParsedArguments {
    var parsed = ParsedArguments()
    var index = 0
    var onlyPositionals = false
    func find(_ name: String) -> OptionSpec? { spec.options.first { $0.names.contains(name) } }

    while index < argv.count {
      let argument = argv[index]
      index += 1
      if onlyPositionals || argument == "-" || !argument.hasPrefix("-") {
        parsed.positionals.append(argument)
        continue
      }
      if argument == "--" {
        onlyPositionals = true
        continue
      }
      if helpNames.contains(argument) {
        parsed.wantsHelp = true
        continue
      }
      var name = argument
      var inlineValue: String?
      if argument.hasPrefix("--"), let eq = argument.firstIndex(of: "=") {
        name = String(argument[..<eq])
        inlineValue = String(argument[argument.index(after: eq)...])
      }
      guard let option = find(name) else {
        let candidates = spec.options.flatMap(\.names) + ["--help"]
        throw .unknownOption(name, command: spec.name, suggestion: suggestion(for: name, in: candidates))
      }
      if !option.repeatable && (parsed.values[option.key] != nil || parsed.flags.contains(option.key)) {
        throw .repeatedOption(name, command: spec.name)
      }
      guard option.takesValue else {
        if inlineValue != nil { throw .invalid("option '\(name)' does not take a value", command: spec.name) }
        parsed.flags.insert(option.key)
        continue
      }
      let value: String
      if let inlineValue {
        value = inlineValue
      } else {
        guard index < argv.count else { throw .missingValue(option: name, command: spec.name) }
        value = argv[index]
        index += 1
      }
      if let allowed = option.allowedValues, !allowed.contains(value) {
        throw .invalidValue(option: name, value: value, allowed: allowed, command: spec.name)
      }
      parsed.values[option.key, default: []].append(value)
    }
    if let max = spec.maxPositionals, parsed.positionals.count > max, !parsed.wantsHelp {
      throw .unexpectedArgument(parsed.positionals[max], command: spec.name)
    }
    return parsed
  }

  /// The closest spelling within a small edit distance, for "did you mean".
  static func suggestion(for word: String, in candidates: [String]) -> String? {
    var best: (String, Int)?
    for candidate in candidates {
      let d = levenshtein(word, candidate)
      if d <= max(2, word.count / 3), best == nil || d < best!.1 { best = (candidate, d) }
    }
    return best?.0
  }

  static func levenshtein(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + [Int](repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }

  /// The help screen of a command (checked against golden files in tests).
  static func help(for spec: CommandSpec) -> String {
    var out = "OVERVIEW: \(spec.summary)\n\nUSAGE: carson \(spec.name) \(spec.usage)\n"
    if !spec.positionals.isEmpty {
      out += "\nARGUMENTS:\n"
      for (name, help) in spec.positionals { out += formatRow(name, help) }
    }
    out += "\nOPTIONS:\n"
    for option in spec.options {
      var left = option.names.reversed().joined(separator: ", ")
      if let value = option.valueName { left += " \(value)" }
      out += formatRow(left, option.help)
    }
    out += formatRow("-h, --help", "Show help information.")
    if let discussion = spec.discussion { out += "\n" + discussion + "\n" }
    return out
  }

  static func formatRow(_ left: String, _ help: String) -> String {
    let width = 24
    let prefix = "  " + left
    if prefix.count < width {
      return prefix + String(repeating: " ", count: width - prefix.count) + help + "\n"
    }
    return prefix + "\n" + String(repeating: " ", count: width) + help + "\n"
  }
}
