import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../../../src/proxy/index.js';
import { rawResponses } from '../proxy/helpers/raw-http.js';
import { SKIP_REAL, SKIP_REASON, startRealStack, type RealStack } from './helpers.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/static');
const get = (target: string): string => `GET ${target} HTTP/1.1\r\nHost: test\r\n\r\n`;

// Each probe goes to nginx and to caplab's proxy, both in front of the same uWSGI + Django pool.
const PROBES: ReadonlyArray<{ name: string; text: string; count: number; halfClose?: boolean }> = [
  { name: 'three pipelined GET /hello', text: get('/hello') + get('/hello') + get('/hello'), count: 3 },
  { name: 'static, dynamic, static pipelined', text: get('/static/hello.txt') + get('/hello') + get('/static/data.json'), count: 3 },
  { name: 'a static request, then a half-close', text: get('/static/hello.txt'), count: 1, halfClose: true },
  { name: 'static, slow dynamic, static, then a half-close', text: get('/static/hello.txt') + get('/sleep?ms=300') + get('/static/hello.txt'), count: 3, halfClose: true },
  { name: 'a slow dynamic request, then a half-close', text: get('/sleep?ms=300'), count: 1, halfClose: true },
  { name: 'CONNECT', text: 'CONNECT example.test:443 HTTP/1.1\r\nHost: example.test:443\r\n\r\n', count: 1 },
  { name: 'a UTF-8 file name, percent-encoded', text: get('/static/caf%C3%A9.txt'), count: 1 },
  { name: 'a latin1 byte that is not UTF-8', text: get('/static/caf%E9.txt'), count: 1 },
];

describe.skipIf(SKIP_REAL)(`caplab's proxy answers as nginx does${SKIP_REASON}`, () => {
  let stack: RealStack;
  let embedded: RunningProxy;
  beforeAll(async () => {
    stack = await startRealStack({ workers: 2 }, { staticDir: FIXTURES });
    embedded = await startProxy({ upstream: { host: stack.pool.host, port: stack.pool.port, protocol: 'uwsgi' }, staticDir: FIXTURES });
  });
  afterAll(async () => {
    await embedded?.stop();
    await stack?.stop();
  });

  it.each(PROBES)('$name', async ({ text, count, halfClose }) => {
    const ask = async (port: number): Promise<Array<[number, string]>> => {
      const { responses } = await rawResponses(port, text, count, { halfClose, timeoutMs: 10_000 });
      return responses.map((r) => [r.status, r.status === 200 ? r.body : '']);
    };
    const nginx = await ask(stack.proxy.port);
    expect(await ask(embedded.port)).toEqual(nginx);
  });
});
