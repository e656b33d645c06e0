import CarsonHashing
import Foundation
import Testing

@testable import CarsonGit

@Suite struct KnownHostsTests {
  // RFC 2202, test cases 1 and 2.
  @Test func hmacSHA1MatchesTheRFCVectors() {
    let hex = { (bytes: [UInt8]) in bytes.map { String(format: "%02x", $0) }.joined() }
    #expect(hex(SHA1.hmac(key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8))) == "b617318655057264e28bc0b6fb378c8ef146be00")
    #expect(hex(SHA1.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))) == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
  }

  @Test func matchesPlainPortAndHashedNames() throws {
    let key: [UInt8] = Array("ssh-ed25519 key blob".utf8)
    let other: [UInt8] = Array("another key".utf8)
    let base64 = Data(key).base64EncodedString()
    let salt: [UInt8] = Array(0..<20)
    let hashed = "|1|\(Data(salt).base64EncodedString())|\(Data(SHA1.hmac(key: salt, message: Array("[git.example.com]:2222".utf8))).base64EncodedString())"
    let hosts = KnownHosts(entries: [
      KnownHosts.parse("gitlab.example.com,10.0.0.5 ssh-ed25519 \(base64) comment")!,
      KnownHosts.parse("\(hashed) ssh-ed25519 \(base64)")!,
      KnownHosts.parse("@revoked old.example.com ssh-ed25519 \(base64)")!,
    ])
    #expect(hosts.verify(host: "gitlab.example.com", port: 22, key: key) == .match)
    #expect(hosts.verify(host: "10.0.0.5", port: 22, key: key) == .match)
    #expect(hosts.verify(host: "gitlab.example.com", port: 22, key: other) == .mismatch)
    #expect(hosts.verify(host: "gitlab.example.com", port: 2222, key: key) == .unknown)
    #expect(hosts.verify(host: "git.example.com", port: 2222, key: key) == .match)
    #expect(hosts.verify(host: "git.example.com", port: 22, key: key) == .unknown)
    #expect(hosts.verify(host: "old.example.com", port: 22, key: key) == .mismatch)
    #expect(KnownHosts.parse("# comment") == nil)
    #expect(KnownHosts.parse("host ssh-rsa not-base64!") == nil)
  }

  @Test func urlsLoseTheirUserInformationInMessages() {
    #expect(redactingURLUserInfo("failed: https://oauth2:tok@gitlab.com/a/b.git and ssh://git@h/x") == "failed: https://gitlab.com/a/b.git and ssh://h/x")
    #expect(scrub("token tok-123 in text", secrets: ["tok-123"]) == "token **** in text")
  }
}
