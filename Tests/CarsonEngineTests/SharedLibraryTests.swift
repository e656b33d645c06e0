import CarsonEngine
import CarsonModel
import CarsonSyntax
import Foundation
import Testing

/// Writes a library's files under `scratch` and returns its directory.
func makeLibrary(_ scratch: Scratch, _ name: String, _ files: [String: String]) throws -> String {
  let directory = scratch.path + "/libraries/" + name
  for (path, content) in files {
    let file = directory + "/" + path
    try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try content.write(toFile: file, atomically: true, encoding: .utf8)
  }
  return directory
}

/// A library with one var of each calling form.
func utilsLibrary(_ scratch: Scratch) throws -> String {
  try makeLibrary(scratch, "utils", [
    "vars/greet.groovy": #"def call(name = 'nobody') { echo "Hello ${name}" }"#,
    "vars/add.groovy": #"def call(a, b) { echo "sum ${a + b}"; return a + b }"#,
    "vars/deploy.groovy": #"def call(Map config) { echo "deploying ${config.app} to ${config.env}" }"#,
    "vars/twice.groovy": "def call(Closure body) { body(); body() }",
    "vars/tools.groovy": """
      def version() { return '1.2.3' }
      def remember(v) { this.saved = v }
      def recall() { return saved }
      """,
    "vars/isRelease.groovy": "def call() { return env.BRANCH_NAME == 'release' }",
    "vars/build.groovy": """
      def call(target) {
        greet(target)
        sh "echo building ${target}"
      }
      """,
  ])
}

@Suite struct SharedLibraryTests {
  let scratch = Scratch()

  func run(_ jenkinsfile: String, libraries: [LibraryDefinition], configure: (inout RunOptions) -> Void = { _ in }) throws -> EngineRun {
    try runPipeline(jenkinsfile, scratch: scratch) { options in
      options.libraries = libraries
      configure(&options)
    }
  }

  // MARK: Loading forms

  @Test func annotationWithPlaceholderLoadsVars() throws {
    let library = try utilsLibrary(scratch)
    let outcome = try run(
      """
      @Library('utils') _
      pipeline { agent any; stages { stage('Build') { steps { greet('World') } } } }
      """, libraries: [LibraryDefinition(name: "utils", location: library)])
    #expect(outcome.result == .success)
    #expect(outcome.jenkins.contains("Loading library utils\n"))
    #expect(outcome.jenkins.contains("Hello World"))
  }

  @Test func annotationWithListLoadsEveryLibraryAtItsVersion() throws {
    let a = try makeLibrary(scratch, "a", ["vars/fromA.groovy": "def call() { echo 'from a' }"])
    let b = try makeLibrary(scratch, "b", ["vars/fromB.groovy": "def call() { echo 'from b' }"])
    let outcome = try run(
      """
      @Library(['a', 'b@v2']) _
      pipeline { agent any; stages { stage('Build') { steps { fromA(); fromB() } } } }
      """, libraries: [LibraryDefinition(name: "a", location: a), LibraryDefinition(name: "b", location: b, defaultVersion: "v1")])
    #expect(outcome.result == .success)
    #expect(outcome.jenkins.contains("Loading library b@v2"))
    #expect(outcome.jenkins.contains("from a") && outcome.jenkins.contains("from b"))
  }

  @Test func libraryStepLoadsAtRunTime() throws {
    let library = try utilsLibrary(scratch)
    let outcome = try run(
      """
      pipeline { agent any; stages { stage('Build') { steps { library 'utils@main'; greet('step') } } } }
      """, libraries: [LibraryDefinition(name: "utils", location: library)])
    #expect(outcome.result == .success)
    #expect(outcome.jenkins.contains("Loading library utils@main"))
    #expect(outcome.jenkins.contains("Hello step"))
  }

  @Test func librariesDirectiveEvaluatesItsIdentifiers() throws {
    let library = try utilsLibrary(scratch)
    let outcome = try run(
      """
      def which = 'utils'
      pipeline {
        agent any
        libraries { lib("${which}@main") }
        stages { stage('Build') { steps { greet('directive') } } }
      }
      """, libraries: [LibraryDefinition(name: "utils", location: library)])
    #expect(outcome.result == .success)
    #expect(outcome.jenkins.contains("Loading library utils@main"))
    #expect(outcome.jenkins.contains("Hello directive"))
  }

  @Test func implicitLibraryNeedsNoAnnotation() throws {
    let library = try utilsLibrary(scratch)
    let outcome = try run(
      "pipeline { agent any; stages { stage('Build') { steps { greet('implicit') } } } }",
      libraries: [LibraryDefinition(name: "utils", location: library, implicit: true)])
    #expect(outcome.result == .success)
    #expect(outcome.jenkins.contains("Hello implicit"))
    // Without `implicit`, the var is unknown.
    let without = try run(
      "pipeline { agent any; stages { stage('Build') { steps { greet('implicit') } } } }",
      libraries: [LibraryDefinition(name: "utils", location: library)])
    #expect(without.result == .failure)
    #expect(without.jenkins.contains("No such DSL method 'greet'"))
  }

  // MARK: Calling forms

  @Test func everyCallingForm() throws {
    let library = try utilsLibrary(scratch)
    let outcome = try run(
      """
      @Library('utils') _
      pipeline {
        agent any
        stages {
          stage('Build') {
            when { expression { !isRelease() } }
            steps {
              greet()
              add(2, 3)
              deploy(app: 'web', env: 'prod')
              twice { echo 'in body' }
              echo "version ${tools.version()}"
              build('lib')
              script {
                def total = add(10, 5)
                echo "total ${total}"
                tools.remember('kept')
                echo "recalled ${tools.recall()} and ${tools.saved}"
              }
            }
          }
        }
      }
      """, libraries: [LibraryDefinition(name: "utils", location: library)])
    #expect(outcome.result == .success, "\(outcome.jenkins)")
    let log = outcome.jenkins
    #expect(log.contains("Hello nobody"))
    #expect(log.contains("sum 5"))
    #expect(log.contains("deploying web to prod"))
    #expect(log.components(separatedBy: "in body").count == 3)
    #expect(log.contains("version 1.2.3"))
    #expect(log.contains("Hello lib") && log.contains("building lib"))
    #expect(log.contains("total 15"))
    #expect(log.contains("recalled kept and kept"))
  }

  @Test func varInWhenExpressionDecides() throws {
    let library = try utilsLibrary(scratch)
    let outcome = try run(
      """
      @Library('utils') _
      pipeline { agent any; stages { stage('Ship') { when { expression { isRelease() } }; steps { echo 'shipped' } } } }
      """, libraries: [LibraryDefinition(name: "utils", location: library)]) { $0.branch = "main" }
    #expect(outcome.result == .success)
    #expect(!outcome.jenkins.contains("shipped"))
    let release = try run(
      """
      @Library('utils') _
      pipeline { agent any; stages { stage('Ship') { when { expression { isRelease() } }; steps { echo 'shipped' } } } }
      """, libraries: [LibraryDefinition(name: "utils", location: library)]) { $0.branch = "release" }
    #expect(release.jenkins.contains("shipped"))
  }

  @Test func fieldsAndClassesFromSource() throws {
    let library = try makeLibrary(scratch, "zot", [
      "src/org/foo/Zot.groovy": """
        package org.foo

        class Zot implements Serializable {
          def steps
          def count = 0
          Zot(steps) {
            this.steps = steps
          }
          def say(msg) {
            count++
            steps.echo "zot says ${msg} (${count})"
          }
        }
        """,
      "vars/counter.groovy": """
        import groovy.transform.Field
        @Field def start = 40
        def call() { return start + 2 }
        """,
    ])
    let outcome = try run(
      """
      @Library('zot') _
      import org.foo.Zot
      pipeline {
        agent any
        stages { stage('Build') { steps { script {
          def z = new Zot(steps)
          z.say('hi')
          z.say('again')
          echo "counter ${counter()}"
        } } } }
      }
      """, libraries: [LibraryDefinition(name: "zot", location: library)])
    #expect(outcome.result == .success, "\(outcome.jenkins)")
    #expect(outcome.jenkins.contains("zot says hi (1)"))
    #expect(outcome.jenkins.contains("zot says again (2)"))
    #expect(outcome.jenkins.contains("counter 42"))
  }

  // MARK: Errors

  /// The build fails before its first stage with `message` in the log.
  func expectLoadFailure(_ jenkinsfile: String, _ libraries: [LibraryDefinition], _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let outcome = try run(jenkinsfile, libraries: libraries)
    #expect(outcome.result == .failure, sourceLocation: sourceLocation)
    #expect(outcome.jenkins.contains(message), "log:\n\(outcome.jenkins)", sourceLocation: sourceLocation)
    #expect(!outcome.jenkins.contains("{ (Build)"), "a stage ran", sourceLocation: sourceLocation)
  }

  static let buildStage = "pipeline { agent any; stages { stage('Build') { steps { echo 'x' } } } }"

  @Test func unknownLibraryFailsBeforeAnyStage() throws {
    let library = try utilsLibrary(scratch)
    try expectLoadFailure("@Library('nope') _\n" + Self.buildStage, [LibraryDefinition(name: "utils", location: library)], "No library named nope found (configured: utils;")
  }

  @Test func versionOverrideNotAllowed() throws {
    let library = try utilsLibrary(scratch)
    let locked = LibraryDefinition(name: "utils", location: library, defaultVersion: "v1", allowVersionOverride: false)
    try expectLoadFailure("@Library('utils@v2') _\n" + Self.buildStage, [locked], "Version override not permitted for library utils")
    // The default version itself may be named.
    let outcome = try run("@Library('utils@v1') _\n" + Self.buildStage, libraries: [locked])
    #expect(outcome.result == .success)
  }

  @Test func missingDirectoryAndEmptyLibrary() throws {
    try expectLoadFailure(
      "@Library('gone') _\n" + Self.buildStage, [LibraryDefinition(name: "gone", location: scratch.path + "/nowhere")],
      "Library gone: the directory \(scratch.path)/nowhere does not exist")
    let empty = try makeLibrary(scratch, "empty", ["README.md": "nothing"])
    try expectLoadFailure(
      "@Library('empty') _\n" + Self.buildStage, [LibraryDefinition(name: "empty", location: empty)],
      "Library empty expected to contain at least one of src or vars directories")
  }

  @Test func varSyntaxErrorNamesFileAndLine() throws {
    let library = try makeLibrary(scratch, "broken", ["vars/broken.groovy": "def call() {\n  echo 'x'\n  if (\n}\n"])
    try expectLoadFailure("@Library('broken') _\n" + Self.buildStage, [LibraryDefinition(name: "broken", location: library)], "\(library)/vars/broken.groovy:")
  }

  @Test func unsupportedClassNamesFileAndLine() throws {
    let library = try makeLibrary(scratch, "fancy", [
      "src/org/x/Child.groovy": "package org.x\n\nclass Child extends Base {\n  def hello() { 'hi' }\n}\n",
    ])
    let outcome = try run(
      """
      @Library('fancy') _
      import org.x.Child
      pipeline { agent any; stages { stage('Build') { steps { script { new Child() } } } } }
      """, libraries: [LibraryDefinition(name: "fancy", location: library)])
    #expect(outcome.result == .failure)
    #expect(outcome.jenkins.contains("ERROR: \(library)/src/org/x/Child.groovy:3:7: Carson does not support this: class Child extends Base"), "\(outcome.jenkins)")
  }

  @Test func runtimeErrorInVarNamesItsFile() throws {
    let library = try makeLibrary(scratch, "bad", ["vars/fails.groovy": "def call() {\n  def x = null\n  x.boom()\n}\n"])
    let outcome = try run(
      "@Library('bad') _\npipeline { agent any; stages { stage('Build') { steps { fails() } } } }",
      libraries: [LibraryDefinition(name: "bad", location: library)])
    #expect(outcome.result == .failure)
    #expect(outcome.jenkins.contains("Cannot invoke method boom() on null object"))
    #expect(outcome.jenkins.contains("\tat fails(\(library)/vars/fails.groovy:3)"), "\(outcome.jenkins)")
  }

  @Test func gitLibraryIsFetchedOncePerCommit() throws {
    let repository = try makeLibrary(scratch, "remote", ["vars/hello.groovy": "def call() { echo 'version one' }"])
    try commitRepository(repository)
    let definition = LibraryDefinition(name: "remote", location: "file://" + repository)
    let jenkinsfile = "@Library('remote@master') _\npipeline { agent any; stages { stage('Build') { steps { hello() } } } }"
    let first = try run(jenkinsfile, libraries: [definition])
    #expect(first.result == .success, "\(first.jenkins)")
    #expect(first.jenkins.contains("Loading library remote@master") && first.jenkins.contains("version one"))
    let cache = scratch.path + "/state/libraries/" + "file___" + repository.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" }
    let commits = try FileManager.default.contentsOfDirectory(atPath: cache).filter { !$0.hasPrefix(".") }
    #expect(commits.count == 1 && first.jenkins.contains("is commit \(commits.first ?? "?")"))
    // The same commit comes from the cache: a marker put into the cached copy is seen.
    try "def call() { echo 'from the cache' }".write(toFile: cache + "/" + commits[0] + "/vars/hello.groovy", atomically: true, encoding: .utf8)
    #expect(try run(jenkinsfile, libraries: [definition]).jenkins.contains("from the cache"))
    // A new commit on the branch is fetched.
    try "def call() { echo 'version two' }".write(toFile: repository + "/vars/hello.groovy", atomically: true, encoding: .utf8)
    try commitRepository(repository)
    let third = try run(jenkinsfile, libraries: [definition])
    #expect(third.jenkins.contains("version two"), "\(third.jenkins)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: cache).filter { !$0.hasPrefix(".") }.count == 2)
  }

  @Test func gitLibraryUnknownVersionFails() throws {
    let repository = try makeLibrary(scratch, "remote", ["vars/hello.groovy": "def call() { echo 'x' }"])
    try commitRepository(repository)
    try expectLoadFailure(
      "@Library('remote@no-such-branch') _\n" + Self.buildStage, [LibraryDefinition(name: "remote", location: "file://" + repository)],
      "cannot fetch version no-such-branch of library at file://\(repository)")
  }

  @Test func libraryResourceReadsResources() throws {
    let library = try makeLibrary(scratch, "res", ["resources/org/x/template.txt": "template body", "vars/noop.groovy": "def call() {}"])
    let outcome = try run(
      "@Library('res') _\npipeline { agent any; stages { stage('Build') { steps { script { echo libraryResource('org/x/template.txt') } } } } }",
      libraries: [LibraryDefinition(name: "res", location: library)])
    #expect(outcome.result == .success)
    #expect(outcome.jenkins.contains("template body"))
  }

  // MARK: Configuration

  @Test func libraryFlagForms() throws {
    let plain = try LibraryDefinition.parse("utils=libs/utils", relativeTo: "/work")
    #expect(plain == LibraryDefinition(name: "utils", location: "/work/libs/utils"))
    let versioned = try LibraryDefinition.parse("utils@v2=https://git.example.com/utils.git", relativeTo: "/work")
    #expect(versioned == LibraryDefinition(name: "utils", location: "https://git.example.com/utils.git", defaultVersion: "v2"))
    #expect(throws: RunSetupError.self) { try LibraryDefinition.parse("utils", relativeTo: "/work") }
    #expect(throws: RunSetupError.self) { try LibraryDefinition.parse("=x", relativeTo: "/work") }
  }

  @Test func librariesFile() throws {
    let json = try JSONValue.parse(Array(#"""
      [{"name": "utils", "path": "libs/utils", "implicit": true},
       {"name": "remote", "url": "git@git.example.com:team/lib.git", "defaultVersion": "main", "allowVersionOverride": false, "credentialsId": "git-key"}]
      """#.utf8))
    let definitions = try LibraryDefinition.loadAll(json, relativeTo: "/conf")
    #expect(definitions == [
      LibraryDefinition(name: "utils", location: "/conf/libs/utils", implicit: true),
      LibraryDefinition(name: "remote", location: "git@git.example.com:team/lib.git", defaultVersion: "main", allowVersionOverride: false, credentialsID: "git-key"),
    ])
    for bad in [#"{"name": "x"}"#, #"[{"path": "x"}]"#, #"[{"name": "x"}]"#, #"[{"name": "x", "path": "a", "url": "b"}]"#, #"[{"name": "x", "path": "a", "colour": 1}]"#] {
      #expect(throws: RunSetupError.self) { try LibraryDefinition.loadAll(try JSONValue.parse(Array(bad.utf8)), relativeTo: "/") }
    }
  }

  @Test func lintDoesNotFlagLibraryVarsAsUnknownSteps() {
    let lint = Linter.check(SourceFile(path: "Jenkinsfile", text: "@Library('utils') _\n" + "pipeline { agent any; stages { stage('Build') { steps { greet('x') } } } }"))
    #expect(!lint.diagnostics.contains { $0.id == .unknownStep })
    #expect(!lint.hasErrors)
  }
}
