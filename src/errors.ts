/**
 * The one catalogue of caplab's errors. Every error the CLI can print is a
 * `CaplabError` with a stable `code`, the process exit code it maps to, and an
 * optional one-line hint. The CLI prints `message` (and `hint`) and exits with
 * `exitCode`; stack traces are shown only with `--debug`.
 *
 * Exit codes (documented in the README):
 *   0   success
 *   1   the run itself failed (a role could not start, an internal error)
 *   2   bad usage or configuration: flags, scenario files, ports
 *   99  the run finished but a threshold in `expect` failed
 *   130 interrupted (SIGINT); 128 + n for other signals (143 for SIGTERM)
 *
 * The CLI prints `caplab: <code>: <message>`, so a code is part of the
 * interface: scripts may match on it. Every code here is thrown somewhere.
 */

export const EXIT = Object.freeze({
  ok: 0,
  failure: 1,
  usage: 2,
  threshold: 99,
  interrupted: 130,
});

interface ErrorSpec {
  readonly exitCode: number;
  readonly hint?: string;
}

/** Stable error codes. New codes are added here, never invented at a throw site. */
export const ERROR_CODES = {
  // usage and configuration (exit 2)
  E_USAGE: { exitCode: EXIT.usage },
  E_FLAG: { exitCode: EXIT.usage, hint: 'run `caplab <command> --help` for the accepted flags' },
  E_SCENARIO_NOT_FOUND: { exitCode: EXIT.usage, hint: '`caplab scenarios` lists the built-in scenarios' },
  E_SCENARIO_PARSE: { exitCode: EXIT.usage },
  E_SCENARIO_INVALID: { exitCode: EXIT.usage },
  E_RESULTS_INVALID: { exitCode: EXIT.usage },
  E_PORT_IN_USE: { exitCode: EXIT.usage, hint: 'choose another port, or 0 for any free port' },
  E_PORT_DENIED: { exitCode: EXIT.usage, hint: 'ports below 1024 need root; choose a port of 1024 or more, or 0 for any free port' },
  E_APP_LOAD: { exitCode: EXIT.usage, hint: 'an app module must export a `handler(req)` function, and must not exit while it loads' },
  E_WSGI_APP: { exitCode: EXIT.usage },
  E_NOT_LOOPBACK: { exitCode: EXIT.usage, hint: 'caplab sends load only to loopback addresses (127.0.0.0/8, ::1)' },
  E_SLO_INVALID: { exitCode: EXIT.usage, hint: "write an objective like 'p99<1s' or 'mean<200ms'" },
  E_RATE_INVALID: { exitCode: EXIT.usage, hint: "write a rate like '40/s' or '2400/min'" },
  E_SERVICE_INVALID: { exitCode: EXIT.usage, hint: "write a service time like 'exp:120ms', 'const:100ms', 'uniform:50ms..150ms', 'lognormal:100ms,0.5' or 'gamma:120ms,0.5' (mean, Cs²)" },
  E_PLAN_INVALID: { exitCode: EXIT.usage },
  E_REAL_MISSING: { exitCode: EXIT.usage, hint: 'apt-get install nginx-light uwsgi-core uwsgi-plugin-python3 python3-django' },
  E_LISTEN_OVER_SOMAXCONN: { exitCode: EXIT.usage, hint: 'lower listen, or raise the limit: sysctl -w net.core.somaxconn=N' },
  E_OUT_UNWRITABLE: { exitCode: EXIT.usage, hint: 'choose a folder you can write to with --out' },
  E_OUT_IN_USE: { exitCode: EXIT.usage, hint: 'choose another --out, or move the earlier results away' },
  E_SCALE_TOO_SMALL: { exitCode: EXIT.usage },
  E_LOG_INVALID: { exitCode: EXIT.usage, hint: 'see the README, "Plans from access logs", for the formats caplab reads' },
  E_LOCUST_MISSING: { exitCode: EXIT.usage, hint: 'apt-get install python3-locust (caplab doctor says what is there)' },
  E_LOCUST_UNSUPPORTED: { exitCode: EXIT.usage },
  E_POOL_OPTION: { exitCode: EXIT.usage, hint: 'README: "uWSGI knobs: threads, max-requests, reload-on-rss" says which pool takes which' },
  // runtime (exit 1)
  E_STACK_START: { exitCode: EXIT.failure },
  E_ROLE_DIED: { exitCode: EXIT.failure, hint: 'what was measured until then is in results.json, marked aborted' },
  E_WRITE_FAILED: { exitCode: EXIT.failure },
  E_INTERNAL: { exitCode: EXIT.failure, hint: 'run again with --debug for the stack trace' },
  E_LOCUST_WORKERS: { exitCode: EXIT.failure },
  E_LOCUST_FAILED: { exitCode: EXIT.failure },
  E_POOL_STATS: { exitCode: EXIT.failure, hint: 'the pool may have died; its stats server answers one JSON document per connection' },
  // thresholds (exit 99)
  E_THRESHOLD: { exitCode: EXIT.threshold },
  // signals (exit 128 + the signal's number)
  E_INTERRUPTED: { exitCode: EXIT.interrupted },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The base error: carries a stable code, the exit code and an optional hint. */
export class CaplabError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown; exitCode?: number } = {}) {
    super(message, { cause: options.cause });
    this.name = 'CaplabError';
    this.code = code;
    const spec: ErrorSpec = ERROR_CODES[code];
    this.exitCode = options.exitCode ?? spec.exitCode;
    this.hint = options.hint ?? spec.hint;
  }
}

/** Shorthand for throwing a catalogued error. */
export function caplabError(code: ErrorCode, message: string, options?: { hint?: string; cause?: unknown }): CaplabError {
  return new CaplabError(code, message, options);
}

export function isCaplabError(err: unknown): err is CaplabError {
  return err instanceof CaplabError;
}

/**
 * The catalogued error for a failed `listen()` on `host:port`: the port is
 * taken (E_PORT_IN_USE) or needs privileges (E_PORT_DENIED), both usage
 * errors; anything else is E_STACK_START. `role` names who listened.
 */
export function listenError(err: NodeJS.ErrnoException, role: string, host: string, port: number): { code: 'E_PORT_IN_USE' | 'E_PORT_DENIED' | 'E_STACK_START'; message: string } {
  if (err.code === 'EADDRINUSE') return { code: 'E_PORT_IN_USE', message: `port ${host}:${port} is already in use` };
  if (err.code === 'EACCES' || err.code === 'EPERM') return { code: 'E_PORT_DENIED', message: `${role} may not listen on port ${host}:${port} (${err.code})` };
  return { code: 'E_STACK_START', message: `${role} cannot listen on ${host}:${port}: ${err.message}` };
}
