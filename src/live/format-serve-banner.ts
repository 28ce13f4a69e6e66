import type { ServedStack } from './serve-stack.js';

/**
 * What `caplab serve` prints once the stack is up: one `name  value` line
 * per address (proxy, pool, stats, metrics), so people can copy them and
 * scripts can read them, then how to watch, reload and stop it.
 */
export function formatServeBanner(served: ServedStack): string {
  const d = served.describe;
  const pool = served.pool;
  const where = pool.socketPath ?? `${pool.host}:${pool.port}`;
  const queue = d.queue !== undefined ? `, ${d.queue} queue` : '';
  const lines = [
    `caplab serve: ${d.proxy} proxy -> ${d.pool} pool (${d.workers} worker${d.workers === 1 ? '' : 's'}${served.threads > 1 ? ` × ${served.threads} threads` : ''}, listen ${d.listen}${queue}) -> ${d.app} app`,
    `  proxy    ${served.proxyUrl}`,
    `  pool     ${where} (${pool.protocol}), master pid ${pool.pid}`,
    `  stats    ${served.statsAddress ?? `none (${d.pool} has no stats server)`}${served.poolKind === 'gunicorn' && served.statsAddress !== null ? '  (caplab reading gunicorn\'s workers from /proc: no request counts)' : ''}`,
    `  metrics  ${served.metricsUrl ?? `none (${d.pool} has no stats server)`}`,
    '',
    ...(served.statsAddress !== null ? [`watch it:   caplab top --stats ${served.statsAddress}`] : []),
    ...(served.poolKind === 'embedded' || served.poolKind === 'gunicorn' ? [`reload it:  kill -HUP ${pool.pid}   (or kill -HUP ${process.pid}, caplab)`] : []),
    ...(served.poolKind === 'uwsgi' ? [`reload it:  kill -HUP ${process.pid}   (caplab: uWSGI's chain reload, one worker after another)`] : []),
    'stop it:    Ctrl-C',
  ];
  return `${lines.join('\n')}\n`;
}
