import CCarsonCurl
import Foundation

/// One blocking HTTP exchange through libcurl, which CCarsonCurl loads (dlopen) at the first
/// request of the process: a run that never calls GitLab never loads it. No redirect is
/// followed, so the header lines (a token among them) reach only the server `url` names.
struct CurlRequest: Sendable {
  var method: String
  var url: String
  /// Complete lines, `Name: value`.
  var headerLines: [String]
  /// nil: no body.
  var body: [UInt8]?
  /// The whole exchange.
  var timeout: TimeInterval
  /// Connecting alone (bounded by `timeout` all the same).
  var connectTimeout: TimeInterval

  /// An HTTP answer, whatever its status.
  struct Answer: Sendable, Equatable {
    var status: Int
    var body: [UInt8]
  }

  /// No HTTP answer: why, in libcurl's words (or the loader's, when libcurl is missing).
  struct Failure: Error, Sendable, Equatable {
    enum Kind: Sendable, Equatable {
      /// libcurl could not be loaded or initialised: nothing was sent.
      case unavailable
      /// libcurl refused the URL, or its scheme is not http or https.
      case invalidURL
      /// A header line holds a line break: nothing was sent.
      case invalidRequest
      case timedOut
      /// Name resolution, connection refused or reset, TLS, a connection closed without answer.
      case failed
    }

    var kind: Kind
    var message: String
  }

  func send() -> Result<Answer, Failure> {
    let lines = headerLines.map { strdup($0) }
    defer { lines.forEach { free($0) } }
    var response = carson_curl_response()
    method.withCString { method in
      url.withCString { url in
        lines.map { UnsafePointer($0) }.withUnsafeBufferPointer { headers in
          withBody { body, bodyLength in
            var request = carson_curl_request(
              method: method, url: url, headers: headers.baseAddress, header_count: headers.count, body: body,
              body_length: bodyLength, timeout_ms: Self.milliseconds(timeout), connect_timeout_ms: Self.milliseconds(connectTimeout))
            carson_curl_perform(&request, &response)
          }
        }
      }
    }
    defer { carson_curl_response_free(&response) }
    guard response.outcome == CARSON_CURL_ANSWERED else {
      let message = response.error.map { String(cString: $0) } ?? "no answer"
      return .failure(Failure(kind: Self.kind(of: response.outcome), message: message))
    }
    let body = response.body.map { [UInt8](UnsafeBufferPointer(start: $0, count: response.body_length)) } ?? []
    return .success(Answer(status: Int(response.status), body: body))
  }

  /// The body's bytes for C (a non-NULL pointer for an empty body, so that one is still sent).
  private func withBody(_ call: (UnsafePointer<UInt8>?, Int) -> Void) {
    guard let body else { return call(nil, 0) }
    if body.isEmpty {
      var none: UInt8 = 0
      withUnsafePointer(to: &none) { call($0, 0) }
    } else {
      body.withUnsafeBufferPointer { call($0.baseAddress, $0.count) }
    }
  }

  /// At least 1 ms (0 would mean no limit to libcurl), at most a C long.
  static func milliseconds(_ interval: TimeInterval) -> Int {
    guard interval.isFinite else { return Int(Int32.max) }
    return Int(min(max((interval * 1000).rounded(.up), 1), Double(Int32.max)))
  }

  static func kind(of outcome: carson_curl_outcome) -> Failure.Kind {
    switch outcome {
    case CARSON_CURL_UNAVAILABLE: return .unavailable
    case CARSON_CURL_INVALID_URL: return .invalidURL
    case CARSON_CURL_INVALID_REQUEST: return .invalidRequest
    case CARSON_CURL_TIMED_OUT: return .timedOut
    default: return .failed
    }
  }
}
