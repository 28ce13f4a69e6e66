import net from 'node:net';
import { alive, descendants, waitFor } from '../../helpers/processes.js';
import { readStats, type PoolStats, type RunningPool } from '../../../src/pool/index.js';
import { encodeRequest } from '../../../src/uwsgi/index.js';

/** What came back on one connection. `status` is 0 when the connection closed without a response. */
export interface Exchange {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Every byte received. */
  readonly raw: Buffer;
  /** performance.now() when the connection was established and when it closed. */
  readonly connectedAt: number;
  readonly closedAt: number;
}

/** A request in flight: resolves with the exchange once the server closes the connection. */
export interface Pending {
  readonly connectedAt: number;
  readonly done: Promise<Exchange>;
  readonly socket: net.Socket;
}

/**
 * Connects to `port`, waits until the connection is established (so the
 * order of several sends is the order the master accepts them), writes
 * `bytes` (ending the write side if `end`), and collects everything until
 * the server closes.
 */
export async function send(port: number, bytes: Buffer, options: { end?: boolean } = {}): Promise<Pending> {
  const socket = net.connect({ host: '127.0.0.1', port });
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const connectedAt = performance.now();
  const done = new Promise<Exchange>((resolve) => {
    socket.on('error', () => undefined);
    socket.once('close', () => resolve(parseExchange(Buffer.concat(chunks), connectedAt, performance.now())));
  });
  socket.write(bytes);
  if (options.end) socket.end();
  return { connectedAt, done, socket };
}

/** The bytes of a plain HTTP/1.1 GET (the pool's http protocol). */
export function httpGet(path: string, headers: Record<string, string> = {}): Buffer {
  const lines = [`GET ${path} HTTP/1.1`, 'Host: 127.0.0.1', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`);
}

/** The bytes of a uwsgi GET packet, with the vars nginx sends. */
export function uwsgiGet(path: string, extra: Record<string, string> = {}): Buffer {
  const [pathInfo = '/', query = ''] = path.split('?');
  return encodeRequest({
    QUERY_STRING: query,
    REQUEST_METHOD: 'GET',
    CONTENT_TYPE: '',
    CONTENT_LENGTH: '',
    REQUEST_URI: path,
    PATH_INFO: pathInfo,
    SERVER_PROTOCOL: 'HTTP/1.1',
    REMOTE_ADDR: '127.0.0.1',
    SERVER_NAME: '127.0.0.1',
    SERVER_PORT: '80',
    ...extra,
  });
}

/** A GET in the pool's own protocol. */
export function get(protocol: 'http' | 'uwsgi', path: string): Buffer {
  return protocol === 'http' ? httpGet(path) : uwsgiGet(path);
}

/** Sends one request and waits for the whole exchange. */
export async function exchange(port: number, bytes: Buffer, options: { end?: boolean } = {}): Promise<Exchange> {
  return (await send(port, bytes, options)).done;
}

function parseExchange(raw: Buffer, connectedAt: number, closedAt: number): Exchange {
  const text = raw.toString('latin1');
  const headEnd = text.indexOf('\r\n\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  if (!status || headEnd < 0) return { status: 0, headers: {}, body: text, raw, connectedAt, closedAt };
  const headers: Record<string, string> = {};
  for (const line of text.slice(0, headEnd).split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(status[1]), headers, body: text.slice(headEnd + 4), raw, connectedAt, closedAt };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The pool's stats now. */
export function stats(pool: RunningPool): Promise<PoolStats> {
  return readStats(pool.host, pool.statsPort);
}

/** Every pid of the pool: master and current workers. */
export async function poolPids(pool: RunningPool): Promise<number[]> {
  return [pool.pid, ...(await stats(pool)).workers.map((w) => w.pid)];
}

/**
 * Stops `pool` and checks that its master and its current workers are gone
 * (workers that died earlier were replaced and are already gone).
 */
export async function stopAndCheck(pool: RunningPool | undefined): Promise<void> {
  if (!pool) return;
  const pids = await poolPids(pool).catch(() => [pool.pid]);
  await pool.stop();
  const live = pids.filter((pid) => pid > 0);
  if (!(await waitFor(() => live.every((pid) => !alive(pid)), 5_000))) {
    throw new Error(`pool processes still alive after stop(): ${live.filter(alive).join(', ')}`);
  }
}

export { alive, descendants, waitFor };
