#include "carson_curl.h"
#include "curl_api.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Debian's libcurl4 (OpenSSL) first; libcurl3-gnutls ships the same API under another soname.
static const char *const default_names[] = {"libcurl.so.4", "libcurl-gnutls.so.4"};

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static carson_curl_api api;
static int api_ready;
static char load_error[1024];

/// Appends `text` to the malloc'd `*buffer` (which may be NULL).
static void append(char **buffer, const char *text) {
  size_t old = *buffer ? strlen(*buffer) : 0;
  char *grown = realloc(*buffer, old + strlen(text) + 1);
  if (!grown) return;
  memcpy(grown + old, text, strlen(text) + 1);
  *buffer = grown;
}

/// carson_curl_open_library, also telling which of `names` was opened.
static void *open_first(const char *const *names, size_t count, char **error, size_t *opened) {
  char *reasons = NULL;
  for (size_t i = 0; i < count; i++) {
    void *handle = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (handle) {
      free(reasons);
      if (error) *error = NULL;
      if (opened) *opened = i;
      return handle;
    }
    // dlerror() names the file ("libcurl.so.4: cannot open shared object file: …").
    const char *reason = dlerror();
    if (i > 0) append(&reasons, "; ");
    if (reason) {
      append(&reasons, reason);
    } else {
      append(&reasons, names[i]);
      append(&reasons, ": not loaded");
    }
  }
  if (error) {
    *error = NULL;
    append(error, "libcurl could not be loaded (it is needed only for GitLab API calls; install Debian's libcurl4): ");
    append(error, reasons ? reasons : "no library named");
  }
  free(reasons);
  return NULL;
}

void *carson_curl_open_library(const char *const *names, size_t count, char **error) {
  return open_first(names, count, error, NULL);
}

/// dlsym into `slot`; on failure records which symbol the library lacks.
static int resolve(void *handle, const char *name, void **slot, const char *library) {
  *slot = dlsym(handle, name);
  if (*slot) return 1;
  snprintf(load_error, sizeof load_error, "libcurl could not be used: %s has no %s", library, name);
  return 0;
}

static void load(void) {
  char *error = NULL;
  size_t opened = 0;
  void *handle = open_first(default_names, sizeof default_names / sizeof *default_names, &error, &opened);
  if (!handle) {
    snprintf(load_error, sizeof load_error, "%s", error ? error : "libcurl could not be loaded");
    free(error);
    return;
  }
  const char *library = default_names[opened];
  if (!resolve(handle, "curl_global_init", (void **)&api.global_init, library) ||
      !resolve(handle, "curl_easy_init", (void **)&api.easy_init, library) ||
      !resolve(handle, "curl_easy_setopt", (void **)&api.easy_setopt, library) ||
      !resolve(handle, "curl_easy_getinfo", (void **)&api.easy_getinfo, library) ||
      !resolve(handle, "curl_easy_perform", (void **)&api.easy_perform, library) ||
      !resolve(handle, "curl_easy_cleanup", (void **)&api.easy_cleanup, library) ||
      !resolve(handle, "curl_easy_strerror", (void **)&api.easy_strerror, library) ||
      !resolve(handle, "curl_slist_append", (void **)&api.slist_append, library) ||
      !resolve(handle, "curl_slist_free_all", (void **)&api.slist_free_all, library)) {
    dlclose(handle);
    return;
  }
  // Not thread-safe in libcurl before 7.84; pthread_once makes it run exactly once, before any
  // easy handle exists.
  CURLcode code = api.global_init(CURL_GLOBAL_DEFAULT);
  if (code != CURLE_OK) {
    snprintf(load_error, sizeof load_error, "libcurl could not be initialised: %s", api.easy_strerror(code));
    return;
  }
  api_ready = 1;
}

const carson_curl_api *carson_curl_api_get(const char **error) {
  pthread_once(&load_once, load);
  if (api_ready) return &api;
  if (error) *error = load_error;
  return NULL;
}
