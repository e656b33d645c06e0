// Binds libgit2 on first use: one dlopen, one dlsym per function of CLibGit2Functions.h, and a
// trampoline per function that jumps through the bound pointer. The trampolines carry Carson's
// names, never libgit2's: a global `git_…` here could interpose on libgit2's calls to itself.
#include "CLibGit2.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define CARSON_GIT_POINTER(type, name, parameters, arguments) static type(*bound_##name) parameters;
#define CARSON_GIT_POINTER_VOID(name, parameters, arguments) static void(*bound_##name) parameters;
CARSON_GIT_FUNCTIONS(CARSON_GIT_POINTER, CARSON_GIT_POINTER_VOID)
static int (*bound_git_libgit2_opts)(int option, ...);

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int load_status = -1;
static char load_error[1024];

// The pointer of `name` in `library`; on failure the first missing name is kept for the message.
static void *bind_function(void *library, const char *name, const char **missing) {
  void *pointer = dlsym(library, name);
  if (pointer == NULL && *missing == NULL) *missing = name;
  return pointer;
}

static void load(void) {
  // CARSON_LIBGIT2 names another build of the same libgit2 ABI (and lets the tests name a
  // missing file); the types above are LIBGIT2_SOVERSION's, so no other version may be loaded.
  const char *file = getenv("CARSON_LIBGIT2");
  if (file == NULL || *file == '\0') file = "libgit2.so." LIBGIT2_SOVERSION;
  void *library = dlopen(file, RTLD_NOW | RTLD_LOCAL);
  if (library == NULL) {
    const char *reason = dlerror();
    snprintf(load_error, sizeof load_error, "%s", reason != NULL ? reason : file);
    return;
  }
  const char *missing = NULL;
#define CARSON_GIT_BIND(type, name, parameters, arguments) \
  bound_##name = (type(*) parameters)bind_function(library, #name, &missing);
#define CARSON_GIT_BIND_VOID(name, parameters, arguments) \
  bound_##name = (void(*) parameters)bind_function(library, #name, &missing);
  CARSON_GIT_FUNCTIONS(CARSON_GIT_BIND, CARSON_GIT_BIND_VOID)
  bound_git_libgit2_opts = (int (*)(int, ...))bind_function(library, "git_libgit2_opts", &missing);
  if (missing != NULL) {
    snprintf(load_error, sizeof load_error, "%s has no function %s (Carson needs libgit2 %s)", file, missing, LIBGIT2_SOVERSION);
    return;
  }
  load_status = 0;
}

int carson_git_load(void) {
  pthread_once(&load_once, load);
  return load_status;
}

const char *carson_git_load_error(void) {
  pthread_once(&load_once, load);
  return load_error;
}

#define CARSON_GIT_TRAMPOLINE(type, name, parameters, arguments) \
  type carson_##name parameters { return bound_##name arguments; }
#define CARSON_GIT_TRAMPOLINE_VOID(name, parameters, arguments) \
  void carson_##name parameters { bound_##name arguments; }
CARSON_GIT_FUNCTIONS(CARSON_GIT_TRAMPOLINE, CARSON_GIT_TRAMPOLINE_VOID)

int carson_git_set_ssl_cert_locations(const char *file, const char *path) {
  return bound_git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, path);
}
