import os from 'node:os';
import { DEFAULTS } from '../config/index.js';
import type { StackConfig } from '../stack/index.js';

/**
 * The stack every figure is measured on: 2 workers, the sample app (the
 * Django project under uWSGI), time scale 1, nginx's 60 s timeouts, each
 * role embedded unless `overrides` say otherwise.
 */
export function benchStackConfig(overrides: Partial<StackConfig> = {}): StackConfig {
  return {
    workers: 2,
    listen: DEFAULTS.listen,
    upstreamTimeoutMs: DEFAULTS.upstreamTimeoutMs,
    timeScale: 1,
    app: 'sample',
    ...overrides,
  };
}

/** nginx's `worker_processes auto`: one proxy process per core. */
export const PROXY_AUTO = os.availableParallelism();

/** Describes the real stack for bench.md's peer column. */
export const REAL_STACK = 'nginx → uWSGI (2 processes) → Django';
