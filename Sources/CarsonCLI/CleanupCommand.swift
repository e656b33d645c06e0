import CarsonDocker
import Foundation

/// `carson cleanup`: removes containers left behind by runs that were killed.
enum CleanupCommand {
  static let spec = CommandSpec(
    name: "cleanup",
    summary: "Remove Docker containers that killed or crashed runs left behind.",
    usage: "[--all] [--dry-run]",
    options: [
      OptionSpec(["--all"], help: "Also remove containers of runs that are still going."),
      OptionSpec(["--dry-run"], help: "List what would be removed, remove nothing."),
    ],
    positionals: [],
    maxPositionals: 0,
    discussion: """
      Every container Carson starts carries the labels carson.run, carson.job, carson.stage and
      carson.pid. A run removes its containers when it ends, also on failure and abort; only a
      run killed outright (SIGKILL, a crash) leaves them, or one with --keep-failed-containers.
      Exit status: 0 done, 2 Docker error.
      """)

  static func run(_ arguments: ParsedArguments, _ io: CommandIO) -> ExitCode {
    do {
      let docker = try DockerCLI()
      try docker.checkEngine()
      let leftovers = try Leftovers.list(docker, all: arguments.flag("--all"))
      for container in leftovers {
        io.stdout.write("\(arguments.flag("--dry-run") ? "would remove" : "removing") \(container.id) (\(container.name), job \(container.job))\n")
      }
      if !arguments.flag("--dry-run") { try Leftovers.remove(docker, leftovers) }
      if leftovers.isEmpty { io.stdout.write("no leftover containers\n") }
      return .success
    } catch {
      io.stderr.write("carson: error: \(error)\n")
      return .failure
    }
  }
}
