import Foundation

/// A real OpenSSH server (Debian's openssh-server) on a loopback port, for git over SSH:
/// a fresh host key and one authorised client key, both made with ssh-keygen, in a private
/// directory. Git runs as the user the tests run as (`git-upload-pack` on the server side).
public final class SSHTestServer: @unchecked Sendable {
  public let directory: URL
  public let port: UInt16
  public let user: String
  /// The client's private key (OpenSSH format) and its file.
  public let clientKeyPath: String
  public var clientKey: String { (try? String(contentsOfFile: clientKeyPath, encoding: .utf8)) ?? "" }
  /// A known_hosts file that lists this server's host key under `[127.0.0.1]:PORT`.
  public let knownHostsPath: String
  private let pidFile: String

  /// Why no server can run here (no sshd, no ssh-keygen), or nil.
  public static var unavailable: String? {
    for tool in ["/usr/sbin/sshd", "/usr/bin/ssh-keygen"] where !FileManager.default.isExecutableFile(atPath: tool) {
      return "\(tool) is missing (Debian openssh-server; make test installs it)"
    }
    return nil
  }

  public init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("carson-sshd-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    user = ProcessInfo.processInfo.environment["USER"] ?? "root"
    let hostKey = directory.appendingPathComponent("host_ed25519").path
    clientKeyPath = directory.appendingPathComponent("client_ed25519").path
    try Self.makeKey(at: hostKey)
    try Self.makeKey(at: clientKeyPath)
    let authorized = directory.appendingPathComponent("authorized_keys").path
    try FileManager.default.copyItem(atPath: clientKeyPath + ".pub", toPath: authorized)
    // sshd needs its privilege-separation directory, which only the service's start creates.
    try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
    port = try Self.freePort()
    let config = directory.appendingPathComponent("sshd_config").path
    try """
      Port \(port)
      ListenAddress 127.0.0.1
      HostKey \(hostKey)
      AuthorizedKeysFile \(authorized)
      PasswordAuthentication no
      KbdInteractiveAuthentication no
      PubkeyAuthentication yes
      PermitRootLogin prohibit-password
      StrictModes no
      UsePAM no
      PidFile \(directory.appendingPathComponent("sshd.pid").path)
      """.write(toFile: config, atomically: true, encoding: .utf8)
    let publicHostKey = try String(contentsOfFile: hostKey + ".pub", encoding: .utf8).split(separator: " ").prefix(2).joined(separator: " ")
    knownHostsPath = directory.appendingPathComponent("known_hosts").path
    try "[127.0.0.1]:\(port) \(publicHostKey)\n".write(toFile: knownHostsPath, atomically: true, encoding: .utf8)
    // sshd daemonises (no -D): it is not a child of the test process, whose process
    // bookkeeping (Foundation's Process) then only ever sees short-lived programs.
    pidFile = directory.appendingPathComponent("sshd.pid").path
    let started = try TestProcess.run(["/usr/sbin/sshd", "-f", config, "-E", directory.appendingPathComponent("sshd.log").path], environment: ["PATH": "/usr/bin:/bin"])
    guard started.status == 0 else { throw SSHTestServerError("sshd did not start: \(started.errorOutput)") }
    try Self.waitForListener(port)
  }

  /// `ssh://USER@127.0.0.1:PORT/absolute/path`.
  public func url(_ path: String) -> String { "ssh://\(user)@127.0.0.1:\(port)\(path)" }

  public func stop() {
    if let text = try? String(contentsOfFile: pidFile, encoding: .utf8), let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
      kill(pid, SIGTERM)
    }
    try? FileManager.default.removeItem(at: directory)
  }

  deinit { stop() }

  /// A new ed25519 key pair without passphrase: `path` and `path.pub`.
  public static func makeKey(at path: String) throws {
    let environment = ["PATH": "/usr/bin:/bin"]
    let result = try TestProcess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "carson-test", "-f", path], environment: environment)
    guard result.status == 0 else { throw SSHTestServerError("ssh-keygen failed: \(result.errorOutput)") }
  }

  /// A port the kernel just handed out on loopback (bound, read, released).
  static func freePort() throws -> UInt16 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw SSHTestServerError("no free loopback port") }
    return UInt16(bigEndian: address.sin_port)
  }

  static func waitForListener(_ port: UInt16) throws {
    for _ in 0..<100 {
      let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_addr.s_addr = inet_addr("127.0.0.1")
      address.sin_port = port.bigEndian
      let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
      }
      close(fd)
      if connected { return }
      usleep(50_000)
    }
    throw SSHTestServerError("sshd did not listen on 127.0.0.1:\(port) within 5 s")
  }
}

public struct SSHTestServerError: Error, CustomStringConvertible {
  public var description: String
  init(_ description: String) { self.description = description }
}
