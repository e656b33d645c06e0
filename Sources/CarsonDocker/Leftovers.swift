import Foundation

/// Containers Carson started (label `carson.run`) that outlived their run, for `carson cleanup`.
public struct LeftoverContainer: Sendable {
  public var id: String
  public var job: String
  public var pid: Int32
  public var name: String
}

public enum Leftovers {
  /// Every container with Carson's labels; with `all: false`, only those whose `carson`
  /// process (label `carson.pid`) has gone, so a running build keeps its containers.
  public static func list(_ docker: DockerCLI, all: Bool) throws -> [LeftoverContainer] {
    let result = try docker.capture([
      "ps", "-a", "--filter", "label=carson.run",
      "--format", "{{.ID}}\t{{.Label \"carson.job\"}}\t{{.Label \"carson.pid\"}}\t{{.Names}}",
    ])
    guard result.succeeded else { throw DockerError("cannot list containers: \(result.reason)") }
    return result.stdout.split(separator: "\n").compactMap { line in
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard fields.count == 4 else { return nil }
      let container = LeftoverContainer(id: fields[0], job: fields[1], pid: Int32(fields[2]) ?? 0, name: fields[3])
      if !all, container.pid > 0, kill(container.pid, 0) == 0 { return nil }
      return container
    }
  }

  public static func remove(_ docker: DockerCLI, _ containers: [LeftoverContainer]) throws {
    guard !containers.isEmpty else { return }
    let result = try docker.capture(["rm", "-f"] + containers.map(\.id))
    guard result.succeeded else { throw DockerError("cannot remove containers: \(result.reason)") }
  }
}
