#include "carson_curl.h"
#include "curl_api.h"

#include <stdlib.h>
#include <string.h>

// An answer larger than this is refused: GitLab's answers to the calls Carson makes are a few
// kilobytes, and a misdirected URL must not fill the memory.
#define MAX_BODY ((size_t)16 << 20)

typedef struct {
  unsigned char *bytes;
  size_t length;
  size_t capacity;
  int too_large;
} body_buffer;

static size_t write_body(char *data, size_t size, size_t count, void *context) {
  body_buffer *buffer = context;
  size_t length = size * count;
  if (length > MAX_BODY - buffer->length) {
    buffer->too_large = 1;
    return 0;  // libcurl ends the transfer with CURLE_WRITE_ERROR
  }
  if (buffer->length + length > buffer->capacity) {
    size_t capacity = buffer->capacity ? buffer->capacity : 4096;
    while (capacity < buffer->length + length) capacity *= 2;
    unsigned char *grown = realloc(buffer->bytes, capacity);
    if (!grown) return 0;
    buffer->bytes = grown;
    buffer->capacity = capacity;
  }
  memcpy(buffer->bytes + buffer->length, data, length);
  buffer->length += length;
  return length;
}

// curl_easy_setopt and curl_easy_getinfo are variadic: each value type gets a fixed-argument
// helper so that the argument is passed with exactly the type libcurl reads.
static CURLcode set_long(const carson_curl_api *api, CURL *curl, CURLoption option, long value) {
  return api->easy_setopt(curl, option, value);
}

static CURLcode set_pointer(const carson_curl_api *api, CURL *curl, CURLoption option, const void *value) {
  return api->easy_setopt(curl, option, value);
}

static CURLcode set_size(const carson_curl_api *api, CURL *curl, CURLoption option, curl_off_t value) {
  return api->easy_setopt(curl, option, value);
}

static CURLcode set_writer(const carson_curl_api *api, CURL *curl, curl_write_callback writer) {
  return api->easy_setopt(curl, CURLOPT_WRITEFUNCTION, writer);
}

static CURLcode get_long(const carson_curl_api *api, CURL *curl, CURLINFO info, long *value) {
  return api->easy_getinfo(curl, info, value);
}

static void fail(carson_curl_response *response, carson_curl_outcome outcome, const char *text) {
  response->outcome = outcome;
  response->status = 0;
  response->error = strdup(text);
}

static carson_curl_outcome outcome_of(CURLcode code) {
  switch (code) {
  case CURLE_OPERATION_TIMEDOUT: return CARSON_CURL_TIMED_OUT;
  case CURLE_URL_MALFORMAT:
  case CURLE_UNSUPPORTED_PROTOCOL: return CARSON_CURL_INVALID_URL;
  default: return CARSON_CURL_FAILED;
  }
}

/// Restricts the schemes to http and https (CURLOPT_PROTOCOLS_STR from libcurl 7.85, the
/// bitmask before).
static CURLcode allow_http_only(const carson_curl_api *api, CURL *curl) {
  CURLcode code = set_pointer(api, curl, CURLOPT_PROTOCOLS_STR, "http,https");
  if (code == CURLE_UNKNOWN_OPTION) code = set_long(api, curl, CURLOPT_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS);
  return code;
}

void carson_curl_perform(const carson_curl_request *request, carson_curl_response *response) {
  memset(response, 0, sizeof *response);
  const char *load_error = NULL;
  const carson_curl_api *api = carson_curl_api_get(&load_error);
  if (!api) {
    fail(response, CARSON_CURL_UNAVAILABLE, load_error);
    return;
  }

  struct curl_slist *headers = NULL;
  for (size_t i = 0; i < request->header_count; i++) {
    // The line itself is not quoted: it may hold a token.
    if (strpbrk(request->headers[i], "\r\n")) {
      api->slist_free_all(headers);
      fail(response, CARSON_CURL_INVALID_REQUEST, "a request header contains a line break");
      return;
    }
    struct curl_slist *appended = api->slist_append(headers, request->headers[i]);
    if (!appended) {
      api->slist_free_all(headers);
      fail(response, CARSON_CURL_FAILED, "out of memory");
      return;
    }
    headers = appended;
  }
  // libcurl would add "Expect: 100-continue" to larger bodies and wait for an interim answer.
  struct curl_slist *appended = api->slist_append(headers, "Expect:");
  if (appended) headers = appended;

  CURL *curl = api->easy_init();
  if (!curl) {
    api->slist_free_all(headers);
    fail(response, CARSON_CURL_UNAVAILABLE, "libcurl could not create a request (curl_easy_init failed)");
    return;
  }
  char error_buffer[CURL_ERROR_SIZE] = "";
  body_buffer body = {0};
  long timeout_ms = request->timeout_ms > 0 ? request->timeout_ms : 1;
  long connect_timeout_ms = request->connect_timeout_ms > 0 ? request->connect_timeout_ms : 1;

  CURLcode code = set_pointer(api, curl, CURLOPT_ERRORBUFFER, error_buffer);
  // No signals: the timeouts must work on any thread (no SIGALRM around name resolution).
  if (code == CURLE_OK) code = set_long(api, curl, CURLOPT_NOSIGNAL, 1L);
  if (code == CURLE_OK) code = set_pointer(api, curl, CURLOPT_URL, request->url);
  if (code == CURLE_OK) code = allow_http_only(api, curl);
  if (code == CURLE_OK) code = set_long(api, curl, CURLOPT_FOLLOWLOCATION, 0L);
  if (code == CURLE_OK) code = set_long(api, curl, CURLOPT_TIMEOUT_MS, timeout_ms);
  if (code == CURLE_OK) code = set_long(api, curl, CURLOPT_CONNECTTIMEOUT_MS, connect_timeout_ms);
  if (code == CURLE_OK) code = set_pointer(api, curl, CURLOPT_USERAGENT, "carson");
  if (code == CURLE_OK) code = set_pointer(api, curl, CURLOPT_HTTPHEADER, headers);
  if (code == CURLE_OK && request->body) {
    code = set_size(api, curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)request->body_length);
    if (code == CURLE_OK) code = set_pointer(api, curl, CURLOPT_POSTFIELDS, request->body);
  }
  if (code == CURLE_OK) code = set_pointer(api, curl, CURLOPT_CUSTOMREQUEST, request->method);
  if (code == CURLE_OK) code = set_writer(api, curl, write_body);
  if (code == CURLE_OK) code = set_pointer(api, curl, CURLOPT_WRITEDATA, &body);
  if (code == CURLE_OK) code = api->easy_perform(curl);

  if (code == CURLE_OK) {
    response->outcome = CARSON_CURL_ANSWERED;
    get_long(api, curl, CURLINFO_RESPONSE_CODE, &response->status);
    response->body = body.bytes;
    response->body_length = body.length;
  } else {
    free(body.bytes);
    if (body.too_large) fail(response, CARSON_CURL_FAILED, "the answer is larger than 16 MiB");
    else fail(response, outcome_of(code), error_buffer[0] ? error_buffer : api->easy_strerror(code));
  }
  api->easy_cleanup(curl);
  api->slist_free_all(headers);
}

void carson_curl_response_free(carson_curl_response *response) {
  free(response->body);
  free(response->error);
  response->body = NULL;
  response->error = NULL;
}
