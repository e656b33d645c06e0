import CarsonHTTP
import CarsonModel
import CarsonSyntax

/// The HTTP side of `carson serve-validate`: the paths of a Jenkins controller that editor
/// plugins call to lint a Jenkinsfile (`/pipeline-model-converter/validate` and its JSON
/// siblings, `/crumbIssuer/api/json|xml`), answered from `Linter.check` with Jenkins' own texts.
/// Credentials and crumbs are accepted and ignored: there is nothing to protect, and the
/// server listens on loopback unless told otherwise.
struct ValidateEndpoint: Sendable {
  /// Requests beyond this are refused with 413 before their body is read. A 5,000-line
  /// Jenkinsfile is about 200 KiB.
  static let limits = HTTPLimits(maxBodyBytes: 8 * 1024 * 1024)

  /// The converter endpoints Jenkins has that Carson does not answer (single steps in JSON form,
  /// and the JSON schema).
  static let unsupportedConverterPaths: Set<String> = ["stepsToJson", "stepsToJenkinsfile", "schema"]

  let crumb: String
  let options: ValidationOptions

  init(crumb: String = ValidateEndpoint.randomCrumb(), options: ValidationOptions = ValidationOptions()) {
    self.crumb = crumb
    self.options = options
  }

  /// 64 hex digits, the shape of Jenkins' SHA-256 crumbs.
  static func randomCrumb() -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<32).map { _ in
      let byte = UInt8.random(in: 0...255, using: &generator)
      return String(byte >> 4, radix: 16) + String(byte & 0xF, radix: 16)
    }.joined()
  }

  func respond(_ request: HTTPRequest) -> HTTPResponse {
    let path = Self.normalized(request.path)
    let method = request.method == "HEAD" ? "GET" : request.method
    switch path {
    case "/":
      return allow(["GET"], method) ?? .text(Self.index)
    case "/crumbIssuer/api/json":
      return allow(["GET", "POST"], method) ?? crumbJSON()
    case "/crumbIssuer/api/xml":
      return allow(["GET", "POST"], method) ?? crumbXML(xpath: request.query["xpath"])
    default:
      break
    }
    let converter = "/pipeline-model-converter/"
    guard path.hasPrefix(converter) else { return .text("Not found: \(path)\n", status: 404) }
    let action = String(path.dropFirst(converter.count))
    switch action {
    case "validate", "validateJenkinsfile", "toJson", "validateJson", "toJenkinsfile":
      if let refused = allow(["POST"], method) { return refused }
      let fields: [String: String]
      do throws(FormError) {
        fields = try request.submittedForm()
      } catch {
        return .text("\(error)\n", status: error.status)
      }
      switch action {
      case "validateJson": return .json(Array(ConverterAnswers.jsonAnswer(.validateJson, json: fields["json"], options: options).utf8))
      case "toJenkinsfile": return .json(Array(ConverterAnswers.jsonAnswer(.toJenkinsfile, json: fields["json"], options: options).utf8))
      default: return answer(action, jenkinsfile: fields["jenkinsfile"])
      }
    default:
      if Self.unsupportedConverterPaths.contains(action) {
        return .text(
          "carson serve-validate does not implement /pipeline-model-converter/\(action). "
            + "It answers /pipeline-model-converter/validate, /validateJenkinsfile, /toJson, /validateJson and /toJenkinsfile.\n",
          status: 501)
      }
      return .text("Not found: \(path)\n", status: 404)
    }
  }

  func answer(_ action: String, jenkinsfile: String?) -> HTTPResponse {
    if action == "validate" {
      // Jenkins validates an empty field (and finds no pipeline in it); only a missing one is refused.
      guard let jenkinsfile else { return .text("No Jenkinsfile specified", status: 200) }
      return .text(ConverterAnswers.validateText(check(jenkinsfile), content: jenkinsfile))
    }
    guard let jenkinsfile, !jenkinsfile.isEmpty else {
      return .json(Array(ConverterAnswers.failure("No content found for 'jenkinsfile' parameter").utf8))
    }
    let answer = ConverterAnswers.jenkinsfileJSON(check(jenkinsfile), content: jenkinsfile, includeJSON: action == "toJson")
    return .json(Array(answer.utf8))
  }

  func check(_ jenkinsfile: String) -> LintResult {
    Linter.check(SourceFile(path: "Jenkinsfile", bytes: Array(jenkinsfile.utf8)), options: options)
  }

  /// nil when `method` is allowed; otherwise the 405 answer, as Jenkins' `@RequirePOST` gives one.
  func allow(_ methods: [String], _ method: String) -> HTTPResponse? {
    guard !methods.contains(method) else { return nil }
    var response = HTTPResponse.text(
      methods == ["POST"] ? "This URL requires POST\n" : "Method \(method) not allowed; use \(methods.joined(separator: " or "))\n",
      status: 405)
    response.headers.append(("Allow", (methods.contains("GET") ? methods + ["HEAD"] : methods).joined(separator: ", ")))
    return response
  }

  // MARK: Crumbs

  /// Jenkins' `DefaultCrumbIssuer` as `/crumbIssuer/api/json` shows it.
  func crumbJSON() -> HTTPResponse {
    let json = JSONValue.object([
      ("_class", .string("hudson.security.csrf.DefaultCrumbIssuer")), ("crumb", .string(crumb)),
      ("crumbRequestField", .string("Jenkins-Crumb")),
    ])
    return .json(Array(json.compact.utf8))
  }

  /// `/crumbIssuer/api/xml`, and the `xpath` queries that scripts and the VS Code connector use
  /// (`concat(//crumbRequestField,":",//crumb)` gives `Jenkins-Crumb:CRUMB` as plain text).
  func crumbXML(xpath: String?) -> HTTPResponse {
    guard let xpath else {
      let xml = "<defaultCrumbIssuer _class='hudson.security.csrf.DefaultCrumbIssuer'><crumb>\(crumb)</crumb>"
        + "<crumbRequestField>Jenkins-Crumb</crumbRequestField></defaultCrumbIssuer>"
      return HTTPResponse(status: 200, headers: [("Content-Type", "application/xml;charset=UTF-8")], body: Array(xml.utf8))
    }
    let compact = String(xpath.filter { !$0.isWhitespace }.map { $0 == "'" ? "\"" : $0 })
    switch compact {
    case #"concat(//crumbRequestField,":",//crumb)"#: return .text("Jenkins-Crumb:\(crumb)")
    case "//crumb/text()", "/*/crumb/text()": return .text(crumb)
    case "//crumbRequestField/text()", "/*/crumbRequestField/text()": return .text("Jenkins-Crumb")
    case "//crumb", "/*/crumb":
      return HTTPResponse(status: 200, headers: [("Content-Type", "application/xml;charset=UTF-8")], body: Array("<crumb>\(crumb)</crumb>".utf8))
    default:
      return .text("carson serve-validate answers only the crumb xpath queries editor plugins use, not '\(xpath)'\n", status: 400)
    }
  }

  // MARK: Paths

  /// Percent-decoded, repeated slashes collapsed and a trailing slash dropped, so that
  /// `JENKINS_URL=http://host:port/` joined with `/pipeline-model-converter/validate` still works.
  static func normalized(_ rawPath: String) -> String {
    let segments = HTTPRequest.percentDecoded(rawPath).split(separator: "/", omittingEmptySubsequences: true)
    return "/" + segments.joined(separator: "/")
  }

  static let index = """
    Carson: Jenkins-compatible Jenkinsfile validation (carson serve-validate).
    POST a form with field 'jenkinsfile' (urlencoded or multipart) to:
      /pipeline-model-converter/validate             plain text, as Jenkins' linter answers
      /pipeline-model-converter/validateJenkinsfile  JSON {"status":"ok","data":{"result":...}}
      /pipeline-model-converter/toJson               JSON form of the pipeline
    POST a form with field 'json' (Jenkins' JSON form of a pipeline) to:
      /pipeline-model-converter/validateJson         JSON {"status":"ok","data":{"result":...}}
      /pipeline-model-converter/toJenkinsfile        JSON with the pipeline as Jenkinsfile text
    Crumbs (accepted but not needed): /crumbIssuer/api/json, /crumbIssuer/api/xml

    """
}
