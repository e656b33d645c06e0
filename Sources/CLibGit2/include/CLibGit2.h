// libgit2 (Debian libgit2-dev) for CarsonGit, loaded at run time: Carson does not link it, so
// a run that never touches a repository does not pay for loading and relocating libgit2 and its
// dependencies (mbedTLS, libssh2, http-parser, PCRE2, …) at every start-up. The types and
// constants are libgit2's own, from <git2.h>; each function is called as `carson_<its name>`
// (carson_git_clone for git_clone), a trampoline bound by carson_git_load. Only CarsonGit
// imports this module.
#pragma once

#include <git2.h>
#include <git2/sys/stream.h>

#include "CLibGit2Functions.h"

/// Loads libgit2 once per process, with dlopen("libgit2.so." LIBGIT2_SOVERSION) (or the file the
/// environment variable CARSON_LIBGIT2 names), and binds every function of CLibGit2Functions.h.
/// 0 when libgit2 is ready; -1 when it is not, and then no `carson_git_…` function of the list
/// may be called: they would jump through a null pointer. Thread-safe; later calls only answer.
int carson_git_load(void);

/// Why carson_git_load failed (dlerror's text, or the missing function); "" after a success.
const char *carson_git_load_error(void);

#define CARSON_GIT_DECLARE(type, name, parameters, arguments) type carson_##name parameters;
#define CARSON_GIT_DECLARE_VOID(name, parameters, arguments) void carson_##name parameters;
CARSON_GIT_FUNCTIONS(CARSON_GIT_DECLARE, CARSON_GIT_DECLARE_VOID)
#undef CARSON_GIT_DECLARE
#undef CARSON_GIT_DECLARE_VOID

/// git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, path): git_libgit2_opts is variadic,
/// which Swift cannot call, so each option used has a fixed-argument wrapper.
int carson_git_set_ssl_cert_locations(const char *file, const char *path);

/// How long one connect, read or write of Carson's sockets may wait, in milliseconds (60 000
/// until set).
int carson_git_io_timeout(void);
void carson_git_set_io_timeout(int milliseconds);

/// Makes every plain socket libgit2 opens (HTTP, and under TLS and SSH) one of Carson's timed
/// sockets (TimedSocketStream.c). Needs libgit2 loaded.
int carson_git_use_timed_sockets(void);
