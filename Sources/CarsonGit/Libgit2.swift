import CLibGit2
import Foundation

/// libgit2 is loaded (CLibGit2: dlopen on first use, Carson does not link it) and initialised
/// once per process; it is reference-counted and never shut down: Carson's runs use it until
/// they exit. Every path to a libgit2 function passes through `ensure`, so none is called
/// when the library is missing.
enum Libgit2 {
  /// Why libgit2 cannot be used; nil once it is loaded and initialised.
  private static let unavailable: String? = {
    guard carson_git_load() == 0 else {
      return "libgit2 could not be loaded (\(String(cString: carson_git_load_error()))). Carson needs libgit2 "
        + "\(LIBGIT2_SOVERSION) for git operations; install it (Debian: apt-get install libgit2-\(LIBGIT2_SOVERSION))"
    }
    carson_git_libgit2_init()
    _ = carson_git_use_timed_sockets()
    return nil
  }()

  /// Whether libgit2 is ready (loading it on the first call).
  static var isAvailable: Bool { unavailable == nil }

  /// Loads libgit2 on the first call; throws a `.libraryUnavailable` error of `operation` when
  /// it cannot be loaded.
  static func ensure(for operation: @autoclosure () -> String) throws {
    if let unavailable { throw GitError(.libraryUnavailable, operation: operation(), message: unavailable) }
  }

  /// Debian's libgit2 verifies HTTPS with mbedTLS, which needs to be told where the system's
  /// certificate authorities are (ca-certificates). Parsing them takes tens of milliseconds, so
  /// it happens before the first HTTPS operation, not for every run that opens a repository.
  /// Only after `ensure` succeeded.
  static let certificates: Bool = {
    let bundle = "/etc/ssl/certs/ca-certificates.crt"
    if FileManager.default.fileExists(atPath: bundle) { _ = carson_git_set_ssl_cert_locations(bundle, "/etc/ssl/certs") }
    return true
  }()

  /// "1.5.1": the library this process loaded, or "1.5 (not installed)" when it cannot be.
  static var version: String {
    guard isAvailable else { return "\(LIBGIT2_SOVERSION) (not installed)" }
    var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
    carson_git_libgit2_version(&major, &minor, &patch)
    return "\(major).\(minor).\(patch)"
  }
}
