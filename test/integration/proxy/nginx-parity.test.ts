import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../../../src/proxy/index.js';
import { stalledUpstream, type FakeUpstream } from './helpers/fake-upstreams.js';
import { rawGet, rawRequest } from './helpers/raw-http.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/static');

let upstream: FakeUpstream;
let proxy: RunningProxy;

beforeAll(async () => {
  upstream = await stalledUpstream();
  proxy = await startProxy({ upstream: { host: '127.0.0.1', port: upstream.port, protocol: 'uwsgi' }, staticDir: FIXTURES });
});

afterAll(async () => {
  await proxy?.stop();
  await upstream?.close();
});

describe('nginx parity (answers measured against nginx 1.22)', () => {
  it('serves /static/caf%C3%A9.txt: the path is decoded to UTF-8 bytes, not latin1', async () => {
    const res = await rawRequest(proxy.port, rawGet('/static/caf%C3%A9.txt'));
    expect(res.status).toBe(200);
    expect(Buffer.from(res.body, 'latin1').toString('utf8')).toBe('un café, s’il vous plaît\n');
    expect(res.head).toMatch(/Content-Type: text\/plain/i);
  });

  it('answers 404 for bytes that are not UTF-8 (%E9 alone), as nginx does', async () => {
    expect((await rawRequest(proxy.port, rawGet('/static/caf%E9.txt'))).status).toBe(404);
  });

  it('keeps the traversal rules for non-ASCII paths', async () => {
    expect((await rawRequest(proxy.port, rawGet('/static/caf%C3%A9/../../package.json'))).status).toBe(403);
    expect((await rawRequest(proxy.port, rawGet('/static/%C3%A9%2f..%2f..%2fpackage.json'))).status).toBe(403);
  });

  it('answers CONNECT with 400 and closes, never reaching the upstream', async () => {
    const before = upstream.connections();
    const res = await rawRequest(proxy.port, 'CONNECT example.test:443 HTTP/1.1\r\nHost: example.test:443\r\n\r\n');
    expect(res.status).toBe(400);
    expect(res.head).toMatch(/Connection: close/i);
    expect(upstream.connections()).toBe(before);
  });

  it('still serves other requests after a CONNECT', async () => {
    expect((await rawRequest(proxy.port, rawGet('/static/hello.txt'))).status).toBe(200);
  });
});
