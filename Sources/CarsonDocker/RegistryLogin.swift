import CarsonExec
import Foundation

/// A `docker login` into a private configuration directory that lives only as long as the
/// scope that needs it; the password is written to `docker login --password-stdin`, never
/// passed as an argument.
public final class RegistryLogin: @unchecked Sendable {
  public let configDirectory: String

  init(configDirectory: String) { self.configDirectory = configDirectory }

  public static func login(docker: DockerCLI, registry: String, username: String, password: String, scratchDirectory: String) throws -> RegistryLogin {
    let directory = scratchDirectory + "/docker-config-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    var client = docker
    client.environment["DOCKER_CONFIG"] = directory
    let server = Self.server(registry)
    let process = try InteractiveProcess(client.spec(["login", "--username", username, "--password-stdin", server]))
    process.write(Array(password.utf8))
    let exit = process.complete().exit
    guard exit.status == 0 else {
      try? FileManager.default.removeItem(atPath: directory)
      let reason = process.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
      throw DockerError("docker login to \(server) failed: \(reason.isEmpty ? "exit status \(exit.status)" : reason)")
    }
    return RegistryLogin(configDirectory: directory)
  }

  /// `https://registry.example.com/v2/` → `registry.example.com` (what `docker login` takes).
  static func server(_ url: String) -> String {
    var text = url
    for scheme in ["https://", "http://"] where text.hasPrefix(scheme) { text.removeFirst(scheme.count) }
    if let slash = text.firstIndex(of: "/") { text = String(text[..<slash]) }
    return text
  }

  public func close() {
    try? FileManager.default.removeItem(atPath: configDirectory)
  }
}
