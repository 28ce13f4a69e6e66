import { Agent, request } from 'undici';
import type { Socket } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../../../src/proxy/index.js';
import { fakeHttp, fakeUwsgi, type FakeUpstream } from './helpers/fake-upstreams.js';
import { rawRequest } from './helpers/raw-http.js';

const agent = new Agent({ connections: 1 });
let proxy: RunningProxy | undefined;
let upstream: FakeUpstream | undefined;

afterEach(async () => {
  await proxy?.stop();
  await upstream?.close();
  proxy = undefined;
  upstream = undefined;
});
afterAll(() => agent.close());

describe('forwarding to a uwsgi upstream', () => {
  it('sends the uwsgi_params vars, every header as HTTP_*, the body, and X-Request-Start in µs', async () => {
    const uwsgi = await fakeUwsgi(({ socket }) => {
      socket.end('HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nX-App: yes\r\n\r\nmade!');
    });
    upstream = uwsgi;
    proxy = await startProxy({ upstream: { host: '127.0.0.1', port: uwsgi.port, protocol: 'uwsgi' } });
    const sentUs = Date.now() * 1000;
    const res = await request(`${proxy.url}/caf%C3%A9/items/?page=2&q=a%20b`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-test-header': 'hello', 'x-request-start': 't=1' },
      body: '{"n":42}',
      dispatcher: agent,
    });
    const text = await res.body.text();

    expect(res.statusCode).toBe(201);
    expect(text).toBe('made!');
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.headers['content-length']).toBe('5');
    expect(res.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(res.headers['x-app']).toBe('yes');

    expect(uwsgi.calls).toHaveLength(1);
    const { vars, body, receivedUs } = uwsgi.calls[0]!;
    expect(vars).toMatchObject({
      REQUEST_METHOD: 'POST',
      REQUEST_URI: '/caf%C3%A9/items/?page=2&q=a%20b',
      PATH_INFO: Buffer.from('/café/items/').toString('latin1'),
      QUERY_STRING: 'page=2&q=a%20b',
      CONTENT_TYPE: 'application/json',
      CONTENT_LENGTH: '8',
      SERVER_PROTOCOL: 'HTTP/1.1',
      REQUEST_SCHEME: 'http',
      REMOTE_ADDR: '127.0.0.1',
      SERVER_NAME: '127.0.0.1',
      SERVER_PORT: String(proxy.port),
      HTTP_HOST: `127.0.0.1:${proxy.port}`,
      HTTP_X_TEST_HEADER: 'hello',
      HTTP_CONTENT_TYPE: 'application/json',
    });
    expect(Number(vars.REMOTE_PORT)).toBeGreaterThan(0);
    expect(body.toString()).toBe('{"n":42}');

    const stamp = /^t=(\d+)$/.exec(vars.HTTP_X_REQUEST_START ?? '');
    expect(stamp, 'the client-sent X-Request-Start is replaced').not.toBeNull();
    const startUs = Number(stamp![1]);
    expect(startUs).toBeGreaterThanOrEqual(sentUs - 2_000);
    expect(startUs).toBeLessThanOrEqual(receivedUs + 2_000);
    expect(receivedUs - startUs).toBeLessThan(5_000_000);
  });

  it('relays a body that ends only when the upstream closes, as it streams', async () => {
    let held: Socket | undefined;
    const uwsgi = await fakeUwsgi(({ socket }) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nfirst,');
      held = socket;
    });
    upstream = uwsgi;
    proxy = await startProxy({ upstream: { host: '127.0.0.1', port: uwsgi.port, protocol: 'uwsgi' } });
    const res = await request(`${proxy.url}/stream`, { dispatcher: agent });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-length']).toBeUndefined();
    const chunks = res.body[Symbol.asyncIterator]();
    const first = await chunks.next();
    expect(Buffer.from(first.value as Uint8Array).toString(), 'relayed while the upstream is still open').toBe('first,');
    expect(held!.destroyed).toBe(false);
    held!.write('second,');
    held!.end('third');
    let rest = '';
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) rest += Buffer.from(next.value as Uint8Array).toString();
    expect(rest).toBe('second,third');
  });

  it('decodes a chunked upstream body and re-frames it for the client', async () => {
    const uwsgi = await fakeUwsgi(({ socket }) => {
      socket.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n');
    });
    upstream = uwsgi;
    proxy = await startProxy({ upstream: { host: '127.0.0.1', port: uwsgi.port, protocol: 'uwsgi' } });
    const res = await request(`${proxy.url}/chunked`, { dispatcher: agent });
    expect(res.statusCode).toBe(200);
    expect(await res.body.text()).toBe('hello world');
  });

  it('buffers a chunked request body so the upstream gets CONTENT_LENGTH', async () => {
    const uwsgi = await fakeUwsgi(({ socket }) => socket.end('HTTP/1.1 204 No Content\r\n\r\n'));
    upstream = uwsgi;
    proxy = await startProxy({ upstream: { host: '127.0.0.1', port: uwsgi.port, protocol: 'uwsgi' } });
    const res = await rawRequest(
      proxy.port,
      'PUT /upload HTTP/1.1\r\nHost: t\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n',
    );
    expect(res.status).toBe(204);
    expect(uwsgi.calls[0]!.vars.CONTENT_LENGTH).toBe('7');
    expect(uwsgi.calls[0]!.body.toString()).toBe('abcdefg');
  });

  it('keeps the client connection alive but opens a new upstream connection per request', async () => {
    const uwsgi = await fakeUwsgi(({ socket, vars }) => socket.end(`HTTP/1.1 200 OK\r\nContent-Length: ${vars.PATH_INFO!.length}\r\n\r\n${vars.PATH_INFO}`));
    upstream = uwsgi;
    proxy = await startProxy({ upstream: { host: '127.0.0.1', port: uwsgi.port, protocol: 'uwsgi' } });
    for (const path of ['/one', '/two', '/three']) {
      const res = await request(`${proxy.url}${path}`, { dispatcher: agent });
      expect(await res.body.text()).toBe(path);
    }
    const clientPorts = new Set(uwsgi.calls.map((c) => c.vars.REMOTE_PORT));
    expect(clientPorts.size, 'one keep-alive client connection').toBe(1);
    expect(uwsgi.connections(), 'one upstream connection per request').toBe(3);
  });

  it('forwards HEAD and relays headers without a body', async () => {
    const uwsgi = await fakeUwsgi(({ socket }) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 1234\r\nX-Kind: head\r\n\r\n'));
    upstream = uwsgi;
    proxy = await startProxy({ upstream: { host: '127.0.0.1', port: uwsgi.port, protocol: 'uwsgi' } });
    const res = await request(`${proxy.url}/h`, { method: 'HEAD', dispatcher: agent });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-length']).toBe('1234');
    expect(res.headers['x-kind']).toBe('head');
    expect(await res.body.text()).toBe('');
    expect(uwsgi.calls[0]!.vars.REQUEST_METHOD).toBe('HEAD');
  });
});

describe('forwarding to an http upstream', () => {
  it('sends HTTP/1.0 with Connection: close and X-Request-Start, and relays the answer', async () => {
    const http = await fakeHttp((_req, res, body) => {
      res.writeHead(202, { 'content-type': 'application/json', 'x-upstream': 'node' });
      res.end(JSON.stringify({ echoed: body.toString() }));
    });
    upstream = http;
    proxy = await startProxy({ upstream: { host: '127.0.0.1', port: http.port, protocol: 'http' } });
    const before = Date.now() * 1000;
    const res = await request(`${proxy.url}/api/thing?x=1`, {
      method: 'PATCH',
      headers: { 'x-trace': 'abc', 'content-type': 'text/plain' },
      body: 'hello',
      dispatcher: agent,
    });
    expect(res.statusCode).toBe(202);
    expect(res.headers['x-upstream']).toBe('node');
    expect(await res.body.json()).toEqual({ echoed: 'hello' });

    const seen = http.requests[0]!;
    expect(seen.httpVersion).toBe('1.0');
    expect(seen.method).toBe('PATCH');
    expect(seen.url).toBe('/api/thing?x=1');
    expect(seen.headers.connection).toBe('close');
    expect(seen.headers['content-length']).toBe('5');
    expect(seen.headers['x-trace']).toBe('abc');
    expect(seen.headers.host).toBe(`127.0.0.1:${proxy.port}`);
    const startUs = Number(/^t=(\d+)$/.exec(String(seen.headers['x-request-start']))?.[1]);
    expect(startUs).toBeGreaterThanOrEqual(before - 2_000);
    expect(startUs).toBeLessThanOrEqual(Date.now() * 1000);
    expect(seen.body.toString()).toBe('hello');
  });
});
