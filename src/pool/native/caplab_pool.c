/*
 * caplab_pool: the few system calls the embedded pool needs and Node has no
 * API for, so that its workers accept for themselves as uWSGI's do.
 *
 *   listen(host, port, backlog) -> { fd, port }
 *       A non-blocking TCP listening socket with exactly `backlog` (the
 *       kernel caps it at net.core.somaxconn). Node's net.Server would start
 *       accepting at once; this socket is only ever accepted from by idle
 *       workers.
 *   listenUnix(path, backlog) -> { fd }
 *       The same, on a unix stream socket bound at `path` (which must not
 *       exist). When its backlog is full, a non-blocking connect() fails at
 *       once with EAGAIN (af_unix.c, unix_stream_connect), where TCP drops the
 *       SYN; nginx then answers 502 at once.
 *   createAcceptor(fd, callback) -> { resume(), close() }
 *       resume() waits (uv_poll, level-triggered) until the listening socket
 *       is readable, accepts exactly ONE connection with accept4 and calls
 *       callback(null, clientFd), then waits no more until resume() is called
 *       again. EAGAIN (another worker took it) keeps waiting. Any other error
 *       calls callback(err) and stops.
 *   tryAccept(fd) -> clientFd | -1
 *       One non-blocking accept4 and no waiting: -1 when the queue is empty.
 *       A worker that just finished a request calls it first, so under load
 *       it takes the next connection without touching epoll at all.
 *   queueInfo(fd) -> { queue, backlog }
 *       getsockopt(TCP_INFO) on a LISTEN socket: tcpi_unacked is the current
 *       accept-queue length and tcpi_sacked its limit (how uWSGI's master
 *       reads its listen queue; see uWSGI's core/socket.c).
 *   unixQueueInfo(fd) -> { queue, backlog }
 *       The same for a unix listening socket, which TCP_INFO cannot read:
 *       one sock_diag (netlink) query by inode, UDIAG_SHOW_RQLEN, as
 *       `ss -xl` does; rqueue is the accept-queue length, wqueue the backlog.
 *   createShared(bytes) -> { fd, buffer }
 *       A memfd of `bytes`, mapped MAP_SHARED: the scoreboard. Its fd is
 *       handed to the workers, which map the same pages.
 *   mapShared(fd, bytes) -> buffer
 *       Maps a scoreboard created by another process.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <node_api.h>
#include <uv.h>

#define CHECK(call)                                                                                                        \
  do {                                                                                                                     \
    if ((call) != napi_ok) return NULL;                                                                                    \
  } while (0)

static napi_value throw_errno(napi_env env, int err, const char *syscall) {
  char message[160];
  snprintf(message, sizeof message, "%s: %s", syscall, strerror(err));
  napi_value code, msg, error;
  /* Node's errno names (EADDRINUSE, …) are what callers compare against. */
  const char *name = err == EADDRINUSE ? "EADDRINUSE" : err == EACCES ? "EACCES" : err == EADDRNOTAVAIL ? "EADDRNOTAVAIL" : err == EBADF ? "EBADF" : err == ENOTSOCK ? "ENOTSOCK" : err == EMFILE ? "EMFILE" : "EIO";
  napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &code);
  napi_create_string_utf8(env, message, NAPI_AUTO_LENGTH, &msg);
  napi_create_error(env, code, msg, &error);
  napi_value errnoValue;
  napi_create_int32(env, err, &errnoValue);
  napi_set_named_property(env, error, "errno", errnoValue);
  napi_throw(env, error);
  return NULL;
}

static int get_int(napi_env env, napi_value value, int32_t *out) {
  return napi_get_value_int32(env, value, out) == napi_ok;
}

static napi_value make_int_object(napi_env env, const char *k1, int64_t v1, const char *k2, int64_t v2) {
  napi_value obj, a, b;
  CHECK(napi_create_object(env, &obj));
  CHECK(napi_create_int64(env, v1, &a));
  CHECK(napi_create_int64(env, v2, &b));
  CHECK(napi_set_named_property(env, obj, k1, a));
  CHECK(napi_set_named_property(env, obj, k2, b));
  return obj;
}

/* listen(host, port, backlog) */
static napi_value Listen(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  char host[64];
  size_t len;
  int32_t port, backlog;
  if (argc < 3 || napi_get_value_string_utf8(env, argv[0], host, sizeof host, &len) != napi_ok || !get_int(env, argv[1], &port) ||
      !get_int(env, argv[2], &backlog)) {
    napi_throw_type_error(env, NULL, "listen(host, port, backlog)");
    return NULL;
  }
  struct sockaddr_storage addr;
  socklen_t addrlen;
  memset(&addr, 0, sizeof addr);
  int family;
  struct sockaddr_in *in4 = (struct sockaddr_in *)&addr;
  struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&addr;
  if (inet_pton(AF_INET, host, &in4->sin_addr) == 1) {
    family = AF_INET;
    in4->sin_family = AF_INET;
    in4->sin_port = htons((uint16_t)port);
    addrlen = sizeof *in4;
  } else if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
    family = AF_INET6;
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons((uint16_t)port);
    addrlen = sizeof *in6;
  } else {
    napi_throw_type_error(env, NULL, "listen: host must be a numeric IPv4 or IPv6 address");
    return NULL;
  }
  int fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return throw_errno(env, errno, "socket");
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(fd, (struct sockaddr *)&addr, addrlen) < 0 || listen(fd, backlog) < 0) {
    int err = errno;
    close(fd);
    return throw_errno(env, err, "listen");
  }
  addrlen = sizeof addr;
  getsockname(fd, (struct sockaddr *)&addr, &addrlen);
  int bound = family == AF_INET ? ntohs(in4->sin_port) : ntohs(in6->sin6_port);
  return make_int_object(env, "fd", fd, "port", bound);
}

/* listenUnix(path, backlog) */
static napi_value ListenUnix(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  struct sockaddr_un addr;
  memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  size_t len;
  int32_t backlog;
  if (argc < 2 || napi_get_value_string_utf8(env, argv[0], addr.sun_path, sizeof addr.sun_path, &len) != napi_ok || !get_int(env, argv[1], &backlog)) {
    napi_throw_type_error(env, NULL, "listenUnix(path, backlog)");
    return NULL;
  }
  if (len == 0 || len >= sizeof addr.sun_path - 1) {
    napi_throw_range_error(env, NULL, "listenUnix: path must be 1 to 106 bytes");
    return NULL;
  }
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return throw_errno(env, errno, "socket");
  if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(fd, backlog) < 0) {
    int err = errno;
    close(fd);
    return throw_errno(env, err, "listen");
  }
  napi_value obj, fdValue;
  CHECK(napi_create_object(env, &obj));
  CHECK(napi_create_int32(env, fd, &fdValue));
  CHECK(napi_set_named_property(env, obj, "fd", fdValue));
  return obj;
}

/* unixQueueInfo(fd) */
static napi_value UnixQueueInfo(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  int32_t fd;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1 || !get_int(env, argv[0], &fd)) {
    napi_throw_type_error(env, NULL, "unixQueueInfo(fd)");
    return NULL;
  }
  struct stat st;
  if (fstat(fd, &st) < 0) return throw_errno(env, errno, "fstat");
  int nl = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (nl < 0) return throw_errno(env, errno, "socket(NETLINK_SOCK_DIAG)");
  struct {
    struct nlmsghdr nlh;
    struct unix_diag_req udr;
  } req;
  memset(&req, 0, sizeof req);
  req.nlh.nlmsg_len = sizeof req;
  req.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  req.nlh.nlmsg_flags = NLM_F_REQUEST;
  req.udr.sdiag_family = AF_UNIX;
  req.udr.udiag_states = ~0U;
  req.udr.udiag_ino = (uint32_t)st.st_ino;
  req.udr.udiag_show = UDIAG_SHOW_RQLEN;
  req.udr.udiag_cookie[0] = req.udr.udiag_cookie[1] = ~0U; /* INET_DIAG_NOCOOKIE */
  long buf[1024];
  ssize_t n;
  if (send(nl, &req, sizeof req, 0) < 0 || (n = recv(nl, buf, sizeof buf, 0)) < 0) {
    int err = errno;
    close(nl);
    return throw_errno(env, err, "sock_diag");
  }
  close(nl);
  struct nlmsghdr *h = (struct nlmsghdr *)buf;
  if (!NLMSG_OK(h, (size_t)n)) return throw_errno(env, EIO, "sock_diag");
  if (h->nlmsg_type == NLMSG_ERROR) {
    struct nlmsgerr *e = NLMSG_DATA(h);
    return throw_errno(env, e->error ? -e->error : EIO, "sock_diag");
  }
  struct unix_diag_msg *m = NLMSG_DATA(h);
  int rtalen = (int)(h->nlmsg_len - NLMSG_LENGTH(sizeof *m));
  for (struct rtattr *a = (struct rtattr *)(m + 1); RTA_OK(a, rtalen); a = RTA_NEXT(a, rtalen)) {
    if (a->rta_type == UNIX_DIAG_RQLEN) {
      struct unix_diag_rqlen *q = RTA_DATA(a);
      return make_int_object(env, "queue", q->udiag_rqueue, "backlog", q->udiag_wqueue);
    }
  }
  return throw_errno(env, EIO, "sock_diag (no UNIX_DIAG_RQLEN)");
}

/* queueInfo(fd) */
static napi_value QueueInfo(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  int32_t fd;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1 || !get_int(env, argv[0], &fd)) {
    napi_throw_type_error(env, NULL, "queueInfo(fd)");
    return NULL;
  }
  struct tcp_info ti;
  socklen_t len = sizeof ti;
  memset(&ti, 0, sizeof ti);
  if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) < 0) return throw_errno(env, errno, "getsockopt(TCP_INFO)");
  return make_int_object(env, "queue", ti.tcpi_unacked, "backlog", ti.tcpi_sacked);
}

/* tryAccept(fd) */
static napi_value TryAccept(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], result;
  int32_t fd;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1 || !get_int(env, argv[0], &fd)) {
    napi_throw_type_error(env, NULL, "tryAccept(fd)");
    return NULL;
  }
  int client;
  do {
    client = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
  } while (client < 0 && (errno == EINTR || errno == ECONNABORTED || errno == EPROTO));
  if (client < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return throw_errno(env, errno, "accept4");
  CHECK(napi_create_int32(env, client < 0 ? -1 : client, &result));
  return result;
}

/* ---- acceptor ---- */

typedef struct {
  uv_poll_t poll;
  napi_env env;
  napi_ref callback;
  napi_async_context context;
  int fd;
  int polling;
  int closed;
} acceptor_t;

static void acceptor_closed(uv_handle_t *handle) { free(handle->data); }

static void acceptor_call(acceptor_t *a, int err, int client) {
  napi_env env = a->env;
  napi_handle_scope scope;
  if (napi_open_handle_scope(env, &scope) != napi_ok) return;
  napi_value cb, recv, argv[2], result;
  napi_get_reference_value(env, a->callback, &cb);
  napi_get_global(env, &recv); /* napi_make_callback wants an object as `this` */
  if (err) {
    napi_value code, msg;
    char text[120];
    snprintf(text, sizeof text, "accept4: %s", strerror(err));
    napi_create_string_utf8(env, "EACCEPT", NAPI_AUTO_LENGTH, &code);
    napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &msg);
    napi_create_error(env, code, msg, &argv[0]);
    napi_get_undefined(env, &argv[1]);
  } else {
    napi_get_null(env, &argv[0]);
    napi_create_int32(env, client, &argv[1]);
  }
  napi_make_callback(env, a->context, recv, cb, 2, argv, &result);
  napi_close_handle_scope(env, scope);
}

static void on_readable(uv_poll_t *handle, int status, int events) {
  acceptor_t *a = handle->data;
  (void)events;
  if (status < 0) {
    uv_poll_stop(&a->poll);
    a->polling = 0;
    acceptor_call(a, -status, -1);
    return;
  }
  int client = accept4(a->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (client < 0) {
    int err = errno;
    /* Another worker took it, or the client gave up before we got to it: keep waiting. */
    if (err == EAGAIN || err == EWOULDBLOCK || err == EINTR || err == ECONNABORTED || err == EPROTO) return;
    uv_poll_stop(&a->poll);
    a->polling = 0;
    acceptor_call(a, err, -1);
    return;
  }
  uv_poll_stop(&a->poll);
  a->polling = 0;
  acceptor_call(a, 0, client);
}

static napi_value AcceptorResume(napi_env env, napi_callback_info info) {
  napi_value self;
  acceptor_t *a;
  CHECK(napi_get_cb_info(env, info, NULL, NULL, &self, NULL));
  CHECK(napi_unwrap(env, self, (void **)&a));
  if (a->closed || a->polling) return NULL;
  int rc = uv_poll_start(&a->poll, UV_READABLE, on_readable);
  if (rc < 0) return throw_errno(env, -rc, "uv_poll_start");
  a->polling = 1;
  return NULL;
}

static napi_value AcceptorClose(napi_env env, napi_callback_info info) {
  napi_value self;
  acceptor_t *a;
  CHECK(napi_get_cb_info(env, info, NULL, NULL, &self, NULL));
  CHECK(napi_remove_wrap(env, self, (void **)&a));
  if (a->closed) return NULL;
  a->closed = 1;
  napi_delete_reference(env, a->callback);
  napi_async_destroy(env, a->context);
  uv_close((uv_handle_t *)&a->poll, acceptor_closed);
  return NULL;
}

/* createAcceptor(fd, callback) */
static napi_value CreateAcceptor(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  int32_t fd;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  napi_valuetype type = napi_undefined;
  if (argc >= 2) napi_typeof(env, argv[1], &type);
  if (argc < 2 || !get_int(env, argv[0], &fd) || type != napi_function) {
    napi_throw_type_error(env, NULL, "createAcceptor(fd, callback)");
    return NULL;
  }
  uv_loop_t *loop;
  CHECK(napi_get_uv_event_loop(env, &loop));
  acceptor_t *a = calloc(1, sizeof *a);
  if (!a) return throw_errno(env, ENOMEM, "calloc");
  a->env = env;
  a->fd = fd;
  a->poll.data = a;
  int rc = uv_poll_init_socket(loop, &a->poll, fd);
  if (rc < 0) {
    free(a);
    return throw_errno(env, -rc, "uv_poll_init");
  }
  napi_value obj, resume, close, name;
  CHECK(napi_create_object(env, &obj));
  CHECK(napi_create_reference(env, argv[1], 1, &a->callback));
  CHECK(napi_create_string_utf8(env, "caplab:accept", NAPI_AUTO_LENGTH, &name));
  CHECK(napi_async_init(env, NULL, name, &a->context));
  CHECK(napi_wrap(env, obj, a, NULL, NULL, NULL));
  CHECK(napi_create_function(env, "resume", NAPI_AUTO_LENGTH, AcceptorResume, NULL, &resume));
  CHECK(napi_create_function(env, "close", NAPI_AUTO_LENGTH, AcceptorClose, NULL, &close));
  CHECK(napi_set_named_property(env, obj, "resume", resume));
  CHECK(napi_set_named_property(env, obj, "close", close));
  return obj;
}

/* ---- scoreboard ---- */

typedef struct {
  void *addr;
  size_t size;
} mapping_t;

static void unmap(napi_env env, void *data, void *hint) {
  (void)env;
  (void)data;
  mapping_t *m = hint;
  munmap(m->addr, m->size);
  free(m);
}

static napi_value wrap_mapping(napi_env env, int fd, size_t size) {
  void *addr = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (addr == MAP_FAILED) return throw_errno(env, errno, "mmap");
  mapping_t *m = malloc(sizeof *m);
  if (!m) {
    munmap(addr, size);
    return throw_errno(env, ENOMEM, "malloc");
  }
  m->addr = addr;
  m->size = size;
  napi_value buffer;
  if (napi_create_external_arraybuffer(env, addr, size, unmap, m, &buffer) != napi_ok) {
    munmap(addr, size);
    free(m);
    return NULL;
  }
  return buffer;
}

/* createShared(bytes) */
static napi_value CreateShared(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  int32_t bytes;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1 || !get_int(env, argv[0], &bytes) || bytes <= 0) {
    napi_throw_type_error(env, NULL, "createShared(bytes)");
    return NULL;
  }
  int fd = memfd_create("caplab-scoreboard", MFD_CLOEXEC);
  if (fd < 0) return throw_errno(env, errno, "memfd_create");
  if (ftruncate(fd, bytes) < 0) {
    int err = errno;
    close(fd);
    return throw_errno(env, err, "ftruncate");
  }
  napi_value buffer = wrap_mapping(env, fd, (size_t)bytes);
  if (!buffer) {
    close(fd);
    return NULL;
  }
  napi_value obj, fdValue;
  CHECK(napi_create_object(env, &obj));
  CHECK(napi_create_int32(env, fd, &fdValue));
  CHECK(napi_set_named_property(env, obj, "fd", fdValue));
  CHECK(napi_set_named_property(env, obj, "buffer", buffer));
  return obj;
}

/* mapShared(fd, bytes) */
static napi_value MapShared(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  int32_t fd, bytes;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2 || !get_int(env, argv[0], &fd) || !get_int(env, argv[1], &bytes) || bytes <= 0) {
    napi_throw_type_error(env, NULL, "mapShared(fd, bytes)");
    return NULL;
  }
  return wrap_mapping(env, fd, (size_t)bytes);
}

static napi_value Init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"listen", NULL, Listen, NULL, NULL, NULL, napi_default, NULL},
      {"listenUnix", NULL, ListenUnix, NULL, NULL, NULL, napi_default, NULL},
      {"unixQueueInfo", NULL, UnixQueueInfo, NULL, NULL, NULL, napi_default, NULL},
      {"queueInfo", NULL, QueueInfo, NULL, NULL, NULL, napi_default, NULL},
      {"tryAccept", NULL, TryAccept, NULL, NULL, NULL, napi_default, NULL},
      {"createAcceptor", NULL, CreateAcceptor, NULL, NULL, NULL, napi_default, NULL},
      {"createShared", NULL, CreateShared, NULL, NULL, NULL, napi_default, NULL},
      {"mapShared", NULL, MapShared, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
