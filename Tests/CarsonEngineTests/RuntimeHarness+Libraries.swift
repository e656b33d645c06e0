import CarsonEngine
import CarsonSyntax
import Foundation

/// The shared libraries of a corpus case, as directories under `scratch`: the repositories of
/// `setup.library_repos` (named in the prose of `setup.libraries`, e.g. `global library
/// "echo-utils" = otherRepo`), and for `setup.global_library` the implicit library of Jenkins'
/// test `initGlobalLibrary()`.
func harnessLibraries(_ setup: JSONValue, scratch: String, corpus: URL) throws -> [LibraryDefinition] {
  var definitions: [LibraryDefinition] = []
  func write(_ files: [(String, String)], into directory: String) throws {
    for (name, content) in files {
      let path = directory + "/" + name
      try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try content.write(toFile: path, atomically: true, encoding: .utf8)
    }
  }
  if setup["global_library"] != nil {
    let directory = scratch + "/libraries/somelib"
    try write(initGlobalLibraryVars, into: directory)
    definitions.append(LibraryDefinition(name: "somelib", location: directory, implicit: true))
  }
  let repositories = setup["library_repos"]?.objectValue ?? []
  let prose = setup["libraries"]?.stringValue ?? ""
  let pattern = try NSRegularExpression(pattern: #""([^"]+)" = (\w+)"#)
  for match in pattern.matches(in: prose, range: NSRange(prose.startIndex..., in: prose)) {
    guard let name = Range(match.range(at: 1), in: prose).map({ String(prose[$0]) }),
      let repository = Range(match.range(at: 2), in: prose).map({ String(prose[$0]) }),
      let files = repositories.first(where: { $0.0 == repository })?.1.objectValue
    else { continue }
    let directory = scratch + "/libraries/" + repository
    try write(
      try files.map { path, content in
        var text = content.stringValue ?? ""
        // `<contents of jenkinsfiles/x.groovy>`: another corpus file.
        if text.hasPrefix("<contents of "), text.hasSuffix(">") {
          text = try String(contentsOf: corpus.appendingPathComponent(String(text.dropFirst("<contents of ".count).dropLast())), encoding: .utf8)
        }
        return (path, text)
      }, into: directory)
    definitions.append(LibraryDefinition(name: name, location: directory))
  }
  return definitions
}

/// The vars `initGlobalLibrary()` of Jenkins' AbstractModelDefTest writes (its test sources
/// are the reference; the contents are restated here as the manifest summarises them).
let initGlobalLibraryVars: [(String, String)] = [
  ("vars/acmeVar.groovy", """
    def hello(name) {echo "Hello ${name}"}
    def foo(x) { this.x = x+'-set'; }
    def bar() { return x+'-get' }
    def baz() { return 'nothing here' }
    def pipeline(Closure c) { c.call() }
    """),
  ("vars/returnAThing.groovy", #"def call(a) { return "${a} tada" }"#),
  ("vars/acmeFunc.groovy", #"def call(a,b) { echo "call($a,$b)" }"#),
  ("vars/acmeFuncClosure1.groovy", #"def call(a, Closure body) { echo "closure1($a)"; body() }"#),
  ("vars/acmeFuncClosure2.groovy", #"def call(a, b, Closure body) { echo "closure2($a, $b)"; body() }"#),
  ("vars/acmeFuncMap.groovy", #"def call(m) { echo "map call(${m.a},${m.b})" }"#),
  ("vars/acmeBody.groovy", """
    def call(body) {
      def config = [:]
      body.resolveStrategy = Closure.DELEGATE_FIRST
      body.delegate = config
      body()
      echo 'title was '+config.title
    }
    """),
]
