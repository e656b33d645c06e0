/// `--tool TYPE=NAME` (repeatable), shared by `lint` and `serve-validate`: the tool installations
/// a Jenkins would have configured, which turn on the tool-name check.
enum ToolOption {
  static let spec = OptionSpec(
    ["--tool"], value: "TYPE=NAME", repeatable: true,
    help: "A configured tool installation (e.g. maven=apache-maven-3.9); enables the tool-name check.")

  /// Installations by tool type, nil when none were given; the value that is not `TYPE=NAME`
  /// is thrown back.
  static func parse(_ values: [String]) throws(InvalidValue) -> [String: [String]]? {
    var tools: [String: [String]] = [:]
    for tool in values {
      guard let eq = tool.firstIndex(of: "="), eq != tool.startIndex else { throw InvalidValue(value: tool) }
      tools[String(tool[..<eq]), default: []].append(String(tool[tool.index(after: eq)...]))
    }
    return tools.isEmpty ? nil : tools
  }

  struct InvalidValue: Error {
    var value: String

    /// What `carson COMMAND` prints for it.
    func usageText(command: String) -> String {
      "carson: error: --tool expects TYPE=NAME, got '\(value)'\nSee 'carson \(command) --help'.\n"
    }
  }
}
