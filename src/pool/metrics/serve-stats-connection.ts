import type { Socket } from 'node:net';

/**
 * How long the stats port waits for a client to speak before answering it
 * uWSGI's way (the JSON document, then close). HTTP clients send their
 * request at once; uwsgitop and other plain readers send nothing. caplab's
 * own reader (readStats) half-closes at once, which ends the wait.
 */
export const SNIFF_MS = 50;
/** The longest HTTP request head the stats port reads. */
const MAX_HEAD_BYTES = 8 * 1024;
/** How long an HTTP client gets to finish its request head. */
const HEAD_TIMEOUT_MS = 2_000;

/** What the stats port can answer. */
export interface StatsEndpoints {
  /** The stats document, as JSON text. */
  json(): string;
  /** The Prometheus exposition and its content type. */
  metrics(): Promise<{ readonly contentType: string; readonly body: string }>;
}

function httpResponse(socket: Socket, status: string, type: string, body: string, head: boolean): void {
  const bytes = Buffer.from(body, 'utf8');
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: ${type}\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n${head ? '' : body}`);
}

async function answerHttp(socket: Socket, requestLine: string, endpoints: StatsEndpoints): Promise<void> {
  const [method = '', target = ''] = requestLine.split(' ');
  const path = target.split('?')[0];
  if (method !== 'GET' && method !== 'HEAD') return httpResponse(socket, '405 Method Not Allowed', 'text/plain', 'GET /metrics or GET /\n', false);
  if (path === '/metrics') {
    try {
      const { contentType, body } = await endpoints.metrics();
      return httpResponse(socket, '200 OK', contentType, body, method === 'HEAD');
    } catch (err) {
      return httpResponse(socket, '500 Internal Server Error', 'text/plain', `metrics failed: ${err instanceof Error ? err.message : String(err)}\n`, false);
    }
  }
  if (path === '/' || path === '/stats') return httpResponse(socket, '200 OK', 'application/json', endpoints.json(), method === 'HEAD');
  return httpResponse(socket, '404 Not Found', 'text/plain', 'the stats port serves GET /metrics (Prometheus) and GET / (uWSGI stats JSON)\n', false);
}

/**
 * Answers one connection to the pool's stats port (the server must allow
 * half-open sockets). A client that sends nothing within SNIFF_MS, or
 * half-closes first, gets uWSGI's answer: the stats document, then close
 * (uwsgitop, readStats). A client whose first bytes look like an HTTP
 * request gets HTTP: `GET /metrics` the Prometheus text, `GET /` (or
 * `/stats`) the document as JSON, anything else 404 or 405. Other bytes are
 * ignored and answered with the document, as uWSGI does.
 */
export function serveStatsConnection(socket: Socket, endpoints: StatsEndpoints): void {
  let decided = false;
  let head = '';
  const decide = (): boolean => {
    if (decided) return false;
    decided = true;
    clearTimeout(timer);
    return true;
  };
  const sendJson = (): void => {
    if (decide()) socket.end(endpoints.json());
  };
  const timer = setTimeout(sendJson, SNIFF_MS);
  socket.on('error', () => {
    decide();
    socket.destroy();
  });
  socket.on('end', sendJson);
  socket.on('data', (chunk: Buffer) => {
    if (decided) return;
    head += chunk.toString('latin1');
    if (!/^[A-Z]{1,7}( |$)/.test(head)) return sendJson();
    clearTimeout(timer);
    const end = head.search(/\r?\n\r?\n/);
    if (end < 0) {
      if (head.length > MAX_HEAD_BYTES) {
        decide();
        httpResponse(socket, '431 Request Header Fields Too Large', 'text/plain', 'request head too large\n', false);
      } else if (!socket.timeout) socket.setTimeout(HEAD_TIMEOUT_MS, () => decide() && socket.destroy());
      return;
    }
    decide();
    socket.setTimeout(0);
    void answerHttp(socket, head.slice(0, head.search(/\r?\n/)), endpoints);
  });
}
