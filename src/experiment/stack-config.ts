import type { RunPlan } from '../scenario/index.js';
import type { PoolKind, ProxyKind, StackConfig } from '../stack/index.js';

/** What a caller adds to the plan's stack. */
export interface StackChoices {
  /** Port for the proxy (0 or undefined = any free port). */
  readonly port?: number | undefined;
  /** Which programs play the proxy and the pool (default: caplab's own); `threading: false` is runserver's `--nothreading`. */
  readonly roles?: { readonly proxy: ProxyKind; readonly pool: PoolKind; readonly threading?: boolean | undefined } | undefined;
}

/**
 * The `startStack` config for a plan: scenario times turned into wall time
 * (× timeScale), the queue mode and proxy process count passed as planned,
 * and the caller's port and roles.
 */
export function stackConfig(plan: RunPlan, choices: StackChoices = {}): StackConfig {
  const scale = plan.timeScale;
  return {
    workers: plan.stack.workers,
    listen: plan.stack.listen,
    upstreamTimeoutMs: plan.stack.upstreamTimeoutMs * scale,
    harakiriMs: plan.stack.harakiriMs === null ? undefined : plan.stack.harakiriMs * scale,
    timeScale: scale,
    app: plan.stack.app,
    wsgi: plan.stack.wsgi ?? undefined,
    staticDir: plan.stack.staticDir ?? undefined,
    queue: plan.stack.queue,
    proxyProcesses: plan.stack.proxyProcesses,
    socket: plan.stack.socket,
    threads: plan.stack.threads,
    maxRequests: plan.stack.maxRequests,
    reloadOnRssMb: plan.stack.reloadOnRssMb ?? undefined,
    port: choices.port,
    ...(choices.roles ?? {}),
  };
}
