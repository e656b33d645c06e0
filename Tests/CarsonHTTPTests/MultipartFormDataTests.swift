import Testing

@testable import CarsonHTTP

/// A body as `curl -F` frames it: CRLF line ends, `--BOUNDARY` before each part, `--BOUNDARY--`
/// at the end.
private func multipart(_ boundary: String, _ parts: [(headers: [String], body: String)], preamble: String = "", epilogue: String = "")
  -> [UInt8]
{
  var text = preamble
  for part in parts {
    text += "--\(boundary)\r\n" + part.headers.map { $0 + "\r\n" }.joined() + "\r\n" + part.body + "\r\n"
  }
  text += "--\(boundary)--\r\n" + epilogue
  return Array(text.utf8)
}

private let curlBoundary = "------------------------3d6b6a416f9b5a1c"

@Suite struct MultipartFormDataTests {
  @Test func readsTheFieldCurlSendsKeepingLineEndsAndTrailingNewline() throws {
    let jenkinsfile = "pipeline {\r\n  agent any\n}\n"
    let body = multipart(curlBoundary, [(["Content-Disposition: form-data; name=\"jenkinsfile\""], jenkinsfile)])
    let parts = try MultipartFormData.parse(body, boundary: curlBoundary)
    #expect(parts == [MultipartFormData.Part(name: "jenkinsfile", filename: nil, contentType: nil, body: Array(jenkinsfile.utf8))])
  }

  @Test func readsSeveralFieldsAndFileUploads() throws {
    let body = multipart(
      "XyZ",
      [
        (["Content-Disposition: form-data; name=\"a\""], "first"),
        (["content-disposition: FORM-DATA; filename=\"Jenkins;file\"; name=jenkinsfile", "Content-Type: application/octet-stream"], "pipeline {}"),
        (["Content-Disposition: form-data; name=\"empty\""], ""),
      ])
    let parts = try MultipartFormData.parse(body, boundary: "XyZ")
    #expect(parts.map(\.name) == ["a", "jenkinsfile", "empty"])
    #expect(parts[1].filename == "Jenkins;file")
    #expect(parts[1].contentType == "application/octet-stream")
    #expect(MultipartFormData.fields(parts) == ["a": "first", "jenkinsfile": "pipeline {}", "empty": ""])
  }

  @Test func ignoresPreambleEpilogueAndTransportPadding() throws {
    var text = "this is a preamble\r\n--b  \t\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nvalue\r\n--b--\r\nepilogue"
    #expect(MultipartFormData.fields(try MultipartFormData.parse(Array(text.utf8), boundary: "b")) == ["x": "value"])
    text = "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nvalue\r\n--b--"
    #expect(MultipartFormData.fields(try MultipartFormData.parse(Array(text.utf8), boundary: "b")) == ["x": "value"])
  }

  @Test func boundaryLookalikesInsideContentStayContent() throws {
    // Only CRLF "--" BOUNDARY ends a part; the same text elsewhere is data.
    let content = "a --\(curlBoundary) b\r\n-\(curlBoundary)\r\n--\(curlBoundary.dropLast())x\r\n--"
    let body = multipart(curlBoundary, [(["Content-Disposition: form-data; name=\"jenkinsfile\""], content)])
    #expect(MultipartFormData.fields(try MultipartFormData.parse(body, boundary: curlBoundary)) == ["jenkinsfile": content])
  }

  @Test func firstFieldOfARepeatedNameWins() throws {
    let body = multipart(
      "b", [(["Content-Disposition: form-data; name=\"x\""], "one"), (["Content-Disposition: form-data; name=\"x\""], "two")])
    #expect(MultipartFormData.fields(try MultipartFormData.parse(body, boundary: "b")) == ["x": "one"])
  }

  @Test func brokenBodiesAreErrorsNotShortFields() {
    let good = multipart("b", [(["Content-Disposition: form-data; name=\"x\""], "value")])
    // Cut anywhere before the closing delimiter is complete: never a successful parse.
    for cut in 0..<(good.count - 4) {
      #expect(throws: MultipartFormData.ParseError.self) { try MultipartFormData.parse(Array(good[..<cut]), boundary: "b") }
    }
    #expect(throws: MultipartFormData.ParseError.noDelimiter) { try MultipartFormData.parse(Array("x=1".utf8), boundary: "b") }
    #expect(throws: MultipartFormData.ParseError.missingContentDisposition) {
      try MultipartFormData.parse(multipart("b", [(["Content-Type: text/plain"], "v")]), boundary: "b")
    }
    #expect(throws: MultipartFormData.ParseError.malformedPartHeader("no colon here")) {
      try MultipartFormData.parse(multipart("b", [(["no colon here"], "v")]), boundary: "b")
    }
    #expect(throws: MultipartFormData.ParseError.malformedDelimiterLine) {
      try MultipartFormData.parse(Array("--bX\r\n\r\nv\r\n--b--".utf8), boundary: "b")
    }
    #expect(throws: MultipartFormData.ParseError.invalidBoundary("")) { try MultipartFormData.parse(good, boundary: "") }
  }

  @Test func boundaryComesFromTheContentType() throws {
    #expect(try MultipartFormData.boundary(contentType: "multipart/form-data; boundary=abc") == "abc")
    #expect(try MultipartFormData.boundary(contentType: "Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b;c\"") == "a b;c")
    #expect(throws: MultipartFormData.ParseError.missingBoundary) { try MultipartFormData.boundary(contentType: "multipart/form-data") }
    #expect(throws: MultipartFormData.ParseError.self) {
      try MultipartFormData.boundary(contentType: "multipart/form-data; boundary=" + String(repeating: "x", count: 71))
    }
  }

  @Test func headerValuesParseQuotedParameters() {
    let value = HeaderValue(#" form-data ; name="a\"b;c" ; filename=plain.txt ; name=second"#)
    #expect(value.value == "form-data")
    #expect(value.parameters == ["name": "a\"b;c", "filename": "plain.txt"])
    #expect(HeaderValue("text/plain").parameters.isEmpty)
    #expect(HeaderValue("a; flag; x=").parameters == ["flag": "", "x": ""])
  }

  /// The delimiter search against a plain scan, on inputs full of partial matches.
  @Test func delimiterSearchAgreesWithANaiveScan() {
    var generator = SystemRandomNumberGenerator()
    let alphabet: [UInt8] = Array("\r\n-ab".utf8)
    for _ in 0..<2000 {
      let needle = (0..<Int.random(in: 1...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
      let haystack = (0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
      let start = Int.random(in: 0...max(0, haystack.count), using: &generator)
      var naive: Int?
      if start + needle.count <= haystack.count {
        naive = (start...(haystack.count - needle.count)).first { haystack[$0..<$0 + needle.count].elementsEqual(needle) }
      }
      #expect(MultipartFormData.find(needle, in: haystack, from: start) == naive, "\(needle) in \(haystack) from \(start)")
    }
  }

  // MARK: submittedForm

  @Test func submittedFormFollowsTheContentType() throws {
    let urlencoded = HTTPRequest(
      method: "POST", target: "/v", headers: [("Content-Type", "application/x-www-form-urlencoded")],
      body: Array("jenkinsfile=a%2Bb+c%26d".utf8))
    #expect(try urlencoded.submittedForm() == ["jenkinsfile": "a+b c&d"])
    let untyped = HTTPRequest(method: "POST", target: "/v", body: Array("jenkinsfile=x".utf8))
    #expect(try untyped.submittedForm() == ["jenkinsfile": "x"])
    let body = multipart(curlBoundary, [(["Content-Disposition: form-data; name=\"jenkinsfile\""], "a+b%41")])
    let multi = HTTPRequest(
      method: "POST", target: "/v?other=1", headers: [("content-type", "multipart/form-data; boundary=\(curlBoundary)")], body: body)
    #expect(try multi.submittedForm() == ["jenkinsfile": "a+b%41", "other": "1"])
  }

  @Test func submittedFormRefusesOtherBodiesClearly() {
    let plain = HTTPRequest(method: "POST", target: "/v", headers: [("Content-Type", "text/plain")], body: Array("pipeline {}".utf8))
    #expect(throws: FormError.unsupportedContentType("text/plain")) { try plain.submittedForm() }
    #expect(FormError.unsupportedContentType("text/plain").status == 415)
    let truncated = HTTPRequest(
      method: "POST", target: "/v", headers: [("Content-Type", "multipart/form-data; boundary=b")],
      body: Array("--b\r\nContent-Disposition: form-data; name=\"jenkinsfile\"\r\n\r\npipeline {".utf8))
    #expect(throws: FormError.malformedMultipart(.unterminatedPart)) { try truncated.submittedForm() }
    #expect("\(FormError.malformedMultipart(.unterminatedPart))" == "bad request: multipart body ends inside a part (no closing boundary)")
    // An empty body is no fields, whatever it claims to be.
    let empty = HTTPRequest(method: "POST", target: "/v", headers: [("Content-Type", "text/plain")])
    #expect((try? empty.submittedForm()) == [:])
  }
}
