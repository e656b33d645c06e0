import CarsonHTTP
import CarsonModel
import Dispatch
import Foundation

/// `carson serve-validate`: Jenkins' Jenkinsfile validation endpoints on a local port, for
/// editor plugins and scripts written against a Jenkins controller (`ValidateEndpoint`).
enum ServeValidateCommand {
  /// Not Jenkins' 8080, which a local Jenkins or another server usually holds.
  static let defaultPort: UInt16 = 8722

  static let spec = CommandSpec(
    name: "serve-validate",
    summary: "Serve Jenkins' Jenkinsfile validation endpoints for editor plugins.",
    usage: "[--listen ADDRESS:PORT] [--allow-remote] [--tool TYPE=NAME ...]",
    options: [
      OptionSpec(
        ["--listen"], value: "ADDRESS:PORT",
        help: "Where to listen (default 127.0.0.1:\(defaultPort); a bare PORT means 127.0.0.1:PORT, 0 a free port)."),
      OptionSpec(["--allow-remote"], help: "Allow a non-loopback address. The endpoint has no authentication."),
      ToolOption.spec,
    ],
    maxPositionals: 0,
    discussion: """
      Answers POST /pipeline-model-converter/validate (form field 'jenkinsfile', urlencoded or
      multipart) with the text Jenkins gives, /validateJenkinsfile and /toJson with Jenkins' JSON,
      and /crumbIssuer/api/json|xml with a crumb. Credentials and crumbs are accepted and ignored.
      Runs until SIGINT or SIGTERM. Exit status: 0 stopped by a signal, 64 usage error,
      69 the address could not be bound. See docs/validate-endpoint.md.
      """)

  static func run(_ arguments: ParsedArguments, _ io: CommandIO) -> ExitCode {
    let address: ListenAddress
    do throws(ListenAddress.Invalid) {
      address = try ListenAddress.parse(arguments.value("--listen") ?? "127.0.0.1:\(defaultPort)")
    } catch {
      io.stderr.write("carson: error: --listen: \(error.message)\nSee 'carson serve-validate --help'.\n")
      return .usage
    }
    let installedTools: [String: [String]]?
    do throws(ToolOption.InvalidValue) {
      installedTools = try ToolOption.parse(arguments.all("--tool"))
    } catch {
      io.stderr.write(error.usageText(command: "serve-validate"))
      return .usage
    }
    guard address.isLoopback || arguments.flag("--allow-remote") else {
      io.stderr.write(
        """
        carson: error: refusing to listen on \(address.authority): not a loopback address, and the endpoint has no \
        authentication. Pass --allow-remote to serve other machines.

        """)
      return .usage
    }
    // Installed before the server starts, so a signal that arrives meanwhile is not lost.
    let stopRequested = DispatchSemaphore(value: 0)
    let signals = SignalHandler { count in if count == 1 { stopRequested.signal() } }
    defer { signals.cancel() }
    let log = SerializedOutput(io.stderr)
    let endpoint = ValidateEndpoint(options: ValidationOptions(installedTools: installedTools))
    let server: HTTPServer
    do {
      server = try HTTPServer(host: address.host, port: address.port, limits: ValidateEndpoint.limits) { request in
        let response = endpoint.respond(request)
        // The path only: a query string could carry a token.
        log.write("\(request.method) \(request.path) \(response.status)\n")
        return response
      }
    } catch {
      io.stderr.write("carson: error: \(error)\n")
      return .unavailable
    }
    let base = server.baseURL
    io.stdout.write("carson serve-validate: listening on \(base)\n  validate: \(base)/pipeline-model-converter/validate\n")
    stopRequested.wait()
    server.stop()
    io.stderr.write("carson serve-validate: stopped\n")
    return .success
  }
}

/// One writer at a time: connections are served on their own threads.
final class SerializedOutput: @unchecked Sendable {
  private let output: TextOutput
  private let lock = NSLock()

  init(_ output: TextOutput) { self.output = output }

  func write(_ text: String) { lock.withLock { output.write(text) } }
}
