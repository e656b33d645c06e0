#ifndef CARSON_CURL_H
#define CARSON_CURL_H

#include <stddef.h>

// libcurl, loaded with dlopen the first time a request is made, so that a Carson run that never
// calls the GitLab API never loads libcurl and the thirty-odd libraries it needs (TLS, Kerberos,
// LDAP, HTTP/2). Carson is never linked with -lcurl; <curl/curl.h> is used only for its types and
// constants, inside curl.c.

/// How a request ended.
typedef enum {
  /// An HTTP answer arrived, whatever its status.
  CARSON_CURL_ANSWERED = 0,
  /// libcurl could not be loaded (not installed, or a symbol is missing) or not initialised.
  CARSON_CURL_UNAVAILABLE = 1,
  /// The URL is not one libcurl accepts, or its scheme is not http or https.
  CARSON_CURL_INVALID_URL = 2,
  /// A header line holds a line break (nothing was sent).
  CARSON_CURL_INVALID_REQUEST = 5,
  /// The total or the connect timeout expired.
  CARSON_CURL_TIMED_OUT = 3,
  /// Anything else on the way: name resolution, connection refused or reset, TLS, no answer.
  CARSON_CURL_FAILED = 4,
} carson_curl_outcome;

/// One request. `headers` are complete header lines ("Name: value"); a line containing CR or LF
/// is refused (it would smuggle in another header). Redirects are not followed: the answer is
/// the first server's, so headers (a token among them) never go to another host.
typedef struct {
  const char *method;
  const char *url;
  const char *const *headers;
  size_t header_count;
  /// NULL: no body (and `method` should not need one).
  const unsigned char *body;
  size_t body_length;
  /// The whole request, connecting included, in milliseconds (at least 1).
  long timeout_ms;
  /// Connecting alone, in milliseconds (at least 1).
  long connect_timeout_ms;
} carson_curl_request;

typedef struct {
  carson_curl_outcome outcome;
  /// The HTTP status when answered, else 0.
  long status;
  /// The answer's body (malloc'd; may be NULL when empty).
  unsigned char *body;
  size_t body_length;
  /// What went wrong, when not answered (malloc'd, NUL-terminated), else NULL. libcurl's own
  /// text (CURLOPT_ERRORBUFFER, else curl_easy_strerror), or why libcurl could not be loaded.
  char *error;
} carson_curl_response;

/// Sends `request` and blocks until it is answered, fails or times out. Thread-safe: loads and
/// initialises libcurl once (pthread_once), then uses one easy handle per call. Always fills
/// `response`; release it with carson_curl_response_free.
void carson_curl_perform(const carson_curl_request *request, carson_curl_response *response);

/// Frees what carson_curl_perform allocated in `response` (not `response` itself).
void carson_curl_response_free(carson_curl_response *response);

/// dlopen(RTLD_NOW | RTLD_LOCAL) of the first of `names` that loads. Returns its handle, or NULL
/// and sets *error to a malloc'd text naming each library tried with dlerror()'s reason. What
/// carson_curl_perform does on first use with "libcurl.so.4" then "libcurl-gnutls.so.4";
/// exposed so that tests can see the error for a library that does not exist.
void *carson_curl_open_library(const char *const *names, size_t count, char **error);

#endif
