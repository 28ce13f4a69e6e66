import { burnCpu } from './burn-cpu.js';
import { BadQueryValue, readByteCount, readMs, readStatusCode } from './query-values.js';
import { sleepBlocking } from './sleep-blocking.js';
import type { AppRequest, AppResponse, Handler } from './types.js';

/**
 * caplab's built-in sample app, the embedded twin of the Django sample app
 * (src/app/django/caplab_site/views.py), with the same routes and bodies.
 * Durations are scenario ms, multiplied by `timeScale` before waiting:
 *   /hello        200 "Hello, world!"
 *   /sleep?ms=N   blocks the worker (like time.sleep)
 *   /cpu?ms=N     burns the CPU (a busy loop)
 *   /io?ms=N      waits without blocking (a timer); the worker still serves
 *                 one request at a time
 *   /status/CODE  an empty response with status CODE (200–599)
 *   /bytes?n=N    N bytes of "x" (at most 64 MiB)
 *   /crash        the worker process exits before writing a response
 * A bad query value gives a one-line 400; any other path a 404.
 */

/** What the sample app does that cannot be done inside a test runner. */
export interface SampleAppHooks {
  /** Ends the worker for /crash; default `process.exit(1)`. */
  readonly crash?: () => never;
}

type Route = (req: AppRequest, query: URLSearchParams) => AppResponse | Promise<AppResponse>;

const TEXT = 'text/plain; charset=utf-8';

/** Builds the sample app's handler; `hooks` replace its process-level effects (for tests). */
export function createSampleHandler(hooks: SampleAppHooks = {}): Handler {
  const crash = hooks.crash ?? ((): never => process.exit(1));
  const routes: Record<string, Route> = {
    '/hello': () => text(200, 'Hello, world!'),
    '/sleep': (req, query) => {
      const ms = readMs(query) * req.timeScale;
      sleepBlocking(ms);
      return text(200, `slept ${ms.toFixed(3)} ms\n`);
    },
    '/cpu': (req, query) => {
      const ms = readMs(query) * req.timeScale;
      const spins = burnCpu(ms);
      return text(200, `burned ${ms.toFixed(3)} ms (${spins} spins)\n`);
    },
    '/io': async (req, query) => {
      const ms = readMs(query) * req.timeScale;
      await new Promise((resolve) => setTimeout(resolve, ms));
      return text(200, `waited ${ms.toFixed(3)} ms\n`);
    },
    '/bytes': (_req, query) => ({
      status: 200,
      headers: { 'Content-Type': 'application/octet-stream' },
      body: Buffer.alloc(readByteCount(query), 'x'),
    }),
    '/crash': () => crash(),
  };

  return async (req) => {
    const path = req.environ.PATH_INFO ?? '/';
    const query = new URLSearchParams(req.environ.QUERY_STRING ?? '');
    try {
      if (path.startsWith('/status/')) {
        return { status: readStatusCode(path.slice('/status/'.length)), headers: { 'Content-Type': TEXT }, body: '' };
      }
      const route = Object.hasOwn(routes, path) ? routes[path] : undefined;
      return route ? await route(req, query) : text(404, 'Not Found\n');
    } catch (err) {
      if (err instanceof BadQueryValue) return text(400, `Bad Request: ${err.message}\n`);
      throw err;
    }
  };
}

/** The sample app, as `loadApp('sample')` returns it. */
export const handler: Handler = createSampleHandler();

function text(status: number, body: string): AppResponse {
  return { status, headers: { 'Content-Type': TEXT }, body };
}
