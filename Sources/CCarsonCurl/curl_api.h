#ifndef CARSON_CURL_API_H
#define CARSON_CURL_API_H

// The libcurl functions Carson calls, resolved with dlsym (private to CCarsonCurl).

#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

typedef struct {
  CURLcode (*global_init)(long flags);
  CURL *(*easy_init)(void);
  // Variadic in libcurl: called only through the fixed-argument helpers in perform.c.
  CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
  CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
  CURLcode (*easy_perform)(CURL *handle);
  void (*easy_cleanup)(CURL *handle);
  const char *(*easy_strerror)(CURLcode code);
  struct curl_slist *(*slist_append)(struct curl_slist *list, const char *line);
  void (*slist_free_all)(struct curl_slist *list);
} carson_curl_api;

/// The loaded functions, or NULL with *error set to why libcurl is unavailable (a static text,
/// valid for the life of the process). Loads on the first call only (pthread_once).
const carson_curl_api *carson_curl_api_get(const char **error);

#endif
