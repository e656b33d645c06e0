// libgit2 (Debian libgit2-dev). Only CarsonGit imports this module.
#include <git2.h>
#include <git2/sys/stream.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

// git_libgit2_opts is variadic, which Swift cannot call: one fixed-argument wrapper per option used.
static inline int carson_git_set_ssl_cert_locations(const char *file, const char *path) {
  return git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, path);
}

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
} carson_git_socket_stream;

// The timeout in milliseconds, defined once in Swift (GitRepository.networkTimeout): a variable
// defined here would be copied into every object file that uses this header.
extern int carson_git_io_timeout(void);

static inline int carson_git_stream_wait(int fd, short events) {
  struct pollfd p = {fd, events, 0};
  int ready;
  do { ready = poll(&p, 1, carson_git_io_timeout()); } while (ready < 0 && errno == EINTR);
  if (ready == 0) {
    git_error_set_str(GIT_ERROR_NET, "the server did not answer in time (no data for the I/O timeout)");
    return -1;
  }
  if (ready < 0) {
    git_error_set_str(GIT_ERROR_OS, strerror(errno));
    return -1;
  }
  return 0;
}

static inline int carson_git_stream_connect(git_stream *stream) {
  carson_git_socket_stream *s = (carson_git_socket_stream *)stream;
  struct addrinfo hints, *list = NULL, *a;
  memset(&hints, 0, sizeof hints);
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_family = AF_UNSPEC;
  int status = getaddrinfo(s->host, s->port, &hints, &list);
  if (status != 0) {
    git_error_set(GIT_ERROR_NET, "failed to resolve address for %s: %s", s->host, gai_strerror(status));
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
      if (error == EINPROGRESS && carson_git_stream_wait(fd, POLLOUT) == 0) {
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
    git_error_set(GIT_ERROR_NET, "failed to connect to %s: %s", s->host, strerror(error));
    return -1;
  }
  s->fd = fd;
  return 0;
}

static inline ssize_t carson_git_stream_read(git_stream *stream, void *data, size_t length) {
  carson_git_socket_stream *s = (carson_git_socket_stream *)stream;
  if (carson_git_stream_wait(s->fd, POLLIN) != 0) return -1;
  ssize_t n;
  do { n = recv(s->fd, data, length, 0); } while (n < 0 && errno == EINTR);
  if (n < 0) git_error_set_str(GIT_ERROR_NET, strerror(errno));
  return n;
}

static inline ssize_t carson_git_stream_write(git_stream *stream, const char *data, size_t length, int flags) {
  carson_git_socket_stream *s = (carson_git_socket_stream *)stream;
  size_t written = 0;
  (void)flags;
  while (written < length) {
    if (carson_git_stream_wait(s->fd, POLLOUT) != 0) return -1;
    ssize_t n = send(s->fd, data + written, length - written, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      git_error_set_str(GIT_ERROR_NET, strerror(errno));
      return -1;
    }
    written += (size_t)n;
  }
  return (ssize_t)written;
}

static inline int carson_git_stream_close(git_stream *stream) {
  carson_git_socket_stream *s = (carson_git_socket_stream *)stream;
  if (s->fd >= 0) close(s->fd);
  s->fd = -1;
  return 0;
}

static inline void carson_git_stream_free(git_stream *stream) {
  carson_git_socket_stream *s = (carson_git_socket_stream *)stream;
  free(s->host);
  free(s->port);
  free(s);
}

static inline int carson_git_stream_new(git_stream **out, const char *host, const char *port) {
  carson_git_socket_stream *s = (carson_git_socket_stream *)calloc(1, sizeof *s);
  if (s == NULL) return -1;
  s->parent.version = GIT_STREAM_VERSION;
  s->parent.connect = carson_git_stream_connect;
  s->parent.read = carson_git_stream_read;
  s->parent.write = carson_git_stream_write;
  s->parent.close = carson_git_stream_close;
  s->parent.free = carson_git_stream_free;
  s->host = strdup(host);
  s->port = strdup(port);
  s->fd = -1;
  *out = &s->parent;
  return 0;
}

/// Makes every plain socket libgit2 opens (HTTP, and under TLS and SSH) one of Carson's.
static inline int carson_git_use_timed_sockets(void) {
  git_stream_registration registration;
  memset(&registration, 0, sizeof registration);
  registration.version = GIT_STREAM_VERSION;
  registration.init = carson_git_stream_new;
  return git_stream_register(GIT_STREAM_STANDARD, &registration);
}
