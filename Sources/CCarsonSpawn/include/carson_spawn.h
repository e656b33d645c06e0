#ifndef CARSON_SPAWN_H
#define CARSON_SPAWN_H

#include <sys/types.h>

/// Starts `argv[0]` (looked up in PATH when it has no slash) in its own process group, in
/// directory `cwd`, with environment `envp`, stdin from /dev/null, stdout/stderr on the given
/// descriptors. Signal dispositions and the signal mask are reset to defaults in the child.
/// Returns 0 and sets *pid, or an errno value. (posix_spawn's chdir action needs _GNU_SOURCE,
/// which Swift's Glibc module does not define; hence this small C file.)
int carson_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[], const char *cwd,
                 int stdout_fd, int stderr_fd);

/// carson_spawn with standard input from `stdin_fd` (-1: /dev/null), for long-lived processes
/// Carson talks to (the shell server inside an agent container).
int carson_spawn_io(pid_t *pid, const char *path, char *const argv[], char *const envp[], const char *cwd,
                    int stdin_fd, int stdout_fd, int stderr_fd);

/// pipe2(fds, O_CLOEXEC): both ends close on exec, so a pipe created for one process never
/// leaks into another started concurrently by a parallel branch.
int carson_pipe_cloexec(int fds[2]);

#endif
