// Carson's socket stream for libgit2. Every libgit2 call goes through CLibGit2.h's trampolines.
#include "CLibGit2.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

// libgit2 1.5's sockets block without a deadline (server timeouts arrived in 1.7): a server that
// accepts the connection and never answers would stall a clone for ever. Carson registers this
// socket stream instead: connect, read and write each wait at most `carson_git_io_timeout()` ms.
// Its layout starts as libgit2's own socket stream (parent, host, port, fd), because the SSH
// transport of 1.5 reads the descriptor from that place to hand it to libssh2.
typedef struct {
  git_stream parent;
  char *host;
  char *port;
  int fd;
} timed_socket_stream;

// Set from Swift (GitRepository.networkTimeout) while clones may run on other threads.
static int io_timeout_milliseconds = 60000;

int carson_git_io_timeout(void) {
  return __atomic_load_n(&io_timeout_milliseconds, __ATOMIC_RELAXED);
}

void carson_git_set_io_timeout(int milliseconds) {
  __atomic_store_n(&io_timeout_milliseconds, milliseconds, __ATOMIC_RELAXED);
}

// git_error_set is variadic (no trampoline can forward its arguments): format here, set the text.
static void set_error(int error_class, const char *format, ...) {
  char message[512];
  va_list arguments;
  va_start(arguments, format);
  vsnprintf(message, sizeof message, format, arguments);
  va_end(arguments);
  carson_git_error_set_str(error_class, message);
}

static int timed_stream_wait(int fd, short events) {
  struct pollfd p = {fd, events, 0};
  int ready;
  do { ready = poll(&p, 1, carson_git_io_timeout()); } while (ready < 0 && errno == EINTR);
  if (ready == 0) {
    carson_git_error_set_str(GIT_ERROR_NET, "the server did not answer in time (no data for the I/O timeout)");
    return -1;
  }
  if (ready < 0) {
    carson_git_error_set_str(GIT_ERROR_OS, strerror(errno));
    return -1;
  }
  return 0;
}

static int timed_stream_connect(git_stream *stream) {
  timed_socket_stream *s = (timed_socket_stream *)stream;
  struct addrinfo hints, *list = NULL, *a;
  memset(&hints, 0, sizeof hints);
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_family = AF_UNSPEC;
  int status = getaddrinfo(s->host, s->port, &hints, &list);
  if (status != 0) {
    set_error(GIT_ERROR_NET, "failed to resolve address for %s: %s", s->host, gai_strerror(status));
    return -1;
  }
  int fd = -1, error = 0;
  for (a = list; a != NULL && fd < 0; a = a->ai_next) {
    fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) { error = errno; continue; }
    int flags = fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    if (connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
      error = errno;
      if (error == EINPROGRESS && timed_stream_wait(fd, POLLOUT) == 0) {
        socklen_t length = sizeof error;
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
      } else if (error == EINPROGRESS) {
        error = ETIMEDOUT;
      }
      if (error != 0) { close(fd); fd = -1; continue; }
    }
    fcntl(fd, F_SETFL, flags);  // blocking again: libssh2 reads this descriptor itself
  }
  freeaddrinfo(list);
  if (fd < 0) {
    set_error(GIT_ERROR_NET, "failed to connect to %s: %s", s->host, strerror(error));
    return -1;
  }
  s->fd = fd;
  return 0;
}

static ssize_t timed_stream_read(git_stream *stream, void *data, size_t length) {
  timed_socket_stream *s = (timed_socket_stream *)stream;
  if (timed_stream_wait(s->fd, POLLIN) != 0) return -1;
  ssize_t n;
  do { n = recv(s->fd, data, length, 0); } while (n < 0 && errno == EINTR);
  if (n < 0) carson_git_error_set_str(GIT_ERROR_NET, strerror(errno));
  return n;
}

static ssize_t timed_stream_write(git_stream *stream, const char *data, size_t length, int flags) {
  timed_socket_stream *s = (timed_socket_stream *)stream;
  size_t written = 0;
  (void)flags;
  while (written < length) {
    if (timed_stream_wait(s->fd, POLLOUT) != 0) return -1;
    ssize_t n = send(s->fd, data + written, length - written, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      carson_git_error_set_str(GIT_ERROR_NET, strerror(errno));
      return -1;
    }
    written += (size_t)n;
  }
  return (ssize_t)written;
}

static int timed_stream_close(git_stream *stream) {
  timed_socket_stream *s = (timed_socket_stream *)stream;
  if (s->fd >= 0) close(s->fd);
  s->fd = -1;
  return 0;
}

static void timed_stream_free(git_stream *stream) {
  timed_socket_stream *s = (timed_socket_stream *)stream;
  free(s->host);
  free(s->port);
  free(s);
}

static int timed_stream_new(git_stream **out, const char *host, const char *port) {
  timed_socket_stream *s = (timed_socket_stream *)calloc(1, sizeof *s);
  if (s == NULL) return -1;
  s->parent.version = GIT_STREAM_VERSION;
  s->parent.connect = timed_stream_connect;
  s->parent.read = timed_stream_read;
  s->parent.write = timed_stream_write;
  s->parent.close = timed_stream_close;
  s->parent.free = timed_stream_free;
  s->host = strdup(host);
  s->port = strdup(port);
  s->fd = -1;
  *out = &s->parent;
  return 0;
}

int carson_git_use_timed_sockets(void) {
  git_stream_registration registration;
  memset(&registration, 0, sizeof registration);
  registration.version = GIT_STREAM_VERSION;
  registration.init = timed_stream_new;
  return carson_git_stream_register(GIT_STREAM_STANDARD, &registration);
}
