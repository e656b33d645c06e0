import CarsonCLI
import Foundation

// A write to a pipe whose reader has gone (`carson run | head`, a container's shell server that
// died) must be an error to handle, not a signal that kills the run before `post` and cleanup.
signal(SIGPIPE, SIG_IGN)
exit(CarsonCommand.main(Array(CommandLine.arguments.dropFirst()), io: .standard()))
