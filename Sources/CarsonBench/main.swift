import CarsonModel
import CarsonSyntax
import Foundation

// Temporary: prints every diagnostic as JSON lines (path, line, message).
for path in CommandLine.arguments.dropFirst() {
  let data = FileManager.default.contents(atPath: path) ?? Data()
  let source = SourceFile(path: path, bytes: Array(data))
  let result = Linter.check(source, options: ValidationOptions(installedTools: path.contains("conformance") ? ["maven": ["apache-maven-3.0.1", "apache-maven-3.5.0"], "ant": ["default"]] : nil))
  for d in result.diagnostics {
    let loc = source.location(of: d.range.start)
    let obj: [String: Any] = ["path": path, "line": loc.line, "column": loc.column, "severity": d.severity.rawValue, "message": d.message, "id": d.id.rawValue, "kind": result.kind.rawValue]
    let json = try! JSONSerialization.data(withJSONObject: obj)
    print(String(decoding: json, as: UTF8.self))
  }
  if result.diagnostics.isEmpty {
    print(String(decoding: try! JSONSerialization.data(withJSONObject: ["path": path, "kind": result.kind.rawValue]), as: UTF8.self))
  }
}
