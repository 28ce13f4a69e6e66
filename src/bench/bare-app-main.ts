/**
 * A child process serving caplab's sample app with no pool around it: one
 * process, Node's own HTTP server, one request per connection
 * (`Connection: close`, as the pool and uWSGI answer), the app called
 * through withTiming as a worker calls it. It is the "same app without a
 * master hop" that hop-pool-p50 subtracts. Forked by startBareApp through
 * forkChild: it answers `{type:'ready', port}`, and exits on SIGTERM or
 * when the bench process goes away (watchParent).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadApp, withTiming } from '../app/index.js';
import { wallClockMs } from '../config/index.js';
import { watchParent } from '../process/index.js';

function environ(req: http.IncomingMessage, length: number): Record<string, string> {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const env: Record<string, string> = {
    REQUEST_METHOD: req.method ?? 'GET',
    REQUEST_URI: url,
    PATH_INFO: q < 0 ? url : url.slice(0, q),
    QUERY_STRING: q < 0 ? '' : url.slice(q + 1),
    SERVER_PROTOCOL: `HTTP/${req.httpVersion}`,
    CONTENT_LENGTH: String(length),
  };
  for (const [name, value] of Object.entries(req.headers)) {
    env[`HTTP_${name.toUpperCase().replace(/-/g, '_')}`] = Array.isArray(value) ? value.join(', ') : (value ?? '');
  }
  return env;
}

async function start(): Promise<void> {
  const handler = withTiming(await loadApp('sample'));
  const server = http.createServer((req, res) => {
    const acceptedAtMs = wallClockMs();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      void handler({ environ: environ(req, body.length), body, worker: 1, timeScale: 1 }, acceptedAtMs).then(({ response }) => {
        res.writeHead(response.status, { ...response.headers, 'Content-Length': response.body.length, Connection: 'close' });
        res.end(response.body);
      });
    });
  });
  server.listen(0, '127.0.0.1', () => process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port }));
}

watchParent(() => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
process.once('message', () => void start());
