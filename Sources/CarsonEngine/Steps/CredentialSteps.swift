import CarsonGroovy
import Foundation

/// `withCredentials([…]) { … }` and the binding constructors written inside its list
/// (`string(credentialsId:, variable:)`, `usernamePassword(…)`, `file(…)`, `sshUserPrivateKey(…)`).
enum CredentialSteps {
  static let steps: [String: StepImplementation] = [
    "withCredentials": withCredentials
  ]

  /// Constructors: they describe a binding and return it as a map (no step events).
  static let bindingKinds: Set<String> = ["string", "usernamePassword", "usernameColonPassword", "file", "sshUserPrivateKey", "certificate"]

  static func binding(_ kind: String, _ arguments: CallArguments) -> GValue {
    let map = GMap(arguments.named.map { (.string($0.0), $0.1) })
    map[string: "$symbol"] = .string(kind)
    return .map(map)
  }

  static func withCredentials(_ step: StepInvocation) throws -> GValue {
    let inner = step.context.derived()
    var overlay: [String: String] = [:]
    for binding in try step.run.interpreter.iterate(step.value("bindings") ?? .null, at: step.range) {
      guard case .map(let map) = binding else { continue }
      func field(_ name: String) -> String? { map[string: name].flatMap { $0.isNull ? nil : Groovy.string($0) } }
      let kind = field("$symbol") ?? classSymbol(field("$class"))
      guard let id = field("credentialsId") else { throw StepFailure("withCredentials: a binding has no credentialsId") }
      guard let credential = step.run.options.credentials.credentials[id] else {
        throw StepFailure("Could not find credentials entry with ID '\(id)' (give it in --credentials FILE)")
      }
      let masker = step.run.masker
      switch (kind, credential) {
      case ("string", .secretText(let secret)):
        masker.add(secret)
        overlay[field("variable") ?? "SECRET"] = secret
      case ("usernamePassword", .usernamePassword(let user, let password, let usernameSecret)):
        masker.add(password)
        if usernameSecret { masker.add(user) }
        if let variable = field("usernameVariable") { overlay[variable] = user }
        if let variable = field("passwordVariable") { overlay[variable] = password }
      case ("usernameColonPassword", .usernamePassword(let user, let password, _)):
        masker.add(password)
        masker.add("\(user):\(password)")
        overlay[field("variable") ?? "CREDENTIALS"] = "\(user):\(password)"
      case ("file", .secretFile(let path)):
        overlay[field("variable") ?? "FILE"] = try step.run.secretFileCopy(path)
      case ("sshUserPrivateKey", .sshKey):
        let bound = try step.run.bindCredential(id, variable: field("keyFileVariable") ?? "KEY_FILE", context: step.context)
        overlay[field("keyFileVariable") ?? "KEY_FILE"] = bound[0].1
        if let variable = field("usernameVariable") { overlay[variable] = bound[1].1 }
        if let variable = field("passphraseVariable"), bound.count > 2 { overlay[variable] = bound[2].1 }
      default:
        throw StepFailure("Credentials '\(id)' is of the wrong kind for a \(kind) binding")
      }
    }
    inner.overlays.append(overlay)
    return try step.body(inner)
  }

  /// `[$class: 'UsernamePasswordMultiBinding', …]` → `usernamePassword`.
  static func classSymbol(_ className: String?) -> String {
    switch className {
    case "UsernamePasswordMultiBinding": return "usernamePassword"
    case "UsernamePasswordBinding": return "usernameColonPassword"
    case "StringBinding": return "string"
    case "FileBinding": return "file"
    case "SSHUserPrivateKeyBinding": return "sshUserPrivateKey"
    default: return className ?? ""
    }
  }
}
