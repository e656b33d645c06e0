import CarsonGroovy
import CarsonSyntax
import Foundation

/// `env`: reads see the calling branch's environment; `env.X = v` sets a build-wide variable,
/// as Jenkins' `EnvActionImpl` does.
final class EnvObject: GObject {
  let context: BranchContext
  init(_ context: BranchContext) { self.context = context }

  var groovyClassName: String { "org.jenkinsci.plugins.workflow.cps.EnvActionImpl" }
  var groovyDescription: String { "org.jenkinsci.plugins.workflow.cps.EnvActionImpl@1" }

  func getProperty(_ name: String, _ evaluation: EvaluationContext) throws -> GValue {
    let branch = evaluation as? BranchContext ?? context
    return branch.variable(name).map { .string($0) } ?? .null
  }

  func setProperty(_ name: String, _ value: GValue, _ evaluation: EvaluationContext) throws {
    context.run.build.setEnvironment(name, value.isNull ? nil : Groovy.string(value))
  }

  func invokeMethod(_ name: String, _ arguments: CallArguments, _ evaluation: EvaluationContext) throws -> GValue {
    let branch = evaluation as? BranchContext ?? context
    switch name {
    case "getProperty", "getAt", "get": return try getProperty(Groovy.string(arguments.positional.first ?? .null), evaluation)
    case "setProperty", "putAt", "put":
      try setProperty(Groovy.string(arguments.positional.first ?? .null), arguments.positional.count > 1 ? arguments.positional[1] : .null, evaluation)
      return .null
    case "getEnvironment", "getOverriddenEnvironment":
      return .map(GMap(branch.environment.sorted { $0.key < $1.key }.map { (.string($0.key), .string($0.value)) }))
    default: throw GroovyError.missingMethod(name, groovyClassName, arguments.groovyArguments.count)
    }
  }
}

/// `currentBuild`: result (only gets worse), currentResult, number, names, description.
final class CurrentBuildObject: GObject {
  let context: BranchContext
  init(_ context: BranchContext) { self.context = context }

  var run: PipelineRun { context.run }
  var groovyClassName: String { "org.jenkinsci.plugins.workflow.support.steps.build.RunWrapper" }

  func getProperty(_ name: String, _ evaluation: EvaluationContext) throws -> GValue {
    let branch = evaluation as? BranchContext ?? context
    switch name {
    case "result":
      if let post = branch.postResult { return .string(post.name) }
      return run.build.explicit.map { .string($0.name) } ?? .null
    case "currentResult": return .string((branch.postResult ?? run.build.result).name)
    case "number", "id": return name == "id" ? .string(String(run.buildNumber)) : .int(Int64(run.buildNumber))
    case "displayName": return .string(run.build.displayName ?? "#\(run.buildNumber)")
    case "fullDisplayName": return .string("\(run.options.jobName) #\(run.buildNumber)")
    case "description": return run.build.description.map { .string($0) } ?? .null
    case "projectName": return .string(String(run.options.jobName.split(separator: "/").last ?? ""))
    case "fullProjectName": return .string(run.options.jobName)
    case "startTimeInMillis", "timeInMillis": return .int(Int64(run.startTime.timeIntervalSince1970 * 1000))
    case "duration": return .int(Int64(Date().timeIntervalSince(run.startTime) * 1000))
    case "durationString": return .string("\(Int(Date().timeIntervalSince(run.startTime))) sec and counting")
    case "absoluteUrl": return .string("file://\(run.options.workspace)/")
    case "buildVariables": return .map(GMap(run.buildVariables.map { (.string($0.key), .string($0.value)) }))
    case "changeSets": return .list([])
    case "previousBuild", "previousCompletedBuild", "previousSuccessfulBuild":
      guard let previous = run.previous.previousResult, run.buildNumber > 1 else { return .null }
      return .object(PreviousBuildObject(number: run.buildNumber - 1, result: previous))
    case "rawBuild":
      throw GroovyError(
        "org.jenkinsci.plugins.scriptsecurity.sandbox.RejectedAccessException",
        "Scripts not permitted to use method org.jenkinsci.plugins.workflow.support.steps.build.RunWrapper getRawBuild")
    default: throw GroovyError.missingProperty(name, groovyClassName)
    }
  }

  func setProperty(_ name: String, _ value: GValue, _ evaluation: EvaluationContext) throws {
    switch name {
    case "result":
      guard let result = BuildResult(name: Groovy.string(value)) else {
        throw GroovyError.illegalArgument("'\(Groovy.string(value))' is not a build result")
      }
      // The build's result only: Jenkins adds no warning to the stage, so its status stays.
      run.build.setResult(result)
    case "displayName": run.build.displayName = Groovy.string(value)
    case "description": run.build.description = Groovy.string(value)
    default: throw GroovyError.readOnlyProperty(name, groovyClassName)
    }
  }

  func invokeMethod(_ name: String, _ arguments: CallArguments, _ evaluation: EvaluationContext) throws -> GValue {
    switch name {
    case "getBuildCauses":
      return .list(GList(run.options.causes.map { cause in
        var fields: [(GValue, GValue)] = [(.string("_class"), .string(cause.className)), (.string("shortDescription"), .string(cause.shortDescription))]
        if let user = cause.userID { fields += [(.string("userId"), .string(user)), (.string("userName"), .string(user))] }
        return .map(GMap(fields))
      }))
    case "resultIsBetterOrEqualTo", "resultIsWorseOrEqualTo":
      guard let other = BuildResult(name: Groovy.string(arguments.positional.first ?? .null)) else { return .bool(false) }
      let current = (evaluation as? BranchContext)?.postResult ?? run.build.result
      return .bool(name == "resultIsBetterOrEqualTo" ? current <= other : current >= other)
    default:
      if name.hasPrefix("get"), name.count > 3 {
        let property = name.dropFirst(3).prefix(1).lowercased() + name.dropFirst(4)
        return try getProperty(property, evaluation)
      }
      if name.hasPrefix("set"), name.count > 3, let value = arguments.positional.first {
        try setProperty(name.dropFirst(3).prefix(1).lowercased() + name.dropFirst(4), value, evaluation)
        return .null
      }
      throw GroovyError.missingMethod(name, groovyClassName, arguments.groovyArguments.count)
    }
  }
}

final class PreviousBuildObject: GObject {
  let number: Int
  let result: BuildResult
  init(number: Int, result: BuildResult) {
    self.number = number
    self.result = result
  }
  var groovyClassName: String { "org.jenkinsci.plugins.workflow.support.steps.build.RunWrapper" }

  func getProperty(_ name: String, _ context: EvaluationContext) throws -> GValue {
    switch name {
    case "result", "currentResult": return .string(result.name)
    case "number": return .int(Int64(number))
    case "previousBuild": return .null
    default: throw GroovyError.missingProperty(name, groovyClassName)
    }
  }
}

/// `scm`: the run's repository (the workspace itself on the host).
final class SCMObject: GObject {
  var groovyClassName: String { "hudson.plugins.git.GitSCM" }
  func getProperty(_ name: String, _ context: EvaluationContext) throws -> GValue {
    switch name {
    case "branches", "userRemoteConfigs", "extensions": return .list([])
    default: throw GroovyError.missingProperty(name, groovyClassName)
    }
  }
}

/// `steps`: the object shared libraries receive to call steps (`steps.sh 'x'`).
final class StepsObject: GObject {
  unowned let run: PipelineRun
  let context: BranchContext
  init(run: PipelineRun, context: BranchContext) {
    self.run = run
    self.context = context
  }
  var groovyClassName: String { "org.jenkinsci.plugins.workflow.cps.DSL" }

  func invokeMethod(_ name: String, _ arguments: CallArguments, _ evaluation: EvaluationContext) throws -> GValue {
    let branch = evaluation as? BranchContext ?? context
    guard let value = try run.callStep(name, arguments, branch, at: SourceRange.point(0)) else {
      throw run.interpreter.host.noSuchMethod(name)
    }
    return value
  }

  func getProperty(_ name: String, _ evaluation: EvaluationContext) throws -> GValue {
    if name == "env" { return .object(EnvObject(evaluation as? BranchContext ?? context)) }
    throw GroovyError.missingProperty(name, groovyClassName)
  }
}

/// A Java package prefix (`hudson.FilePath`, `java.util.Date`): a capitalized member names a class,
/// anything else extends the package.
final class PackageObject: GObject {
  static let roots: Set<String> = ["hudson", "jenkins", "java", "javax", "groovy", "org"]
  let name: String
  init(_ name: String) { self.name = name }
  var groovyClassName: String { "java.lang.Package" }
  func getProperty(_ member: String, _ context: EvaluationContext) throws -> GValue {
    let qualified = name + "." + member
    if member.first?.isUppercase == true { return .object(StaticClasses.classObject(qualified)) }
    return .object(PackageObject(qualified))
  }
}
