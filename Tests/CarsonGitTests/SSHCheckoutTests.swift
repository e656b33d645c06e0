import CarsonTestSupport
import Foundation
import Testing

@testable import CarsonGit

/// git over SSH against a real sshd on loopback, with a key and known_hosts checking.
@Suite(.serialized) struct SSHCheckoutTests {
  @Test func clonesWithAKeyWhenTheHostKeyIsKnown() throws {
    if let reason = SSHTestServer.unavailable {
      Issue.record("SKIPPED SSH checkout: \(reason)")
      return
    }
    let fixture = try GitFixture()
    defer { fixture.remove() }
    let remote = try fixture.makeRemote()
    let v1 = try fixture.git(["rev-parse", "v1^{commit}"], in: remote)
    let server = try SSHTestServer()
    defer { server.stop() }

    var request = CheckoutRequest(url: server.url(remote.path), ref: "v1")
    request.credentials = .sshKey(username: server.user, privateKeyPath: server.clientKeyPath, passphrase: nil)
    request.hostKeys = .knownHosts([server.knownHostsPath])
    let result = try GitRepository.checkout(request, into: fixture.root.appendingPathComponent("ws").path)
    #expect(result.tag == "v1")
    #expect(result.commit.sha == v1)

    // An unknown host key is refused, with a way out named.
    request.hostKeys = .knownHosts([fixture.root.appendingPathComponent("empty_known_hosts").path])
    let unknown = #expect(throws: GitError.self) { try GitRepository.checkout(request, into: fixture.root.appendingPathComponent("ws2").path) }
    #expect(unknown?.kind == .hostKey)
    #expect(unknown?.message.contains("is not in known_hosts") == true)

    // …unless told to accept any key.
    request.hostKeys = .acceptAny
    #expect(try GitRepository.checkout(request, into: fixture.root.appendingPathComponent("ws3").path).tag == "v1")

    // A key the server does not know is an authentication error.
    let stranger = fixture.root.appendingPathComponent("stranger").path
    try SSHTestServer.makeKey(at: stranger)
    request.credentials = .sshKey(username: server.user, privateKeyPath: stranger, passphrase: nil)
    let refused = #expect(throws: GitError.self) { try GitRepository.checkout(request, into: fixture.root.appendingPathComponent("ws4").path) }
    #expect(refused?.kind == .authentication)
  }
}
