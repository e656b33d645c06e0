#define _GNU_SOURCE
#include "carson_spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <unistd.h>

int carson_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[], const char *cwd,
                 int stdout_fd, int stderr_fd) {
  return carson_spawn_io(pid, path, argv, envp, cwd, -1, stdout_fd, stderr_fd);
}

int carson_spawn_io(pid_t *pid, const char *path, char *const argv[], char *const envp[], const char *cwd,
                    int stdin_fd, int stdout_fd, int stderr_fd) {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  int rc = posix_spawn_file_actions_init(&actions);
  if (rc != 0) return rc;
  rc = posix_spawnattr_init(&attr);
  if (rc != 0) {
    posix_spawn_file_actions_destroy(&actions);
    return rc;
  }
  if (stdin_fd < 0) {
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  } else {
    posix_spawn_file_actions_adddup2(&actions, stdin_fd, 0);
  }
  posix_spawn_file_actions_adddup2(&actions, stdout_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, stderr_fd, 2);
  if (cwd != NULL && cwd[0] != '\0') posix_spawn_file_actions_addchdir_np(&actions, cwd);

  /* exec resets caught signals by itself; only ignored ones survive it. Resetting just the
     signals a parent may ignore (Carson ignores SIGINT/SIGTERM while it runs, the Swift runtime
     SIGPIPE) avoids one sigaction per signal in every child. */
  static const int reset[] = {SIGPIPE, SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGCHLD, SIGUSR1, SIGUSR2,
                              SIGALRM, SIGTSTP, SIGTTIN, SIGTTOU, SIGXFSZ};
  sigset_t defaults, none;
  sigemptyset(&defaults);
  for (size_t i = 0; i < sizeof reset / sizeof reset[0]; i++) sigaddset(&defaults, reset[i]);
  sigemptyset(&none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

  if (strchr(path, '/') != NULL) {
    rc = posix_spawn(pid, path, &actions, &attr, argv, envp);
  } else {
    rc = posix_spawnp(pid, path, &actions, &attr, argv, envp);
  }
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  return rc;
}

int carson_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }
