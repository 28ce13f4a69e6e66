import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../../../src/proxy/index.js';
import { reachesPool } from '../../../src/routing/index.js';
import { fakeUwsgi, type FakeUpstream, type UwsgiCall } from './helpers/fake-upstreams.js';
import { rawGet, rawRequest } from './helpers/raw-http.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/static');

// The contract: the proxy forwards a request exactly when reachesPool says it does,
// so the planner, run trace, predictions and scale warning count what the pool will see.
const TARGETS = [
  '/hello',
  '/static/hello.txt',
  '/static/missing.txt',
  '/static/../hello',
  '/a/../static/hello.txt',
  '/%73tatic/hello.txt',
  '/staticfile',
  '/hello?x=/static/y',
  'http://example.test/static/hello.txt',
  '*',
  '/bad%zz',
  '/../etc/passwd',
];

let upstream: FakeUpstream & { readonly calls: UwsgiCall[] };
let withStatic: RunningProxy;
let withoutStatic: RunningProxy;

beforeAll(async () => {
  upstream = await fakeUwsgi((call) => call.socket.end('HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nupstream'));
  const options = { upstream: { host: '127.0.0.1', port: upstream.port, protocol: 'uwsgi' as const } };
  [withStatic, withoutStatic] = await Promise.all([startProxy({ ...options, staticDir: FIXTURES }), startProxy(options)]);
});

afterAll(async () => {
  await Promise.all([withStatic?.stop(), withoutStatic?.stop()]);
  await upstream?.close();
});

async function forwarded(proxy: RunningProxy, target: string): Promise<boolean> {
  const before = upstream.calls.length;
  const res = await rawRequest(proxy.port, rawGet(target));
  expect(res.status).toBeGreaterThan(0);
  return upstream.calls.length > before;
}

describe('the proxy forwards exactly what reachesPool says reaches the pool', () => {
  it.each(TARGETS)('%s', async (target) => {
    expect(await forwarded(withStatic, target)).toBe(reachesPool(target, { staticDir: FIXTURES }));
    expect(await forwarded(withoutStatic, target)).toBe(reachesPool(target, { staticDir: null }));
  });

  it('forwards /static/ paths when the stack has no static directory', async () => {
    expect(await forwarded(withoutStatic, '/static/hello.txt')).toBe(true);
    expect(reachesPool('/static/hello.txt', { staticDir: null })).toBe(true);
  });
});
