import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { decodeHeader, decodeRequest, HEADER_SIZE } from '../../../../src/uwsgi/index.js';

/** A fake upstream listening on a loopback port; `close()` also drops its open connections. */
export interface FakeUpstream {
  readonly port: number;
  /** Connections accepted so far. */
  readonly connections: () => number;
  close(): Promise<void>;
}

/** One request a fake uwsgi upstream decoded. */
export interface UwsgiCall {
  readonly vars: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** Date.now() * 1000 when the packet was complete. */
  readonly receivedUs: number;
  readonly socket: Socket;
}

function listen(server: Server, sockets: Set<Socket>): Promise<FakeUpstream> {
  let accepted = 0;
  server.on('connection', (socket: Socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        connections: () => accepted,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Raw TCP upstream: `onConnection` decides what each connection gets. */
export function rawUpstream(onConnection: (socket: Socket) => void): Promise<FakeUpstream> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => onConnection(socket));
  return listen(server, sockets);
}

/** An upstream that accepts connections, reads what it is sent, and never answers (a hung app). */
export function stalledUpstream(): Promise<FakeUpstream> {
  return rawUpstream((socket) => socket.resume());
}

/**
 * A uwsgi upstream: waits for a complete packet (vars, then CONTENT_LENGTH
 * bytes of body), records it in `calls`, and hands it to `respond`.
 */
export async function fakeUwsgi(respond: (call: UwsgiCall) => void): Promise<FakeUpstream & { readonly calls: UwsgiCall[] }> {
  const calls: UwsgiCall[] = [];
  const upstream = await rawUpstream((socket) => {
    let buf = Buffer.alloc(0);
    let handled = false;
    socket.on('data', (chunk: Buffer) => {
      if (handled) return;
      buf = Buffer.concat([buf, chunk]);
      if (buf.length < HEADER_SIZE) return;
      const { datasize } = decodeHeader(buf);
      if (buf.length < HEADER_SIZE + datasize) return;
      const { request, body } = decodeRequest(buf);
      const length = Number(request.vars.CONTENT_LENGTH || '0');
      if (body.length < length) return;
      handled = true;
      const call: UwsgiCall = { vars: request.vars, body: body.subarray(0, length), receivedUs: Date.now() * 1000, socket };
      calls.push(call);
      respond(call);
    });
  });
  return { ...upstream, calls };
}

/** A plain HTTP upstream built on node:http; records each request's head and body. */
export async function fakeHttp(
  respond: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void,
): Promise<FakeUpstream & { readonly requests: Array<{ method: string; url: string; headers: IncomingMessage['headers']; httpVersion: string; body: Buffer }> }> {
  const requests: Array<{ method: string; url: string; headers: IncomingMessage['headers']; httpVersion: string; body: Buffer }> = [];
  const sockets = new Set<Socket>();
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, httpVersion: req.httpVersion, body });
      respond(req, res, body);
    });
  });
  const upstream = await listen(server as unknown as Server, sockets);
  return { ...upstream, requests };
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
