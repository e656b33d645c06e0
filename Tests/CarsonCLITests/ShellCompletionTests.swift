import Foundation
import Testing

@testable import CarsonCLI

/// `carson completion`: the generated scripts are loaded into real shells, which are asked for
/// completions the way they ask when TAB is pressed; the answers are compared with the specs.
@Suite struct ShellCompletionTests {
  // MARK: - The command

  @Test func missingOrUnknownShellIsMisuseNamingTheChoices() {
    let missing = carson(["completion"])
    #expect(missing.code == 64)
    #expect(missing.stderr.hasPrefix("carson: error: missing argument SHELL; expected one of: bash, zsh, fish\n"))
    let unknown = carson(["completion", "tcsh"])
    #expect(unknown.code == 64)
    #expect(unknown.stderr.hasPrefix("carson: error: unknown shell 'tcsh'; expected one of: bash, zsh, fish\n"))
    #expect(unknown.stdout.isEmpty)
    #expect(carson(["completion", "bash", "zsh"]).code == 64)
  }

  // MARK: - bash

  @Test func bashCompletesCommandNamesAndTopLevelOptions() throws {
    let shell = try ShellSession(script: carson(["completion", "bash"]).stdout, file: "carson.bash")
    #expect(try shell.bash(["carson", "li"]) == ["lint"])
    #expect(try shell.bash(["carson", "se"]) == ["serve-validate"])
    let all = CarsonCommand.commands.map(\.spec.name) + ["help", "--version", "--help", "-h"]
    #expect(try shell.bash(["carson", ""]) == all)
    #expect(try shell.bash(["carson", "help", "l"]) == ["lint", "lsp"])
    #expect(try shell.bash(["carson", "completion", ""]) == ["bash", "zsh", "fish"])
  }

  @Test func bashCompletesEachCommandsOptionsFromItsSpec() throws {
    let shell = try ShellSession(script: carson(["completion", "bash"]).stdout, file: "carson.bash")
    #expect(try shell.bash(["carson", "lint", "--for"]) == ["--format"])
    for (spec, _) in CarsonCommand.commands {
      let expected = spec.options.flatMap(\.names) + ["--help", "-h"]
      #expect(try shell.bash(["carson", spec.name, "-"]) == expected, "carson \(spec.name) -<TAB>")
    }
    // Commands without positional arguments offer their options on an empty word too.
    #expect(try shell.bash(["carson", "cleanup", ""]) == ["--all", "--dry-run", "--help", "-h"])
  }

  @Test func bashCompletesAllowedValuesAfterTheOptionOrItsEqualsSign() throws {
    let shell = try ShellSession(script: carson(["completion", "bash"]).stdout, file: "carson.bash")
    #expect(try shell.bash(["carson", "lint", "--format", ""]) == LintCommand.formats)
    #expect(try shell.bash(["carson", "lint", "-f", "s"]) == ["sarif"])
    #expect(try shell.bash(["carson", "run", "--log-format", "j"]) == ["jenkins", "json"])
    // With '=' in COMP_WORDBREAKS (bash's default), '--log-format=j' arrives as three words.
    #expect(try shell.bash(["carson", "run", "--log-format", "=", "j"]) == ["jenkins", "json"])
    #expect(try shell.bash(["carson", "run", "--log-format", "="]) == ["console", "plain", "jenkins", "json"])
    #expect(try shell.bash(["carson", "run", "--input", "a"]) == ["approve", "abort"])
    // Free-text values (a stage name, NAME=VALUE) have nothing to offer, not options or files.
    #expect(try shell.bash(["carson", "run", "--stage", ""]) == [])
    #expect(try shell.bash(["carson", "lint", "--tool", "-"]) == [])
  }

  @Test func bashCompletesFileNamesForPositionalsAndFileOptions() throws {
    let shell = try ShellSession(script: carson(["completion", "bash"]).stdout, file: "carson.bash")
    try shell.makeFiles(["Jenkinsfile", "Jenkins file.groovy", "jobs/Jenkinsfile"])
    #expect(try shell.bash(["carson", "lint", "Jen"]) == ["Jenkins file.groovy", "Jenkinsfile"])
    #expect(try shell.bash(["carson", "run", "--events", "j"]) == ["jobs"])
    #expect(try shell.bash(["carson", "run", "--workspace", ""]) == ["jobs"])
    #expect(try shell.bash(["carson", "run", "--input", "J"]) == ["Jenkins file.groovy", "Jenkinsfile"])
    #expect(try shell.bash(["carson", "lsp", ""]) == ["--help", "-h"])
  }

  @Test func anOptionAddedToASpecCompletesWithoutTouchingTheGenerators() throws {
    var lint = LintCommand.spec
    lint.options.append(OptionSpec(["--baseline", "-b"], value: "FILE", help: "A baseline."))
    lint.options.append(OptionSpec(["--level"], value: "LEVEL", allowed: ["low", "high"], help: "A level."))
    let shell = try ShellSession(script: CompletionScript.script(for: .bash, commands: [lint]), file: "carson.bash")
    try shell.makeFiles(["base.json"])
    #expect(try shell.bash(["carson", "lint", "--ba"]) == ["--baseline"])
    #expect(try shell.bash(["carson", "lint", "--level", ""]) == ["low", "high"])
    #expect(try shell.bash(["carson", "lint", "-b", "b"]) == ["base.json"])
  }

  /// Values with quotes, spaces and `$(…)` come back verbatim and run nothing, in every shell.
  static let awkwardSpec = CommandSpec(
    name: "odd", summary: "Summary: with 'quotes', [brackets] and $HOME.", usage: "",
    options: [
      OptionSpec(
        ["--pick"], value: "A:B", allowed: ["it's", "a b", "$(touch pwned)", #"back\slash"#],
        help: "Help with ] and : and 'quotes' and `ticks`.")
    ], maxPositionals: 0)

  @Test func bashQuotesWhatItEmits() throws {
    let shell = try ShellSession(
      script: CompletionScript.script(for: .bash, commands: [Self.awkwardSpec]), file: "carson.bash")
    #expect(try shell.bash(["carson", "odd", "--pick", ""]) == ["it's", "a b", "$(touch pwned)", #"back\slash"#])
    #expect(try shell.bash(["carson", "odd", "--pick", "it"]) == ["it's"])
    #expect(!FileManager.default.fileExists(atPath: shell.directory.appendingPathComponent("pwned").path))
  }

  // MARK: - zsh

  @Test(
    .enabled(if: ShellSession.has("zsh"), "zsh is not installed (make deps installs it): zsh completion NOT checked"))
  func zshScriptParsesAndCompletes() throws {
    let shell = try ShellSession(script: carson(["completion", "zsh"]).stdout, file: "_carson")
    #expect(try shell.run(["zsh", "-n", shell.scriptPath]).status == 0)
    try shell.makeFiles(["Jenkinsfile", "jobs/Jenkinsfile"])
    #expect(try shell.zsh("carson li") == ["lint"])
    #expect(try shell.zsh("carson lint --for") == ["--format"])
    #expect(try shell.zsh("carson lint --format ") == LintCommand.formats)
    #expect(try shell.zsh("carson run --log-format j") == ["jenkins", "json"])
    #expect(try shell.zsh("carson run --log-format=j") == ["jenkins", "json"])
    #expect(try shell.zsh("carson lint J") == ["Jenkinsfile"])
    #expect(try shell.zsh("carson run --workspace ") == ["jobs"])
  }

  @Test(.enabled(if: ShellSession.has("zsh"), "zsh is not installed (make deps installs it): zsh quoting NOT checked"))
  func zshQuotesWhatItEmits() throws {
    let shell = try ShellSession(
      script: CompletionScript.script(for: .zsh, commands: [Self.awkwardSpec]), file: "_carson")
    #expect(try shell.run(["zsh", "-n", shell.scriptPath]).status == 0)
    #expect(Set(try shell.zsh("carson odd --pick ")) == ["it's", "a b", "$(touch pwned)", #"back\slash"#])
    #expect(!FileManager.default.fileExists(atPath: shell.directory.appendingPathComponent("pwned").path))
  }

  // MARK: - fish

  @Test(
    .enabled(if: ShellSession.has("fish"), "fish is not installed (make deps installs it): fish completion NOT checked")
  )
  func fishScriptParsesAndCompletes() throws {
    let shell = try ShellSession(script: carson(["completion", "fish"]).stdout, file: "carson.fish")
    #expect(try shell.run(["fish", "--no-execute", shell.scriptPath]).status == 0)
    try shell.makeFiles(["Jenkinsfile", "jobs/Jenkinsfile"])
    #expect(try shell.fish("carson li") == ["lint"])
    #expect(try shell.fish("carson ") == (CarsonCommand.commands.map(\.spec.name) + ["help"]).sorted())
    #expect(try shell.fish("carson lint --for") == ["--format"])
    #expect(try shell.fish("carson lint --format ") == LintCommand.formats.sorted())
    #expect(try shell.fish("carson run --log-format j") == ["jenkins", "json"])
    #expect(try shell.fish("carson run --stage ") == [])
    #expect(try shell.fish("carson lint J") == ["Jenkinsfile"])
    #expect(try shell.fish("carson run --workspace ") == ["jobs/"])
    #expect(try shell.fish("carson help l") == ["lint", "lsp"])
  }

  @Test(
    .enabled(if: ShellSession.has("fish"), "fish is not installed (make deps installs it): fish quoting NOT checked"))
  func fishQuotesWhatItEmits() throws {
    let shell = try ShellSession(
      script: CompletionScript.script(for: .fish, commands: [Self.awkwardSpec]), file: "carson.fish")
    #expect(try shell.run(["fish", "--no-execute", shell.scriptPath]).status == 0)
    #expect(Set(try shell.fish("carson odd --pick ")) == ["it's", "a b", "$(touch pwned)", #"back\slash"#])
    #expect(!FileManager.default.fileExists(atPath: shell.directory.appendingPathComponent("pwned").path))
  }
}
