import { Client } from 'undici';
import { checkTarget } from './check-target.js';
import type { SoakReport } from './fuzz-summary.js';
import { ProcessTracker } from './process-tracker.js';
import { createStaticDir } from './static-dir.js';
import { startTarget, type RunningTarget } from './targets.js';

/** How a soak is bounded and shaped. */
export interface SoakOptions {
  /** Requests to send in all. */
  readonly requests: number;
  /** Stop sending after this many seconds even if fewer were sent. */
  readonly seconds: number;
  /** Keep-alive connections to the proxy, each sending its next request once the previous one is answered. */
  readonly connections: number;
  readonly workers: number;
  /** How often RSS and fds are sampled, ms. */
  readonly sampleEveryMs: number;
  readonly signal?: AbortSignal;
}

/** The path every soak request asks for. */
export const SOAK_PATH = '/hello';

/**
 * Sends `requests` GET /hello through a proxy → pool (uwsgi, kernel queue)
 * stack on loopback, from `connections` closed-loop keep-alive clients,
 * sampling the RSS and open fds of the proxy, the pool master and each
 * worker every `sampleEveryMs` (and once before and after). Stops
 * everything before it returns, also on error or abort.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const statics = await createStaticDir();
  let target: RunningTarget | undefined;
  try {
    target = await startTarget(
      { name: 'soak: proxy → pool uwsgi kernel', role: 'proxy', poolProtocol: 'uwsgi', queue: 'kernel' },
      { workers: options.workers, staticDir: statics.dir, upstreamTimeoutMs: 10_000, socketTimeoutMs: 4_000 },
    );
    return await soak(target, options);
  } finally {
    await target?.stop();
    await statics.remove();
  }
}

async function soak(target: RunningTarget, options: SoakOptions): Promise<SoakReport> {
  const tracker = new ProcessTracker();
  const first = await checkTarget(target);
  const sampleNow = async (): Promise<void> => {
    const health = await checkTarget(target);
    tracker.sample([
      ...(target.proxy?.pids ?? []).map((pid) => ({ role: 'proxy', pid })),
      { role: 'pool master', pid: target.pool.pid },
      ...health.workerPids.map((pid, i) => ({ role: `worker ${i + 1}`, pid })),
    ]);
  };
  await sampleNow();
  let sampling = false;
  const timer = setInterval(() => {
    if (sampling) return;
    sampling = true;
    void sampleNow().finally(() => (sampling = false));
  }, options.sampleEveryMs);

  const statuses: Record<string, number> = {};
  const errors: Record<string, number> = {};
  let sent = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const url = `http://${target.host}:${target.port}`;
  const lane = async (): Promise<void> => {
    const client = new Client(url, { pipelining: 1, headersTimeout: 10_000, bodyTimeout: 10_000 });
    try {
      while (sent < options.requests && performance.now() < deadline && !options.signal?.aborted) {
        sent += 1;
        try {
          const res = await client.request({ path: SOAK_PATH, method: 'GET' });
          await res.body.dump();
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        } catch (err) {
          const code = (err as { code?: string }).code ?? (err instanceof Error ? err.message : String(err));
          errors[code] = (errors[code] ?? 0) + 1;
        }
      }
    } finally {
      await client.destroy();
    }
  };
  try {
    await Promise.all(Array.from({ length: options.connections }, lane));
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - started) / 1000;
  await sampleNow();
  const last = await checkTarget(target);
  const ok = statuses['200'] ?? 0;
  return {
    requests: sent,
    ok,
    failed: sent - ok,
    statuses,
    errors,
    seconds: Math.round(seconds * 10) / 10,
    requestsPerSecond: Math.round(sent / seconds),
    respawns: last.respawns - first.respawns,
    dead: last.dead.slice(),
    processes: tracker.report(),
  };
}
