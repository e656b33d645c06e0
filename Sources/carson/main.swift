import CarsonCLI
import Foundation

exit(CarsonCommand.main(Array(CommandLine.arguments.dropFirst()), io: .standard()))
