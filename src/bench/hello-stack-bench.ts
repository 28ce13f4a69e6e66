import { startStack, type RunningStack } from '../stack/index.js';
import type { Bench, BenchContext, BenchResult } from './bench-types.js';
import { makeResult } from './make-result.js';
import { childrenOf } from '../process/index.js';
import { maxPeakRssMiB } from './read-peak-rss.js';
import { runSides } from './run-sides.js';
import { benchStackConfig, PROXY_AUTO, REAL_STACK } from './stack-config.js';
import { TARGETS } from './targets.js';

type Rss = { proxy: number; master: number; worker: number };

/**
 * Peak RSS of the proxy (largest of its processes and their children), the
 * pool master and its largest worker. RunningStack.pids lists the proxy's
 * processes, then the pool master; the workers are the master's children.
 */
function stackRss(stack: RunningStack): Rss {
  const proxies = stack.pids.slice(0, -1);
  const master = stack.pids.at(-1) as number;
  return {
    proxy: maxPeakRssMiB(proxies.flatMap((pid) => [pid, ...childrenOf(pid)])),
    master: maxPeakRssMiB([master]),
    worker: maxPeakRssMiB(childrenOf(master)),
  };
}

function rssResults(embedded: Rss | Error, real: Rss | Error | null): BenchResult[] {
  const how = 'VmHWM from /proc/PID/status after the hello-stack runs; proxy = largest of its processes (nginx: its worker); workers = the master\'s children in /proc, the largest';
  return (['proxy', 'master', 'worker'] as const).map((role) =>
    makeResult({
      name: `rss@${role}`,
      value: embedded instanceof Error ? null : embedded[role],
      unit: 'MiB',
      peer: role === 'proxy' ? 'nginx' : role === 'master' ? "uWSGI's master" : 'a uWSGI worker (Django loaded)',
      peerValue: real === null || real instanceof Error ? null : real[role],
      ratio: true,
      how,
      ...(embedded instanceof Error ? { error: embedded.message } : {}),
    }),
  );
}

const attempt = <T,>(fn: () => T): T | Error => {
  try {
    return fn();
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
};

/**
 * `hello-stack`: /hello through the embedded proxy → pool (2 workers), req/s,
 * against nginx → uWSGI → Django; also with one proxy process per core
 * (`hello-stack-proxy-auto`), and the peak RSS of each embedded role
 * during these runs (`rss@proxy`, `rss@master`, `rss@worker`, with
 * nginx's and uWSGI's as peers).
 */
export const helloStackBench: Bench = {
  names: ['hello-stack', 'hello-stack-proxy-auto', 'rss@proxy', 'rss@master', 'rss@worker'],
  async run(ctx: BenchContext) {
    let rss: [Rss | Error, Rss | Error | null] = [new Error('not measured'), null];
    let queue = 'unknown';
    const [embedded, auto, real] = await runSides(
      ctx,
      [
        { label: 'embedded stack', start: () => startStack(benchStackConfig()), url: (s) => `${s.url}/hello` },
        { label: `embedded stack, ${PROXY_AUTO} proxy processes`, start: () => startStack(benchStackConfig({ proxyProcesses: PROXY_AUTO })), url: (s) => `${s.url}/hello` },
        { label: REAL_STACK, start: () => startStack(benchStackConfig({ proxy: 'nginx', pool: 'uwsgi' })), url: (s) => `${s.url}/hello` },
      ],
      async (url, warmUp) => (await ctx.load.run(url, { connections: 16, durationS: warmUp ? 1 : ctx.durationS })).rps,
      async ([e, , r]) => {
        if (e) queue = `${e.describe.queue ?? 'master (no queue option yet)'}${e.describe.queueFallback ? ` (fallback: ${e.describe.queueFallback})` : ''}`;
        rss = [e ? attempt(() => stackRss(e)) : new Error('the embedded stack did not start'), r ? attempt(() => stackRss(r)) : null];
      },
    );
    const how = `${ctx.load.name}, 16 connections, ${ctx.durationS} s, median of ${ctx.reps}; embedded pool queue: ${queue}`;
    const peer = { peer: REAL_STACK, peerValue: real!.value, peerError: real!.error, ratio: true, how };
    return [
      makeResult({ name: 'hello-stack', unit: 'req/s', ...peer, ...embedded!, target: TARGETS.helloStack }),
      makeResult({ name: 'hello-stack-proxy-auto', unit: 'req/s', ...peer, ...auto!, target: TARGETS.helloStackProxyAuto, how: `${how}; proxyProcesses = ${PROXY_AUTO} (one per core)` }),
      ...rssResults(...rss),
    ];
  },
};
