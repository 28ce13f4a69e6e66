import { startPool, type RunningPool } from '../pool/index.js';
import { startProxy, type RunningProxy } from '../proxy/index.js';
import type { CaseProtocol } from './fuzz-case.js';

/** What the fuzz run points its cases at: the pool alone, or the proxy in front of a pool. */
export interface TargetSpec {
  /** e.g. 'pool uwsgi kernel', 'proxy → pool uwsgi kernel' */
  readonly name: string;
  readonly role: 'pool' | 'proxy';
  /** The pool's protocol (the proxy always speaks HTTP to clients). */
  readonly poolProtocol: 'uwsgi' | 'http';
  readonly queue: 'kernel' | 'master';
}

/** Every target a full run covers: both protocols and both queue modes on the pool, and the proxy over each upstream protocol. */
export const TARGETS: readonly TargetSpec[] = [
  { name: 'pool uwsgi kernel', role: 'pool', poolProtocol: 'uwsgi', queue: 'kernel' },
  { name: 'pool uwsgi master', role: 'pool', poolProtocol: 'uwsgi', queue: 'master' },
  { name: 'pool http kernel', role: 'pool', poolProtocol: 'http', queue: 'kernel' },
  { name: 'pool http master', role: 'pool', poolProtocol: 'http', queue: 'master' },
  { name: 'proxy → pool uwsgi kernel', role: 'proxy', poolProtocol: 'uwsgi', queue: 'kernel' },
  { name: 'proxy → pool http master', role: 'proxy', poolProtocol: 'http', queue: 'master' },
];

/** The targets whose name contains one of the comma-separated words of `only`. */
export function selectTargets(only: string): TargetSpec[] {
  const words = only.split(',').map((w) => w.trim()).filter((w) => w !== '');
  return TARGETS.filter((t) => words.some((w) => t.name.includes(w)));
}

/** A started target: where to send, what to watch, how to stop. */
export interface RunningTarget {
  readonly spec: TargetSpec;
  /** The protocol of the bytes the target's clients send. */
  readonly protocol: CaseProtocol;
  readonly host: string;
  readonly port: number;
  readonly pool: RunningPool;
  readonly proxy: RunningProxy | undefined;
  /** Set when the pool runs another queue mode than asked (no native addon): why. */
  readonly queueFallback: string | undefined;
  /** Stops the proxy (if any), then the pool; safe to call more than once. */
  stop(): Promise<void>;
}

/** Options every target is started with. */
export interface TargetOptions {
  readonly workers: number;
  /** The proxy's static directory. */
  readonly staticDir: string;
  /** The proxy's upstream timeouts, wall ms (well under the hang bound). */
  readonly upstreamTimeoutMs: number;
  /** The pool's socket timeout, wall ms (well under the hang bound). */
  readonly socketTimeoutMs: number;
}

/**
 * Starts `spec`'s processes on loopback ports. The pool runs the sample app
 * at a time scale of 0.001, so any sleep or CPU burn a mutated query asks
 * for stays short. If the proxy fails to start, the pool is stopped.
 */
export async function startTarget(spec: TargetSpec, options: TargetOptions): Promise<RunningTarget> {
  const pool = await startPool({
    protocol: spec.poolProtocol,
    queue: spec.queue,
    workers: options.workers,
    timeScale: 0.001,
    socketTimeoutMs: options.socketTimeoutMs,
  });
  let proxy: RunningProxy | undefined;
  if (spec.role === 'proxy') {
    try {
      proxy = await startProxy({
        upstream: { host: pool.host, port: pool.port, protocol: spec.poolProtocol },
        staticDir: options.staticDir,
        connectTimeoutMs: options.upstreamTimeoutMs,
        sendTimeoutMs: options.upstreamTimeoutMs,
        readTimeoutMs: options.upstreamTimeoutMs,
      });
    } catch (err) {
      await pool.stop();
      throw err;
    }
  }
  let stopping: Promise<void> | undefined;
  return {
    spec,
    protocol: proxy ? 'http' : spec.poolProtocol,
    host: proxy ? proxy.host : pool.host,
    port: proxy ? proxy.port : pool.port,
    pool,
    proxy,
    queueFallback: pool.queueFallback,
    stop: () => (stopping ??= (async () => {
      await proxy?.stop();
      await pool.stop();
    })()),
  };
}
