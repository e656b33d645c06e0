import CarsonGit
import Foundation

/// Fetches libraries with libgit2 (CarsonGit). Resolving a branch or tag needs the remote's
/// objects, so `resolve` checks the version out (fetching only that ref) into a scratch
/// directory that `fetch` then moves into the cache; a full commit SHA resolves without
/// touching the network, and a cached commit is never fetched again.
final class GitLibraryFetcher: LibraryFetcher, @unchecked Sendable {
  let credentials: GitCredentialSource
  let scratch: String
  private var prepared: [String: String] = [:]

  init(credentials: GitCredentialSource, scratch: String) {
    self.credentials = credentials
    self.scratch = scratch
  }

  func request(url: String, ref: String, credentialsID: String?) throws -> CheckoutRequest {
    var request = CheckoutRequest(url: url, ref: ref)
    request.narrow = true
    request.credentials = try credentials.resolve(url: url, credentialsID: credentialsID)
    return request
  }

  func resolve(url: String, version: String, credentialsID: String?) throws -> String {
    defer { credentials.removeFiles() }
    if version.count == 40, version.allSatisfy(\.isHexDigit) { return version.lowercased() }
    let directory = scratch + "/library-\(UUID().uuidString)"
    do {
      let result = try GitRepository.checkout(try request(url: url, ref: version, credentialsID: credentialsID), into: directory)
      prepared[result.commit.sha] = directory
      return result.commit.sha
    } catch {
      try? FileManager.default.removeItem(atPath: directory)
      throw StepFailure("cannot fetch version \(version) of library at \(splitCredentials(fromURL: url).url): \(error)")
    }
  }

  func fetch(url: String, commit: String, credentialsID: String?, into directory: String) throws {
    defer { credentials.removeFiles() }
    if let ready = prepared.removeValue(forKey: commit) {
      try FileManager.default.moveItem(atPath: ready, toPath: directory)
      return
    }
    do {
      _ = try GitRepository.checkout(try request(url: url, ref: commit, credentialsID: credentialsID), into: directory)
    } catch {
      throw StepFailure("cannot fetch commit \(commit) of library at \(splitCredentials(fromURL: url).url): \(error)")
    }
  }
}
