import { connect } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../../../src/proxy/index.js';
import { fakeHttp, fakeUwsgi, type FakeUpstream, type UwsgiCall } from './helpers/fake-upstreams.js';
import { rawResponses } from './helpers/raw-http.js';
import { waitFor } from '../../helpers/processes.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/static');

/** The body a uwsgi request is answered with: its own PATH_INFO and QUERY_STRING. */
function echoBody(vars: Readonly<Record<string, string>>): string {
  return `${vars.PATH_INFO ?? ''}?${vars.QUERY_STRING ?? ''}`;
}

let uwsgi: FakeUpstream & { readonly calls: UwsgiCall[] };
let http: FakeUpstream;
let proxy: RunningProxy;
let httpProxy: RunningProxy;

beforeAll(async () => {
  uwsgi = await fakeUwsgi((call) => {
    const body = echoBody(call.vars);
    const send = (): void => void call.socket.end(`HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    // A slow first request makes the later ones wait their turn behind it.
    if (call.vars.QUERY_STRING === 'slow') setTimeout(send, 150);
    else if (call.vars.QUERY_STRING !== 'hang') send();
  });
  http = await fakeHttp((req, res) => {
    res.setHeader('Content-Length', Buffer.byteLength(req.url ?? ''));
    res.end(req.url);
  });
  proxy = await startProxy({ upstream: { host: '127.0.0.1', port: uwsgi.port, protocol: 'uwsgi' }, staticDir: FIXTURES });
  httpProxy = await startProxy({ upstream: { host: '127.0.0.1', port: http.port, protocol: 'http' } });
});

afterAll(async () => {
  await Promise.all([proxy?.stop(), httpProxy?.stop()]);
  await Promise.all([uwsgi?.close(), http?.close()]);
});

const get = (target: string): string => `GET ${target} HTTP/1.1\r\nHost: test\r\n\r\n`;

describe('pipelined requests (nginx answers each, in order)', () => {
  it('answers three GET /hello sent at once on one connection, in order', async () => {
    const { responses } = await rawResponses(proxy.port, get('/hello?1') + get('/hello?2') + get('/hello?3'), 3);
    expect(responses.map((r) => [r.status, r.body])).toEqual([
      [200, '/hello?1'],
      [200, '/hello?2'],
      [200, '/hello?3'],
    ]);
  });

  it('keeps the order when the first response is the slowest', async () => {
    const { responses } = await rawResponses(proxy.port, get('/a?slow') + get('/b?fast') + get('/c?fast'), 3);
    expect(responses.map((r) => r.body)).toEqual(['/a?slow', '/b?fast', '/c?fast']);
  });

  it('sends them upstream one at a time, each once the one before is answered, as nginx does', async () => {
    const from = uwsgi.calls.length;
    await rawResponses(proxy.port, get('/one?slow') + get('/two?fast'), 2);
    const [one, two] = uwsgi.calls.slice(from);
    expect([one?.vars.PATH_INFO, two?.vars.PATH_INFO]).toEqual(['/one', '/two']);
    // /one is answered 150 ms after it arrives; /two may only leave the proxy after that.
    expect(two!.receivedUs - one!.receivedUs).toBeGreaterThanOrEqual(150_000 - 1_000);
  });

  it('never forwards a queued request whose client has gone', async () => {
    const from = uwsgi.calls.length;
    const socket = connect({ host: '127.0.0.1', port: proxy.port });
    socket.on('error', () => undefined);
    socket.write(`GET /first?hang HTTP/1.1\r\nHost: test\r\n\r\n${get('/second?fast')}`);
    expect(await waitFor(() => uwsgi.calls.length > from, 10_000)).toBe(true);
    const first = uwsgi.calls[from]!;
    socket.destroy();
    expect(await waitFor(() => first.socket.destroyed || first.socket.readableEnded, 10_000)).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(uwsgi.calls.slice(from).map((c) => c.vars.PATH_INFO)).toEqual(['/first']);
  });

  it('interleaves static and forwarded requests on one connection', async () => {
    const { responses } = await rawResponses(proxy.port, get('/hello?1') + get('/static/hello.txt') + get('/hello?2'), 3);
    expect(responses.map((r) => [r.status, r.body])).toEqual([
      [200, '/hello?1'],
      [200, 'hello from the static dir\n'],
      [200, '/hello?2'],
    ]);
  });

  it('pipelines through an HTTP upstream too', async () => {
    const { responses } = await rawResponses(httpProxy.port, get('/x?1') + get('/x?2') + get('/x?3'), 3);
    expect(responses.map((r) => [r.status, r.body])).toEqual([
      [200, '/x?1'],
      [200, '/x?2'],
      [200, '/x?3'],
    ]);
  });
});

describe('a request followed by a half-close', () => {
  it('still answers a static request', async () => {
    const { responses } = await rawResponses(proxy.port, get('/static/hello.txt'), 1, { halfClose: true });
    expect(responses.map((r) => [r.status, r.body])).toEqual([[200, 'hello from the static dir\n']]);
  });

  it('answers the static request before a forwarded one, then closes as nginx does (499 for the forwarded one)', async () => {
    const { responses, closed } = await rawResponses(proxy.port, get('/static/hello.txt') + get('/hello?slow') + get('/static/data.json'), 3, { halfClose: true, timeoutMs: 30_000 });
    expect(responses.map((r) => r.status)).toEqual([200]);
    expect(closed).toBe(true);
  });

  it('closes a forwarded request the client half-closed on, as nginx does, instead of answering it', async () => {
    expect(await rawResponses(proxy.port, get('/hello?slow'), 1, { halfClose: true, timeoutMs: 30_000 })).toEqual({ responses: [], closed: true });
  });

  it('still answers pipelined static requests', async () => {
    const { responses } = await rawResponses(proxy.port, get('/static/hello.txt') + get('/static/data.json'), 2, { halfClose: true });
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(responses[0]?.body).toBe('hello from the static dir\n');
  });
});
