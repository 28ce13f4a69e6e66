import type { UpstreamProtocol } from './types.js';
import { WRAPPER_CALLABLE } from './wsgi-app.js';

/** What `uwsgiArgs` needs: the pool options with ports and paths resolved. */
export interface UwsgiArgsInput {
  readonly host: string;
  readonly port: number;
  readonly statsPort: number;
  readonly protocol: UpstreamProtocol;
  readonly workers: number;
  readonly listen: number;
  /** The directory of caplab's WSGI wrapper (caplab_wsgi.py), which loads the app named by pythonPoolEnv. */
  readonly wrapperDir: string;
  /** 0 or undefined = off, as in the embedded pool. */
  readonly harakiriMs?: number | undefined;
  /** 0 or undefined = off. */
  readonly maxRequests?: number | undefined;
  /** uWSGI's socket-timeout (default 4 s), rounded up to whole seconds. */
  readonly socketTimeoutMs?: number | undefined;
  /** Threads per worker (uWSGI's `threads`); 1 or undefined = none. */
  readonly threads?: number | undefined;
  /** uWSGI's `reload-on-rss`, MiB; undefined = off. */
  readonly reloadOnRssMb?: number | undefined;
  /** The master FIFO (uWSGI's `master-fifo`), through which caplab asks for a chain reload ('c'). */
  readonly masterFifo?: string | undefined;
}

/**
 * uWSGI counts harakiri in whole seconds, so a timeout in ms is rounded up
 * (1200 ms -> 2 s), at least 1. Its master checks once a second, so a worker
 * is killed between N and about N + 1 s into a request.
 */
export function harakiriSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

function address(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * The uWSGI command line of a prefork pool running a WSGI app through
 * caplab's wrapper (the app itself is named in pythonPoolEnv): the master
 * loads it once (`--module`, so workers fork with the app already imported) and forks `workers` sync workers sharing one listen
 * socket of backlog `listen`.
 *   --strict       unknown options are errors, not warnings
 *   --need-app     exit if the app cannot be loaded, rather than answer 500s
 *   --die-on-term  SIGTERM stops uWSGI (its default is to reload)
 *   --no-orphans   workers exit if the master dies
 *   --memory-report  fills rss/vsz in the stats
 *   --disable-logging  no per-request log lines (errors are still logged)
 *   --max-requests N   with --min-worker-lifetime 0: uWSGI 2.0 otherwise
 *                      recycles only workers older than 60 s (its help text;
 *                      see uwsgi_close_request in core/utils.c), which a
 *                      time-scaled run never reaches
 *   --threads T --enable-threads  T threads per worker (uWSGI's cores), and the GIL
 *                      released between requests so they can run
 *   --reload-on-rss MB recycle a worker whose RSS passes MB after a request (also
 *                      held back by min-worker-lifetime, so it too gets 0)
 *   --master-fifo PATH the master reads one-letter commands there; 'c' is a
 *                      chain reload (one worker after another), what a
 *                      scenario's `reload:` phase sends
 */
export function uwsgiArgs(input: UwsgiArgsInput): string[] {
  return [
    '--strict',
    '--plugins', 'python3',
    '--master',
    '--processes', String(input.workers),
    '--listen', String(input.listen),
    input.protocol === 'http' ? '--http-socket' : '--socket', address(input.host, input.port),
    '--stats', address(input.host, input.statsPort),
    '--die-on-term',
    '--no-orphans',
    '--need-app',
    '--memory-report',
    '--disable-logging',
    '--pythonpath', input.wrapperDir,
    '--module', WRAPPER_CALLABLE,
    ...(input.harakiriMs ? ['--harakiri', String(harakiriSeconds(input.harakiriMs))] : []),
    ...(input.maxRequests ? ['--max-requests', String(input.maxRequests)] : []),
    ...(input.reloadOnRssMb !== undefined ? ['--reload-on-rss', String(Math.max(1, Math.ceil(input.reloadOnRssMb)))] : []),
    ...(input.maxRequests || input.reloadOnRssMb !== undefined ? ['--min-worker-lifetime', '0'] : []),
    ...(input.socketTimeoutMs ? ['--socket-timeout', String(Math.max(1, Math.ceil(input.socketTimeoutMs / 1000)))] : []),
    ...(input.threads && input.threads > 1 ? ['--threads', String(input.threads), '--enable-threads'] : []),
    ...(input.masterFifo !== undefined ? ['--master-fifo', input.masterFifo] : []),
  ];
}
