import { startProxy, type ProxyOptions, type RunningProxy } from '../proxy/index.js';
import { startNginxProxy } from '../stack/index.js';
import type { Bench, BenchContext } from './bench-types.js';
import { makeResult } from './make-result.js';
import { runSides } from './run-sides.js';
import { PROXY_AUTO } from './stack-config.js';
import { createStaticDir, STATIC_FILE } from './static-dir.js';
import { TARGETS } from './targets.js';

/** No request reaches it: every request is for a static file. Port 9 is `discard`, closed on loopback. */
const UNUSED_UPSTREAM = { host: '127.0.0.1', port: 9, protocol: 'uwsgi' } as const;

/**
 * `static`: a 1 KiB static file from the embedded proxy (one process),
 * req/s, against nginx (worker_processes 1) serving the same file; and
 * `static-proxy-auto`, the embedded proxy with one process per core.
 */
export const staticBench: Bench = {
  names: ['static', 'static-proxy-auto'],
  async run(ctx: BenchContext) {
    const files = await createStaticDir();
    try {
      const options = { upstream: UNUSED_UPSTREAM, staticDir: files.dir };
      // nginx's worker_processes (issue 8); a variable, so tsc accepts it before ProxyOptions names it.
      const autoOptions: ProxyOptions & { workerProcesses: number } = { ...options, workerProcesses: PROXY_AUTO };
      const url = (p: RunningProxy): string => `${p.url}/static/${STATIC_FILE}`;
      const [embedded, auto, real] = await runSides<RunningProxy>(
        ctx,
        [
          { label: 'embedded proxy', start: () => startProxy(options), url },
          { label: `embedded proxy, ${PROXY_AUTO} processes`, start: () => startProxy(autoOptions), url },
          { label: 'nginx', start: () => startNginxProxy(options), url },
        ],
        async (u, warmUp) => (await ctx.load.run(u, { connections: 16, durationS: warmUp ? 1 : ctx.durationS })).rps,
      );
      const how = `${ctx.load.name}, 16 connections, ${ctx.durationS} s, median of ${ctx.reps}; a 1 KiB file; nginx with worker_processes 1, sendfile on`;
      const peer = { peer: 'nginx (1 worker process)', peerValue: real!.value, peerError: real!.error, ratio: true, how };
      return [
        makeResult({ name: 'static', unit: 'req/s', ...embedded!, ...peer, target: TARGETS.static }),
        makeResult({ name: 'static-proxy-auto', unit: 'req/s', ...auto!, ...peer, how: `${how}; embedded proxy with workerProcesses = ${PROXY_AUTO}` }),
      ];
    } finally {
      await files.remove();
    }
  },
};
