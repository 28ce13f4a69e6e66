import net from 'node:net';
import { z } from 'zod';
import { caplabError } from '../errors.js';
import type { PoolStats } from './stats-types.js';

/** How long `readStats` waits for the whole document by default. */
export const STATS_TIMEOUT_MS = 5_000;

const count = z.number();
const statsSchema = z.looseObject({
  version: z.union([z.string(), z.number()]).transform(String),
  pid: count.default(0),
  listen_queue: count,
  listen_queue_errors: count.default(0),
  load: count.default(0),
  sockets: z.array(z.looseObject({ name: z.string(), proto: z.string(), queue: count, max_queue: count })).default([]),
  workers: z.array(
    z.looseObject({
      id: count,
      pid: count,
      accepting: count.default(1),
      requests: count.default(0),
      delta_requests: count.default(0),
      exceptions: count.default(0),
      harakiri_count: count.default(0),
      status: z.string(),
      rss: count.default(0),
      vsz: count.default(0),
      running_time: count.default(0),
      last_spawn: count.default(0),
      respawn_count: count.default(0),
      tx: count.default(0),
      avg_rt: count.default(0),
      cores: z
        .array(
          z.looseObject({
            id: count,
            requests: count.default(0),
            in_request: count.default(0),
            req_info: z.looseObject({ request_start: count.optional() }).optional(),
          }),
        )
        .optional(),
    }),
  ),
  caplab: z
    .looseObject({
      refused: count,
      malformed: count,
      busy: count,
      request_duration: z.object({ le: z.array(count), counts: z.array(count) }).optional(),
    })
    .optional(),
});

/**
 * Connects to a stats server at `host:port`, reads until the server closes
 * and returns the parsed document. Works against caplab's pool and against
 * real uWSGI's `--stats` socket (which behaves the same; a `--stats-http`
 * HTTP head is skipped). Counters uWSGI may leave out default to 0.
 * It half-closes right after connecting (`halfClose`, default true):
 * caplab's pool then answers at once instead of after its SNIFF_MS wait
 * for an HTTP request (serveStatsConnection), and uWSGI, which writes the
 * whole document whatever the client does, is not affected; pass
 * `halfClose: false` for a server that closes when its peer half-closes.
 * Rejects with CaplabError E_POOL_STATS when the connection fails, nothing complete
 * arrives within `timeoutMs`, or the document is not a stats document.
 */
export function readStats(host: string, port: number, timeoutMs = STATS_TIMEOUT_MS, options: { readonly halfClose?: boolean } = {}): Promise<PoolStats> {
  const where = `${host}:${port}`;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ host, port, allowHalfOpen: true }, () => {
      if (options.halfClose !== false) socket.end();
    });
    let settled = false;
    const fail = (message: string, cause?: unknown): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      reject(caplabError('E_POOL_STATS', `pool stats at ${where}: ${message}`, { cause }));
    };
    socket.setTimeout(timeoutMs, () => fail(`no complete document within ${timeoutMs} ms`));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (err) => fail(err.message, err));
    socket.on('end', () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      try {
        resolve(parseStats(Buffer.concat(chunks).toString('utf8')));
      } catch (err) {
        reject(caplabError('E_POOL_STATS', `pool stats at ${where}: ${err instanceof Error ? err.message : String(err)}`, { cause: err }));
      }
    });
  });
}

/** Parses a stats document (optionally behind an HTTP head). Throws on anything else. */
export function parseStats(text: string): PoolStats {
  const body = text.startsWith('HTTP/') ? text.slice(text.indexOf('\r\n\r\n') + 4) : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error(`not JSON (${body.length} bytes, starting ${JSON.stringify(body.slice(0, 40))})`);
  }
  const parsed = statsSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`not a stats document: ${first ? `${first.path.join('.') || 'document'}: ${first.message}` : 'invalid'}`);
  }
  return parsed.data as PoolStats;
}
