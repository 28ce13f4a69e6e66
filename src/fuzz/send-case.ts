import net from 'node:net';
import { checkResponse } from './check-response.js';
import type { FuzzCase } from './fuzz-case.js';
import { isHead } from './is-head.js';

/**
 * How one case ended:
 *   'answered'  a whole valid HTTP response came back;
 *   'closed'    the server closed (FIN) without sending a byte;
 *   'reset'     the connection was reset without a whole response;
 *   'hang'      neither answered nor closed within the bound;
 *   'wrong'     bytes that are not valid HTTP, or a response cut short.
 */
export type CaseOutcome =
  | { readonly kind: 'answered'; readonly status: number; readonly ms: number }
  | { readonly kind: 'closed' | 'reset' | 'hang'; readonly ms: number; readonly received: number }
  | { readonly kind: 'wrong'; readonly reason: string; readonly ms: number; readonly head: string };

/** Bytes kept from a response; past this the answer is judged on what came (a big /bytes body). */
const MAX_KEPT = 256 * 1024;

/**
 * Sends `c` on a new connection to `host:port` and waits up to `boundMs`
 * for an answer or the close. The bytes go out in `c.pieces` writes, one
 * event-loop turn apart; with `finish: 'end'` the connection is then
 * half-closed. Never rejects; the socket is always destroyed at the end.
 */
export function sendCase(host: string, port: number, c: FuzzCase, boundMs: number): Promise<CaseOutcome> {
  const started = performance.now();
  const head = isHead(c);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let done = false;
    const socket = net.connect({ host, port, allowHalfOpen: true });
    const finish = (outcome: CaseOutcome): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const ms = (): number => performance.now() - started;
    const judge = (closed: boolean, reset: boolean): void => {
      const bytes = Buffer.concat(chunks);
      const verdict = checkResponse(bytes, closed || received >= MAX_KEPT, head);
      if (verdict.state === 'complete') return finish({ kind: 'answered', status: verdict.status, ms: ms() });
      if (verdict.state === 'invalid') return finish({ kind: 'wrong', reason: verdict.reason, ms: ms(), head: preview(bytes) });
      if (!closed) return;
      if (received === 0) return finish({ kind: reset ? 'reset' : 'closed', ms: ms(), received });
      if (reset) return finish({ kind: 'reset', ms: ms(), received });
      finish({ kind: 'wrong', reason: `closed after ${received} bytes of an unfinished response`, ms: ms(), head: preview(bytes) });
    };
    const timer = setTimeout(() => finish({ kind: 'hang', ms: ms(), received }), boundMs);
    socket.on('data', (chunk: Buffer) => {
      if (received < MAX_KEPT) chunks.push(chunk);
      received += chunk.length;
      judge(false, false);
    });
    socket.on('end', () => judge(true, false));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNRESET' || err.code === 'EPIPE') judge(true, true);
      else finish({ kind: 'wrong', reason: `connection failed: ${err.code ?? err.message}`, ms: ms(), head: '' });
    });
    socket.on('close', () => judge(true, true));
    socket.once('connect', () => void write(socket, c).catch(() => undefined));
  });
}

async function write(socket: net.Socket, c: FuzzCase): Promise<void> {
  const size = Math.ceil(c.bytes.length / c.pieces);
  for (let i = 0; i < c.pieces; i += 1) {
    if (socket.destroyed) return;
    const piece = c.bytes.subarray(i * size, (i + 1) * size);
    if (piece.length > 0) socket.write(piece);
    if (i + 1 < c.pieces) await new Promise((r) => setImmediate(r));
  }
  if (c.finish === 'end' && !socket.destroyed) socket.end();
}

function preview(bytes: Buffer): string {
  return JSON.stringify(bytes.subarray(0, 120).toString('latin1'));
}
