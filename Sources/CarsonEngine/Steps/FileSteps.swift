import CarsonGroovy
import CarsonSyntax
import Foundation

/// Steps on the workspace: files, directories, JSON.
enum FileSteps {
  static let steps: [String: StepImplementation] = [
    "writeFile": { step in
      let path = step.context.resolve(try step.required("file"))
      let text = step.string("text") ?? ""
      if step.run.options.dryRun {
        step.context.log("[dry run] writeFile \(path) (\(text.utf8.count) bytes)")
        return .null
      }
      try write(text, to: path)
      return .null
    },
    "readFile": { step in
      let path = step.context.resolve(try step.required("file"))
      guard let data = FileManager.default.contents(atPath: path) else {
        throw StepFailure("\(path) does not exist.")
      }
      return .string(String(decoding: data, as: UTF8.self))
    },
    "fileExists": { step in
      .bool(FileManager.default.fileExists(atPath: step.context.resolve(try step.required("file"))))
    },
    "deleteDir": { step in
      if step.run.options.dryRun {
        step.context.log("[dry run] deleteDir \(step.context.directory)")
        return .null
      }
      if let refusal = step.run.refuseToDelete(step.context.directory) {
        step.context.log(refusal)
        return .null
      }
      try? FileManager.default.removeItem(atPath: step.context.directory)
      return .null
    },
    "cleanWs": { step in
      let workspace = step.context.node?.workspace ?? step.run.options.workspace
      if step.run.options.dryRun {
        step.context.log("[dry run] cleanWs \(workspace)")
        return .null
      }
      if let refusal = step.run.refuseToDelete(workspace) {
        step.context.log(refusal)
        return .null
      }
      step.context.log("[WS-CLEANUP] Deleting project workspace...")
      for entry in (try? FileManager.default.contentsOfDirectory(atPath: workspace)) ?? [] {
        try? FileManager.default.removeItem(atPath: workspace + "/" + entry)
      }
      step.context.log("[WS-CLEANUP] done")
      return .null
    },
    "pwd": { step in
      .string(step.bool("tmp") ? step.context.directory + "@tmp" : step.context.directory)
    },
    "dir": { step in
      let inner = step.context.derived()
      inner.directory = step.context.resolve(try step.required("path"))
      if !step.run.options.dryRun {
        try? FileManager.default.createDirectory(atPath: inner.directory, withIntermediateDirectories: true)
      }
      step.context.log("Running in \(inner.directory)")
      return try step.body(inner)
    },
    "readJSON": { step in
      let text: String
      if let file = step.string("file") {
        guard let data = FileManager.default.contents(atPath: step.context.resolve(file)) else {
          throw StepFailure("readJSON: \(file) does not exist")
        }
        text = String(decoding: data, as: UTF8.self)
      } else {
        text = step.string("text") ?? ""
      }
      do {
        return JSONBridge.value(try JSONValue.parse(text))
      } catch {
        throw StepFailure("readJSON: not valid JSON: \(error)")
      }
    },
    "writeJSON": { step in
      let path = step.context.resolve(try step.required("file"))
      let json = JSONBridge.json(step.value("json") ?? .null)
      let text = step.bool("pretty") || step.int("pretty").map { $0 > 0 } == true ? json.pretty : json.compact
      if step.run.options.dryRun {
        step.context.log("[dry run] writeJSON \(path)")
        return .null
      }
      try write(text, to: path)
      return .null
    },
  ]

  static func write(_ text: String, to path: String) throws {
    let folder = (path as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
      throw StepFailure("cannot write \(path)")
    }
  }
}

/// Ant-style file patterns (`**/*.xml`, `build/`, comma-separated lists), as Jenkins' steps use them.
enum FileGlob {
  /// Jenkins' default excludes (`useDefaultExcludes`).
  static let defaultExcludes = ["**/.git/**", "**/.svn/**", "**/.hg/**", "**/CVS/**", "**/.DS_Store", "**/.gitignore", "**/.gitattributes", "**/.gitmodules"]

  static func patterns(_ list: String?) -> [String] {
    (list ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      .map { $0.hasSuffix("/") ? $0 + "**" : $0 }
  }

  static func matches(_ path: String, _ patterns: [String]) -> Bool {
    patterns.contains { pattern in
      (try? PatternRegex(Comparator.globRegex(pattern)).matchesWhole(path)) ?? false
    }
  }

  /// Files (relative paths) under `root` matching `includes` and not `excludes`.
  static func collect(root: String, includes: String?, excludes: String?, defaultExcludes: Bool = true) -> [String] {
    let include = patterns(includes ?? "**")
    var exclude = patterns(excludes)
    if defaultExcludes { exclude += Self.defaultExcludes }
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
    var found: [String] = []
    while let relative = enumerator.nextObject() as? String {
      guard (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeRegular else { continue }
      if matches(relative, include) && !matches(relative, exclude) { found.append(relative) }
    }
    return found.sorted()
  }

  /// Copies the whole tree at `source` into `destination` (what a checkout produces), replacing
  /// what is there by the same names; `destination` inside `source` is skipped.
  static func mirror(from source: String, to destination: String) throws {
    let manager = FileManager.default
    try manager.createDirectory(atPath: destination, withIntermediateDirectories: true)
    let destinationPath = URL(fileURLWithPath: destination).standardized.path
    for entry in try manager.contentsOfDirectory(atPath: source) {
      let from = source + "/" + entry
      if URL(fileURLWithPath: from).standardized.path == destinationPath { continue }
      let to = destination + "/" + entry
      try? manager.removeItem(atPath: to)
      try manager.copyItem(atPath: from, toPath: to)
    }
  }

  /// Copies `files` (relative to `source`) to the same relative paths under `destination`.
  static func copy(_ files: [String], from source: String, to destination: String) throws {
    let manager = FileManager.default
    for file in files {
      let target = destination + "/" + file
      try manager.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try? manager.removeItem(atPath: target)
      try manager.copyItem(atPath: source + "/" + file, toPath: target)
    }
  }
}

extension PipelineRun {
  /// By default the workspace is the Jenkinsfile's own directory, the user's checkout: a
  /// `cleanWs()` or `deleteDir()` there (common in `post { always { … } }`) would wipe their work,
  /// which Jenkins never risks since its workspace is a copy. Deleting that directory or one
  /// containing it is refused with a warning; `--workspace DIR` runs on a copy that may be deleted.
  func refuseToDelete(_ path: String) -> String? {
    let source = URL(fileURLWithPath: options.sourceDirectory ?? options.workspace).standardized.path
    let target = URL(fileURLWithPath: path).standardized.path
    guard source == target || source.hasPrefix(target.hasSuffix("/") ? target : target + "/") else { return nil }
    return "WARNING: not deleting \(target): it holds the Jenkinsfile's own directory (run with --workspace DIR to work on a copy)"
  }
}
