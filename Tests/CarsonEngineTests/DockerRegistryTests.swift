import CarsonEngine
import Foundation
import Testing

/// Registry logins (`registryUrl` + `registryCredentialsId`, `docker.withRegistry`) against a
/// registry endpoint on loopback: the Docker engine itself checks the credentials there, as
/// with a real registry (no real registry is reachable here; the engine allows plain HTTP for
/// 127.0.0.1).
@Suite struct DockerRegistryTests {
  /// Answers `GET /v2/` as a registry does: 401 with a Basic challenge unless the request
  /// carries the right credentials. Records every request's Authorization header.
  static let server = #"""
    import base64, http.server, sys
    user, password, record = sys.argv[1], sys.argv[2], sys.argv[3]
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            auth = self.headers.get("Authorization", "")
            with open(record, "a") as f: f.write(auth + "\n")
            ok = self.path.startswith("/v2") and auth == "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
            self.send_response(200 if ok else 401)
            if not ok: self.send_header("WWW-Authenticate", 'Basic realm="carson-test"')
            self.send_header("Docker-Distribution-API-Version", "registry/2.0")
            self.end_headers()
        def log_message(self, *a): pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """#

  /// Starts the registry; returns its port, the request log and a stop function.
  func startRegistry(_ scratch: Scratch, password: String) throws -> (port: String, requests: String, stop: () -> Void) {
    let script = scratch.path + "/registry.py", requests = scratch.path + "/requests.log"
    try Self.server.write(toFile: script, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script, "deployer", password, requests]
    let output = Pipe()
    process.standardOutput = output
    // Not the test's own stderr: a server outliving a crashed test must not hold its output open.
    process.standardError = FileHandle.nullDevice
    try process.run()
    var line: [UInt8] = []
    while let byte = try output.fileHandleForReading.read(upToCount: 1)?.first, byte != 0x0A { line.append(byte) }
    return (String(decoding: line, as: UTF8.self), requests, { kill(process.processIdentifier, SIGKILL) })
  }

  @Test func agentRegistryCredentialsLogInWithoutShowingThePassword() throws {
    if DockerTestEngine.skip(#function) { return }
    let scratch = Scratch()
    let password = "registry-pass-\(UInt32.random(in: 0...UInt32.max))"
    let registry = try startRegistry(scratch, password: password)
    defer { registry.stop() }
    let run = try runDockerPipeline("""
      pipeline {
        agent {
          docker {
            image '\(DockerTestEngine.image)'
            registryUrl 'http://127.0.0.1:\(registry.port)/'
            registryCredentialsId 'registry'
          }
        }
        stages { stage('A') { steps { sh 'echo "registry is $DOCKER_REGISTRY_URL"' } } }
      }
      """, scratch: scratch, configure: {
        $0.credentials = CredentialStore(["registry": .usernamePassword(username: "deployer", password: password)])
      })
    #expect(run.result == .success, "\(run.plain)")
    #expect(run.plain.contains("registry is http://127.0.0.1:\(registry.port)/"))
    let requests = (try? String(contentsOfFile: registry.requests, encoding: .utf8)) ?? ""
    let expected = "Basic " + Data("deployer:\(password)".utf8).base64EncodedString()
    #expect(requests.contains(expected), "the engine logged in with the credentials")
    #expect(!run.everything.contains(password))
    // The temporary Docker configuration is gone with the run.
    let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()))?.filter { $0.hasPrefix("docker-config-") } ?? []
    #expect(leftovers.isEmpty)
  }

  @Test func withRegistryInScriptAndAWrongPasswordIsAClearError() throws {
    if DockerTestEngine.skip(#function) { return }
    let scratch = Scratch()
    let registry = try startRegistry(scratch, password: "the-right-one")
    defer { registry.stop() }
    let run = try runDockerPipeline("""
      pipeline {
        agent any
        stages { stage('A') { steps { script {
          docker.withRegistry('http://127.0.0.1:\(registry.port)', 'wrong') { echo 'never' }
        } } } }
        post { always { echo 'post ran' } }
      }
      """, scratch: scratch, configure: {
        $0.credentials = CredentialStore(["wrong": .usernamePassword(username: "deployer", password: "not-the-password-123")])
      })
    #expect(run.result == .failure)
    #expect(run.plain.contains("docker login to 127.0.0.1:\(registry.port) failed"))
    #expect(!run.plain.contains("never"))
    #expect(run.plain.contains("post ran"))
    #expect(!run.everything.contains("not-the-password-123"))
  }
}
