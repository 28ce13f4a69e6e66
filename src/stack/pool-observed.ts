import type { Observed } from '../results/index.js';
import type { PoolKind, SocketKind } from './types.js';

/**
 * What each pool lets caplab see of its listen queue and busy workers, as
 * its `sample()` reads them (see startPoolRole): the embedded pool exactly
 * (kernel mode: TCP_INFO or sock_diag depth plus the scoreboard; master
 * mode: its own queue); uWSGI through its stats server, which its master
 * refreshes about once a second, and over a unix socket not the queue at
 * all (its master reads it with TCP_INFO, which is TCP-only, and for unix
 * sockets only through an ioctl of Unbit's own kernels: uWSGI's
 * core/master_checks.c, master_check_listen_queue);
 * gunicorn and runserver have no stats server, so the accept queue is read
 * exactly from /proc/net/tcp (for gunicorn on a unix socket, from the
 * not-yet-accepted rows of /proc/net/unix) and busy workers are estimated from accepted
 * open connections.
 */
export function poolObserved(kind: PoolKind, socket: SocketKind): Observed {
  switch (kind) {
    case 'embedded':
      return { queue: 'exact', busy: 'exact' };
    case 'uwsgi':
      return socket === 'unix'
        ? { queue: 'none', busy: 'sampled', note: "uWSGI cannot see its listen queue on a unix socket (TCP_INFO is TCP-only); busy workers come from its stats server, refreshed about once a second" }
        : { queue: 'sampled', busy: 'sampled', note: "read from uWSGI's stats server, refreshed about once a second" };
    case 'gunicorn':
      return socket === 'unix'
        ? { queue: 'exact', busy: 'estimated', note: 'gunicorn has no stats server; caplab reads its unix socket\'s connections from /proc/net/unix: queued ones exactly, busy workers as accepted open connections' }
        : { queue: 'exact', busy: 'estimated', note: 'gunicorn has no stats server; caplab counts accepted open connections' };
    case 'runserver':
      return { queue: 'exact', busy: 'estimated', note: 'runserver has no stats server; caplab counts accepted open connections' };
  }
}
