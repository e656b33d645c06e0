/// Why a request's form could not be read; each is answered with the status given.
public enum FormError: Error, Equatable, CustomStringConvertible {
  case unsupportedContentType(String)
  case malformedMultipart(MultipartFormData.ParseError)

  /// 415 for a body that is not a form, 400 for a broken multipart body.
  public var status: Int {
    switch self {
    case .unsupportedContentType: return 415
    case .malformedMultipart: return 400
    }
  }

  public var description: String {
    switch self {
    case .unsupportedContentType(let type):
      return "unsupported Content-Type '\(type)': send an application/x-www-form-urlencoded or multipart/form-data form"
    case .malformedMultipart(let error): return "bad request: \(error)"
    }
  }
}

extension HTTPRequest {
  /// The fields a client submitted, the way a servlet's `getParameter` sees them: the query
  /// string's fields, then the body's as its `Content-Type` says (`application/x-www-form-urlencoded`,
  /// also assumed when there is no `Content-Type`, or `multipart/form-data`). A name in the query
  /// string wins over the same name in the body, as in a servlet. An empty body is no fields,
  /// whatever its type.
  public func submittedForm() throws(FormError) -> [String: String] {
    var fields: [String: String] = [:]
    if !body.isEmpty {
      let contentType = header("Content-Type") ?? "application/x-www-form-urlencoded"
      switch HeaderValue(contentType).value {
      case "application/x-www-form-urlencoded":
        fields = formFields
      case "multipart/form-data":
        do throws(MultipartFormData.ParseError) {
          let boundary = try MultipartFormData.boundary(contentType: contentType)
          fields = MultipartFormData.fields(try MultipartFormData.parse(body, boundary: boundary))
        } catch {
          throw .malformedMultipart(error)
        }
      default:
        throw .unsupportedContentType(contentType)
      }
    }
    fields.merge(query) { _, fromQuery in fromQuery }
    return fields
  }
}
