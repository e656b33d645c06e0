import CarsonGroovy
import Foundation

/// `checkout scm`, `checkout([$class: 'GitSCM', …])`, `checkout scmGit(…)` and `git url: …`.
enum SCMSteps {
  static let steps: [String: StepImplementation] = [
    "checkout": { step in
      let scm = step.value("scm") ?? .null
      if case .object(let object) = scm, object is SCMObject {
        let vars = try step.run.checkoutSCM(step.context, subdirectory: nil)
        return variablesMap(vars)
      }
      guard case .map(let map) = scm else {
        throw StepFailure("checkout: expected scm, [$class: 'GitSCM', …] or scmGit(…), got \(Groovy.string(scm))")
      }
      let kind = map[string: "$class"].map(Groovy.string) ?? map[string: "$symbol"].map(Groovy.string) ?? ""
      guard kind == "GitSCM" || kind == "hudson.plugins.git.GitSCM" || kind == "scmGit" else {
        throw StepFailure("checkout: only git is supported; \(kind.isEmpty ? "this SCM" : kind) is not")
      }
      let spec = try gitSCMSpec(map)
      return try checkout(spec, step)
    },
    "git": { step in
      var spec = GitCheckoutSpec(url: try step.required("url"), branch: step.string("branch") ?? "master", credentialsID: step.string("credentialsId"))
      spec.branch = spec.branch.map(branchName)
      return try checkout(spec, step)
    },
    // `scmGit(…)` and the git extensions' symbols build the describable maps `checkout` reads.
    "scmGit": { step in symbolMap("scmGit", step) },
    "cloneOption": { step in symbolMap("CloneOption", step) },
    "relativeTargetDirectory": { step in symbolMap("RelativeTargetDirectory", step, soleParameter: "relativeTargetDir") },
    "cleanBeforeCheckout": { step in symbolMap("CleanBeforeCheckout", step) },
    "cleanAfterCheckout": { step in symbolMap("CleanCheckout", step) },
    "localBranch": { step in symbolMap("LocalBranch", step, soleParameter: "localBranch") },
  ]

  static func checkout(_ spec: GitCheckoutSpec, _ step: StepInvocation) throws -> GValue {
    let base = step.context.directory
    let target = spec.subdirectory.map { $0.hasPrefix("/") ? $0 : base + "/" + $0 } ?? base
    let result = try step.run.gitCheckout(spec, into: target, step.context)
    return variablesMap(SourceRepository.variables(result, branchName: result.branch.map { "origin/\($0)" }, previousCommit: nil))
  }

  /// `[$class: 'GitSCM', branches: [[name: '*/main']], userRemoteConfigs: [[url: …, credentialsId: …]], extensions: […]]`.
  static func gitSCMSpec(_ map: GMap) throws -> GitCheckoutSpec {
    let remotes = list(map[string: "userRemoteConfigs"])
    guard case .map(let remote)? = remotes.first, let url = remote[string: "url"].map(Groovy.string), !url.isEmpty else {
      throw StepFailure("checkout: GitSCM needs userRemoteConfigs: [[url: '…']]")
    }
    var branch: String?
    if case .map(let first)? = list(map[string: "branches"]).first, let name = first[string: "name"].map(Groovy.string) {
      branch = branchName(name)
    }
    var spec = GitCheckoutSpec(url: url, branch: branch ?? "master", credentialsID: remote[string: "credentialsId"].map(Groovy.string))
    for case .map(let extensionMap) in list(map[string: "extensions"]) {
      let name = (extensionMap[string: "$class"] ?? extensionMap[string: "$symbol"]).map(Groovy.string) ?? ""
      switch name.split(separator: ".").last.map(String.init) ?? name {
      case "RelativeTargetDirectory": spec.subdirectory = extensionMap[string: "relativeTargetDir"].map(Groovy.string)
      case "CleanBeforeCheckout", "CleanCheckout", "WipeWorkspace": spec.clean = true
      case "CloneOption":
        spec.narrow = extensionMap[string: "shallow"].map(Groovy.truthy) == true || extensionMap[string: "depth"].map { !$0.isNull } == true
      default: break  // LocalBranch, SubmoduleOption, …: no effect on what is checked out here.
      }
    }
    return spec
  }

  /// `*/main`, `origin/main`, `refs/heads/main` → `main` (a tag or SHA stays as it is).
  static func branchName(_ name: String) -> String {
    var result = name
    for prefix in ["*/", "origin/", "refs/heads/"] where result.hasPrefix(prefix) { result.removeFirst(prefix.count) }
    return result
  }

  static func list(_ value: GValue?) -> [GValue] {
    if case .list(let items)? = value { return items.items }
    if let value, case .map = value { return [value] }
    return []
  }

  static func symbolMap(_ symbol: String, _ step: StepInvocation, soleParameter: String? = nil) -> GValue {
    let map = GMap()
    map[string: "$class"] = .string(symbol)
    for (key, value) in step.arguments.named { map[string: key] = value }
    if let soleParameter, let first = step.arguments.positional.first { map[string: soleParameter] = first }
    return .map(map)
  }

  static func variablesMap(_ vars: [String: String]) -> GValue {
    .map(GMap(vars.sorted { $0.key < $1.key }.map { (.string($0.key), .string($0.value)) }))
  }
}
