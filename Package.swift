// swift-tools-version:6.0
// Carson: a Jenkinsfile-compatible pipeline runner. No package dependencies by design:
// everything comes from the Swift toolchain or from system libraries.
import PackageDescription

let package = Package(
  name: "Carson",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "carson", targets: ["carson"]),
    .executable(name: "carson-shim", targets: ["carson-shim"]),
  ],
  targets: [
    // Source text, tokens, lexer, Groovy parser, syntax tree, diagnostics. Pure.
    .target(name: "CarsonSyntax"),
    // Declarative structure, validator, step catalogue, Jenkins JSON form. Pure.
    .target(name: "CarsonModel", dependencies: ["CarsonSyntax"]),
    // Evaluation of the Groovy subset: values, operators, closures, GDK methods. Steps go out
    // through the ScriptHost protocol.
    .target(name: "CarsonGroovy", dependencies: ["CarsonSyntax"]),
    // posix_spawn with a working directory and its own process group (needs _GNU_SOURCE).
    .target(name: "CCarsonSpawn"),
    // Processes, process groups, cancellation: the only code that starts programs.
    .target(name: "CarsonExec", dependencies: ["CCarsonSpawn"]),
    // Docker agents through the docker CLI: containers, images, registry logins, the shell server.
    .target(name: "CarsonDocker", dependencies: ["CarsonExec", "CarsonHashing"]),
    // SHA-1 and HMAC-SHA1: Dockerfile image tags, hashed known_hosts names.
    .target(name: "CarsonHashing"),
    // The shell server Carson starts inside agent containers: C, static, no dependencies, so
    // that it runs in any image.
    .executableTarget(name: "carson-shim", path: "Sources/carson-shim", linkerSettings: [.unsafeFlags(["-static-executable"])]),
    // libgit2 (Debian libgit2-dev's headers), seen only by CarsonGit: not linked but loaded with
    // dlopen on first use, so runs without git do not pay for it at start-up.
    .target(name: "CLibGit2"),
    // Git repositories through libgit2: clone, fetch, checkout, history, credentials. C pointers
    // and libgit2's errors never leave this module.
    .target(name: "CarsonGit", dependencies: ["CLibGit2", "CarsonHashing"]),
    // A small HTTP/1.1 server on loopback: `carson serve-validate` and the tests' git and GitLab servers.
    .target(name: "CarsonHTTP"),
    // libcurl loaded with dlopen at the first GitLab API call (never linked: a run that makes
    // none does not load it); <curl/curl.h> from libcurl4-openssl-dev for types and constants only.
    .target(name: "CCarsonCurl"),
    // GitLab: webhook payloads → build context, REST API v4 (commit statuses, merge-request notes)
    // through CCarsonCurl.
    .target(name: "CarsonGitLab", dependencies: ["CCarsonCurl"]),
    // Canonical layout of declarative Jenkinsfiles (`carson fmt`).
    .target(name: "CarsonFormat", dependencies: ["CarsonSyntax"]),
    // The language server (`carson lsp`): JSON-RPC framing, documents, diagnostics, symbols, hover, completion.
    .target(name: "CarsonLSP", dependencies: ["CarsonSyntax", "CarsonModel", "CarsonFormat"]),
    // Runs pipelines: stages, when, post, results, steps, events, masking.
    .target(
      name: "CarsonEngine",
      dependencies: ["CarsonSyntax", "CarsonModel", "CarsonGroovy", "CarsonExec", "CarsonDocker", "CarsonGit", "CarsonGitLab"]),
    // Renderers of the event stream: console, plain, Jenkins-style log, JSON lines.
    .target(name: "CarsonReport", dependencies: ["CarsonSyntax", "CarsonEngine"]),
    // Argument parsing, commands, diagnostic renderers, exit codes.
    .target(
      name: "CarsonCLI",
      dependencies: [
        "CarsonSyntax", "CarsonModel", "CarsonEngine", "CarsonReport", "CarsonDocker", "CarsonGit", "CarsonGitLab", "CarsonHTTP",
        "CarsonFormat", "CarsonLSP", "CarsonHashing",
      ]),
    .executableTarget(name: "carson", dependencies: ["CarsonCLI"]),
    .executableTarget(
      name: "carson-bench", dependencies: ["CarsonSyntax", "CarsonModel", "CarsonExec", "CarsonGit", "CarsonLSP", "CarsonHTTP"],
      path: "Sources/CarsonBench"),
    // Locating ../shared and reading its manifests; loopback git and GitLab servers; for the test targets.
    .target(name: "CarsonTestSupport", dependencies: ["CarsonSyntax", "CarsonModel", "CarsonHTTP"], path: "Tests/CarsonTestSupport"),
    .testTarget(name: "CarsonSyntaxTests", dependencies: ["CarsonSyntax", "CarsonModel", "CarsonTestSupport"]),
    .testTarget(name: "CarsonModelTests", dependencies: ["CarsonSyntax", "CarsonModel", "CarsonTestSupport"]),
    .testTarget(name: "CarsonExecTests", dependencies: ["CarsonExec"]),
    .testTarget(name: "CarsonGroovyTests", dependencies: ["CarsonGroovy", "CarsonSyntax"]),
    .testTarget(name: "CarsonGitTests", dependencies: ["CarsonGit", "CarsonTestSupport"]),
    .testTarget(name: "CarsonHTTPTests", dependencies: ["CarsonHTTP", "CarsonTestSupport"]),
    .testTarget(name: "CarsonGitLabTests", dependencies: ["CarsonGitLab", "CarsonHTTP", "CarsonTestSupport"]),
    .testTarget(name: "CarsonFormatTests", dependencies: ["CarsonFormat", "CarsonSyntax", "CarsonTestSupport"]),
    .testTarget(name: "CarsonLSPTests", dependencies: ["CarsonLSP", "CarsonSyntax", "CarsonModel", "CarsonTestSupport"]),
    .testTarget(
      name: "CarsonEngineTests",
      dependencies: [
        "CarsonEngine", "CarsonReport", "CarsonModel", "CarsonSyntax", "CarsonGroovy", "CarsonExec", "CarsonDocker", "CarsonGit",
        "CarsonGitLab", "CarsonHTTP", "CarsonTestSupport",
      ]),
    .testTarget(name: "CarsonCLITests", dependencies: ["CarsonCLI", "CarsonSyntax", "CarsonModel", "CarsonHTTP", "CarsonTestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
