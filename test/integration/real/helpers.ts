import http from 'node:http';
import { readdirSync } from 'node:fs';
import { alive, commandLine } from '../../helpers/processes.js';
import {
  checkRealPrograms,
  startNginxProxy,
  startUwsgiPool,
  type NginxProxyOptions,
  type RunningPool,
  type RunningProxy,
  type UwsgiPoolOptions,
} from '../../../src/stack/real/index.js';

const found = checkRealPrograms();

/** Set when nginx, uWSGI or Django is missing: the real-stack specs are skipped, saying why. */
export const SKIP_REAL = !(found.nginx && found.uwsgi && found.django);
export const SKIP_REASON = SKIP_REAL
  ? ` (SKIPPED: the real programs are missing; apt-get install ${found.missing.join(' ')})`
  : '';

export const HOST = '127.0.0.1';

/** A real nginx -> uWSGI -> Django stack for one spec. */
export interface RealStack {
  readonly pool: RunningPool;
  readonly proxy: RunningProxy;
  stop(): Promise<void>;
}

/** Starts uWSGI (Django) then nginx in front of it over uwsgi; option overrides per role. */
export async function startRealStack(
  pool: Partial<UwsgiPoolOptions> = {},
  proxy: Partial<Omit<NginxProxyOptions, 'upstream'>> = {},
): Promise<RealStack> {
  const p = await startUwsgiPool({ host: HOST, port: 0, protocol: 'uwsgi', workers: 2, listen: 100, app: 'django', timeScale: 1, ...pool });
  try {
    const x = await startNginxProxy({
      host: HOST,
      port: 0,
      upstream: { host: p.host, port: p.port, protocol: p.protocol },
      connectTimeoutMs: 10_000,
      sendTimeoutMs: 10_000,
      readTimeoutMs: 10_000,
      ...proxy,
    });
    return { pool: p, proxy: x, stop: async () => void (await Promise.all([x.stop(), p.stop()])) };
  } catch (err) {
    await p.stop();
    throw err;
  }
}

/** One response, with wall times from `performance.now()`. */
export interface Timed {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly elapsedMs: number;
}

/** GET on a fresh connection (no agent, so no pooling or queueing on our side). */
export function timedGet(url: string): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const startMs = performance.now();
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => {
          const endMs = performance.now();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, startMs, endMs, elapsedMs: endMs - startMs });
        });
      })
      .on('error', reject);
  });
}

/** A numeric response header. */
export function headerNumber(res: Timed, name: string): number {
  return Number(res.headers[name.toLowerCase()]);
}

/**
 * Sends one slow request to each worker at once, so every worker has paid
 * Django's first-request cost (lazy set-up after the fork, about 0.1 s here)
 * before a timing-sensitive measurement. Returns the worker ids seen.
 */
export async function warmUp(url: string, workers: number): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let round = 0; round < 5 && seen.size < workers; round += 1) {
    const all = await Promise.all(Array.from({ length: workers }, () => timedGet(`${url}/sleep?ms=100`)));
    for (const r of all) seen.add(String(r.headers['x-caplab-worker']));
  }
  return seen;
}

/** Waits until `check()` is true, polling every `pollMs`, up to `timeoutMs`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 5000, pollMs = 50): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  return check();
}

export { alive, commandLine };

/**
 * The temp prefix of a running nginx, from its command line. nginx rewrites
 * its title to `nginx: master process /usr/sbin/nginx -p DIR/ -c ...`.
 */
export function nginxPrefix(pid: number): string {
  const match = /-p (\S+)/.exec(commandLine(pid));
  if (!match) throw new Error(`no -p in the command line of ${pid}: ${commandLine(pid)}`);
  return match[1]!;
}

/** Pids of live processes whose command line contains `needle`. */
export function processesMatching(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    if (commandLine(Number(entry)).includes(needle) && alive(Number(entry))) pids.push(Number(entry));
  }
  return pids;
}
