import CarsonModel
import CarsonSyntax
import CarsonTestSupport
import Foundation
import Testing

/// Checks that keep the repository honest: docs list every diagnostic, and modules import only
/// the layers below them (the data flows one way).
@Suite struct RepositoryTests {
  @Test func everyDiagnosticIdIsDocumented() throws {
    let doc = try String(contentsOf: SharedCorpus.repositoryRoot.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
    for id in DiagnosticID.allCases {
      #expect(doc.contains("`\(id.rawValue)`"), "docs/diagnostics.md does not list \(id.rawValue)")
      #expect(!id.summary.isEmpty)
    }
  }

  /// module → the project modules it may import.
  static let allowedImports: [String: Set<String>] = [
    "CarsonSyntax": [],
    "CarsonModel": ["CarsonSyntax"],
    "CarsonCLI": [
      "CarsonSyntax", "CarsonModel", "CarsonEngine", "CarsonReport", "CarsonDocker", "CarsonGit", "CarsonGitLab", "CarsonHTTP",
      "CarsonFormat", "CarsonLSP", "CarsonHashing",
    ],
    "carson": ["CarsonCLI"],
    "CarsonBench": ["CarsonSyntax", "CarsonModel", "CarsonExec", "CarsonGit", "CarsonLSP", "CarsonHTTP"],
    "CLibGit2": [],
    "CarsonGit": ["CLibGit2", "CarsonHashing"],
    "CarsonHTTP": [],
    "CCarsonCurl": [],
    "CarsonGitLab": ["CCarsonCurl"],
    "CarsonFormat": ["CarsonSyntax"],
    "CarsonLSP": ["CarsonSyntax", "CarsonModel", "CarsonFormat"],
    "CCarsonSpawn": [],
    "CarsonExec": ["CCarsonSpawn"],
    "CarsonDocker": ["CarsonExec", "CarsonHashing"],
    "CarsonHashing": [],
    "carson-shim": [],
    "CarsonGroovy": ["CarsonSyntax"],
    "CarsonEngine": ["CarsonSyntax", "CarsonModel", "CarsonGroovy", "CarsonExec", "CarsonDocker", "CarsonGit", "CarsonGitLab"],
    "CarsonReport": ["CarsonSyntax", "CarsonEngine"],
  ]

  @Test func modulesImportOnlyLowerLayers() throws {
    let sources = SharedCorpus.repositoryRoot.appendingPathComponent("Sources")
    let modules = try FileManager.default.contentsOfDirectory(atPath: sources.path)
    let projectModules = Set(modules)
    for module in modules {
      let allowed = try #require(Self.allowedImports[module], "module \(module) has no entry in the layering table")
      let files = FileManager.default.enumerator(atPath: sources.appendingPathComponent(module).path)?.allObjects as? [String] ?? []
      for file in files where file.hasSuffix(".swift") {
        let text = try String(contentsOf: sources.appendingPathComponent(module).appendingPathComponent(file), encoding: .utf8)
        for line in text.split(separator: "\n") where line.hasPrefix("import ") {
          let imported = String(line.dropFirst("import ".count)).trimmingCharacters(in: .whitespaces)
          if projectModules.contains(imported) {
            #expect(allowed.contains(imported), "\(module)/\(file) imports \(imported)")
          }
        }
      }
    }
  }
}

@Suite struct GeneratedDocsTests {
  @Test func stepsDocumentMatchesTheCatalogue() throws {
    try expectDocument(Catalogue.standard.markdown(), "docs/steps.md")
  }
}

/// Compares a generated document with the file; `UPDATE_GOLDENS=1` rewrites the file.
func expectDocument(_ actual: String, _ relative: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
  let url = SharedCorpus.repositoryRoot.appendingPathComponent(relative)
  if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
    try actual.write(to: url, atomically: true, encoding: .utf8)
    return
  }
  let expected = try String(contentsOf: url, encoding: .utf8)
  #expect(actual == expected, "\(relative) is out of date (UPDATE_GOLDENS=1 regenerates it)", sourceLocation: sourceLocation)
}
