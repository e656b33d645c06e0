/*
 * carson-shim: a tiny process server Carson starts once inside each agent container (with one
 * `docker exec -i`), so that every later `sh` step is a fork/exec inside the container instead
 * of a new `docker exec` (60-140 ms each). Statically linked, no dependencies, any image.
 *
 * Protocol over stdin/stdout, one job at a time:
 *   Carson -> shim   "RUN <n>\n" + n bytes: NUL-terminated strings
 *                      cwd, merge ("1": stderr into stdout's pipe), env count,
 *                      env entries (NAME=VALUE), argv count, argv entries
 *                    "SIG <signal>\n"   signal the running job's process group
 *   shim -> Carson   "READY 1\n"        once, at start
 *                    "O <n>\n" + n bytes  job stdout      "E <n>\n" + n bytes  job stderr
 *                    "X <status>\n"     job ended: exit status, or 128 + signal
 * The job runs in its own process group with the container's environment plus the given
 * entries. When stdin closes (Carson went away), the running job is killed and the shim exits.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static int write_all(int fd, const char *data, size_t length) {
  while (length > 0) {
    ssize_t n = write(fd, data, length);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    data += n;
    length -= (size_t)n;
  }
  return 0;
}

static void send_frame(char kind, const char *data, size_t length) {
  char header[32];
  int n = snprintf(header, sizeof header, "%c %zu\n", kind, length);
  if (write_all(1, header, (size_t)n) < 0 || write_all(1, data, length) < 0) _exit(3);
}

static void send_line(const char *line) {
  if (write_all(1, line, strlen(line)) < 0) _exit(3);
}

/* Buffered reading of stdin (requests). */
static char in_buffer[1 << 16];
static size_t in_start = 0, in_end = 0;

static int fill(void) {
  if (in_start > 0 && in_start == in_end) in_start = in_end = 0;
  if (in_end == sizeof in_buffer) {
    if (in_start == 0) return -1; /* a request header longer than the buffer */
    memmove(in_buffer, in_buffer + in_start, in_end - in_start);
    in_end -= in_start;
    in_start = 0;
  }
  ssize_t n;
  do n = read(0, in_buffer + in_end, sizeof in_buffer - in_end);
  while (n < 0 && errno == EINTR);
  if (n <= 0) return -1;
  in_end += (size_t)n;
  return 0;
}

/* A header line without its newline, or NULL at end of input. */
static char *read_line(void) {
  static char line[128];
  for (;;) {
    char *newline = memchr(in_buffer + in_start, '\n', in_end - in_start);
    if (newline) {
      size_t length = (size_t)(newline - (in_buffer + in_start));
      if (length >= sizeof line) return NULL;
      memcpy(line, in_buffer + in_start, length);
      line[length] = 0;
      in_start += length + 1;
      return line;
    }
    if (fill() < 0) return NULL;
  }
}

static char *read_bytes(size_t count) {
  char *data = malloc(count + 1);
  if (!data) return NULL;
  size_t got = 0;
  while (got < count) {
    if (in_start == in_end && fill() < 0) {
      free(data);
      return NULL;
    }
    size_t take = in_end - in_start;
    if (take > count - got) take = count - got;
    memcpy(data + got, in_buffer + in_start, take);
    in_start += take;
    got += take;
  }
  data[count] = 0;
  return data;
}

/* Splits the NUL-separated payload; returns the next string or NULL past the end. */
static char *next_field(char **cursor, char *end) {
  if (*cursor >= end) return NULL;
  char *field = *cursor;
  *cursor += strlen(field) + 1;
  return field;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int exit_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

/* Runs one job; returns 0, or -1 when stdin closed (the shim must exit). */
static int run_job(char *payload, size_t length) {
  char *cursor = payload, *end = payload + length;
  char *cwd = next_field(&cursor, end);
  char *merge_text = next_field(&cursor, end);
  char *count_text = next_field(&cursor, end);
  if (!cwd || !merge_text || !count_text) return 0;
  int merge = strcmp(merge_text, "1") == 0;
  long env_count = strtol(count_text, NULL, 10);
  size_t base = 0;
  while (environ[base]) base++;
  char **envp = calloc(base + (size_t)env_count + 1, sizeof(char *));
  size_t envc = 0;
  for (size_t i = 0; i < base; i++) envp[envc++] = environ[i];
  for (long i = 0; i < env_count; i++) {
    char *entry = next_field(&cursor, end);
    if (!entry) break;
    /* A given entry replaces the container's variable of the same name. */
    size_t name_length = strcspn(entry, "=");
    size_t j;
    for (j = 0; j < envc; j++) {
      if (strncmp(envp[j], entry, name_length) == 0 && envp[j][name_length] == '=') break;
    }
    envp[j] = entry;
    if (j == envc) envc++;
  }
  envp[envc] = NULL;
  char *argc_text = next_field(&cursor, end);
  long argc = argc_text ? strtol(argc_text, NULL, 10) : 0;
  char **argv = calloc((size_t)argc + 1, sizeof(char *));
  for (long i = 0; i < argc; i++) argv[i] = next_field(&cursor, end);
  if (argc <= 0 || !argv[0]) {
    const char *message = "carson-shim: empty command\n";
    send_frame('E', message, strlen(message));
    send_line("X 127\n");
    free(envp);
    free(argv);
    return 0;
  }

  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) < 0 || pipe2(err, O_CLOEXEC) < 0) _exit(4);
  pid_t pid = fork();
  if (pid < 0) _exit(4);
  if (pid == 0) {
    setpgid(0, 0);
    for (int s = 1; s < 32; s++) signal(s, SIG_DFL);
    int null = open("/dev/null", O_RDONLY);
    dup2(null, 0);
    dup2(out[1], 1);
    dup2(merge ? out[1] : err[1], 2);
    if (chdir(cwd) < 0) {
      dprintf(2, "carson-shim: cannot change to %s: %s\n", cwd, strerror(errno));
      _exit(1);
    }
    if (strchr(argv[0], '/')) {
      execve(argv[0], argv, envp);
    } else {
      environ = envp;
      execvp(argv[0], argv);
    }
    dprintf(2, "carson-shim: cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
  }
  setpgid(pid, pid);
  close(out[1]);
  close(err[1]);

  struct pollfd fds[3] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}, {0, POLLIN, 0}};
  char chunk[1 << 16];
  int status = 0, exited = 0, input_closed = 0;
  double drain_deadline = 0;
  while (fds[0].fd >= 0 || fds[1].fd >= 0) {
    /* Once the job is gone, background children get a short grace to release the pipes. */
    if (exited && now() > drain_deadline) break;
    int ready = poll(fds, 3, exited ? 20 : 200);
    if (ready < 0 && errno != EINTR) break;
    /* stderr first: a shell's `+ command` trace was written before the command's output. */
    for (int k = 1; k >= 0; k--) {
      if (fds[k].fd < 0 || fds[k].revents == 0) continue;
      ssize_t n = read(fds[k].fd, chunk, sizeof chunk);
      if (n > 0) {
        send_frame(k == 0 ? 'O' : 'E', chunk, (size_t)n);
      } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
        close(fds[k].fd);
        fds[k].fd = -1;
      }
    }
    if (fds[2].fd >= 0 && fds[2].revents != 0) {
      char *line = read_line();
      if (!line) {
        input_closed = 1;
        fds[2].fd = -1;
        kill(-pid, SIGKILL);
      } else if (strncmp(line, "SIG ", 4) == 0) {
        kill(-pid, atoi(line + 4));
      }
    }
    if (!exited && (ready == 0 || fds[0].fd < 0 || fds[1].fd < 0)) {
      pid_t r = waitpid(pid, &status, WNOHANG);
      if (r == pid) {
        exited = 1;
        drain_deadline = now() + 0.3;
      }
    }
  }
  if (fds[0].fd >= 0) close(fds[0].fd);
  if (fds[1].fd >= 0) close(fds[1].fd);
  if (!exited) waitpid(pid, &status, 0);
  char line[32];
  snprintf(line, sizeof line, "X %d\n", exit_status(status));
  send_line(line);
  free(envp);
  free(argv);
  return input_closed ? -1 : 0;
}

int main(void) {
  signal(SIGPIPE, SIG_IGN);
  send_line("READY 1\n");
  for (;;) {
    char *line = read_line();
    if (!line) return 0;
    if (strncmp(line, "RUN ", 4) == 0) {
      size_t length = strtoul(line + 4, NULL, 10);
      char *payload = read_bytes(length);
      if (!payload) return 0;
      int rc = run_job(payload, length);
      free(payload);
      if (rc < 0) return 0;
    }
    /* A SIG between jobs has nothing to signal. */
  }
}
