import CarsonExec
import CarsonHashing
import Foundation

/// Images for agents: present locally, pulled, or built from a Dockerfile.
public struct ImageStore: Sendable {
  public let docker: DockerCLI

  public init(docker: DockerCLI) { self.docker = docker }

  public func exists(_ image: String) -> Bool {
    (try? docker.capture(["image", "inspect", "--format", "{{.Id}}", image]))?.succeeded ?? false
  }

  /// Pulls `image`, its progress going to `output`; a failure names the image.
  public func pull(_ image: String, cancellation: CancellationScope?, output: (CarsonExec.OutputStream, UnsafeRawBufferPointer) -> Void) throws {
    var errors: [UInt8] = []
    let exit = try docker.stream(["pull", image], cancellation: cancellation) { stream, chunk in
      if stream == .stderr { errors += chunk }
      output(stream, chunk)
    }
    guard exit.status == 0 else {
      let reason = String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      throw DockerError("cannot pull image '\(image)': \(reason.isEmpty ? "docker pull failed" : reason)")
    }
  }

  /// Makes `image` available: pulled only when missing, or always with `alwaysPull`.
  public func ensure(_ image: String, alwaysPull: Bool, cancellation: CancellationScope?, output: (CarsonExec.OutputStream, UnsafeRawBufferPointer) -> Void) throws {
    if !alwaysPull && exists(image) { return }
    do {
      try pull(image, cancellation: cancellation, output: output)
    } catch let error as DockerError where !alwaysPull {
      throw DockerError("image '\(image)' is not on this machine and \(error.message.replacingOccurrences(of: "cannot pull image '\(image)': ", with: "pulling it failed: "))")
    }
  }

  /// Builds a Dockerfile; `arguments` are the agent's `additionalBuildArgs`, already split.
  public func build(tag: String, dockerfile: String, context: String, arguments: [String], cancellation: CancellationScope?, output: (CarsonExec.OutputStream, UnsafeRawBufferPointer) -> Void) throws {
    let exit = try docker.stream(["build", "-t", tag] + arguments + ["-f", dockerfile, context], cancellation: cancellation, output: output)
    guard exit.status == 0 else { throw DockerError("docker build of \(dockerfile) failed with exit code \(exit.status)") }
  }

  /// docker-workflow's tag for an image built from a Dockerfile: the SHA-1 of the job's full
  /// name, the Dockerfile's text and the extra build arguments, so the same inputs reuse the
  /// same image and different ones never collide.
  public static func dockerfileTag(job: String, dockerfile: String, additionalBuildArgs: String) -> String {
    let extra = additionalBuildArgs.isEmpty ? "" : " " + additionalBuildArgs
    return SHA1.hex(Array("\(job)\n\(dockerfile)\n\(extra)".utf8))
  }
}
