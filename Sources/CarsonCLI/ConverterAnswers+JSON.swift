import CarsonModel
import CarsonSyntax

/// The converter endpoints that take Jenkins' JSON form (form field `json`): `doValidateJson`
/// and `doToJenkinsfile`. The JSON is turned into Jenkinsfile text (`JenkinsJSONReader`) and
/// that text checked as `/validateJenkinsfile` checks a file.
extension ConverterAnswers {
  enum JSONAction {
    case validateJson
    case toJenkinsfile
  }

  /// The answer to a `json` field, or to its absence.
  static func jsonAnswer(_ action: JSONAction, json: String?, options: ValidationOptions) -> String {
    guard let json, !json.isEmpty else { return failure("No content found for 'json' parameter") }
    let document: JSONValue
    do {
      document = try JSONValue.parse(json)
    } catch {
      return failure("Invalid JSON: \(error)")
    }
    let jenkinsfile: String
    do throws(JenkinsJSONError) {
      jenkinsfile = try JenkinsJSONReader.jenkinsfile(fromJSON: document)
    } catch {
      return failure(error.description)
    }
    let result = Linter.check(SourceFile(path: "Jenkinsfile", bytes: Array(jenkinsfile.utf8)), options: options)
    let errors = errors(result)
    guard errors.isEmpty else {
      // Jenkins validates the JSON tree, so its errors carry no line and column; the lines of
      // the generated text would mean nothing to the caller either. One object per error, as
      // `ErrorCollector.asJson` lists them.
      let list = errors.map { JSONValue.object([("error", .string($0.message))]) }
      return okJSON([("result", .string("failure")), ("errors", .array(list))])
    }
    switch action {
    case .validateJson: return okJSON([("result", .string("success"))])
    case .toJenkinsfile: return okJSON([("result", .string("success")), ("jenkinsfile", .string(jenkinsfile))])
    }
  }
}
