import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type AccessLogRecord, type RunningProxy } from '../../../src/proxy/index.js';
import { fakeUwsgi, type FakeUpstream, type UwsgiCall } from './helpers/fake-upstreams.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/static');
const agent = new Agent();
let dir: string;
let upstream: FakeUpstream & { calls: UwsgiCall[] };
let proxy: RunningProxy;
let records: AccessLogRecord[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'caplab-accesslog-'));
  upstream = await fakeUwsgi(({ socket, vars }) => {
    if (vars.PATH_INFO === '/slow') {
      setTimeout(() => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello'), 200);
      setTimeout(() => socket.end('world'), 400);
    } else socket.end('garbage\r\n\r\n');
  });
  const logPath = path.join(dir, 'access.jsonl');
  proxy = await startProxy({ upstream: { host: '127.0.0.1', port: upstream.port, protocol: 'uwsgi' }, staticDir: FIXTURES, accessLog: logPath });
  for (const target of ['/slow?x=1', '/bad', '/static/hello.txt']) {
    const res = await request(`${proxy.url}${target}`, { dispatcher: agent });
    await res.body.text();
  }
  await proxy.stop();
  records = (await readFile(logPath, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as AccessLogRecord);
});

afterAll(async () => {
  await proxy?.stop();
  await upstream?.close();
  await agent.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const byUri = (uri: string): AccessLogRecord => {
  const found = records.find((r) => r.uri === uri);
  if (!found) throw new Error(`no log line for ${uri}: ${JSON.stringify(records)}`);
  return found;
};

describe('access log', () => {
  it('writes one JSON line per request, flushed by stop()', () => {
    expect(records).toHaveLength(3);
  });

  it('records nginx-style timings in seconds with ms resolution, in causal order', () => {
    const slow = byUri('/slow?x=1');
    expect(slow).toMatchObject({ method: 'GET', status: 200, upstream_status: 200, body_bytes_sent: 10, remote_addr: '127.0.0.1', error: null });
    const { upstream_connect_time: connect, upstream_header_time: header, upstream_response_time: response, request_time: total } = slow;
    for (const t of [connect, header, response, total]) expect(Number.isInteger(Math.round((t ?? NaN) * 1000))).toBe(true);
    expect(connect).not.toBeNull();
    expect(connect!).toBeLessThanOrEqual(header!);
    expect(header!).toBeGreaterThanOrEqual(0.18);
    expect(response!).toBeGreaterThanOrEqual(0.38);
    expect(response! - header!).toBeGreaterThanOrEqual(0.15);
    expect(total).toBeGreaterThanOrEqual(response! - 0.001);
  });

  it('stamps request_start_us with the X-Request-Start value the upstream received', () => {
    const slowCall = upstream.calls.find((c) => c.vars.PATH_INFO === '/slow')!;
    expect(slowCall.vars.HTTP_X_REQUEST_START).toBe(`t=${byUri('/slow?x=1').request_start_us}`);
  });

  it('logs a 502 with its reason, and a static hit without upstream times', () => {
    const bad = byUri('/bad');
    expect(bad.status).toBe(502);
    expect(bad.upstream_status).toBeNull();
    expect(bad.upstream_header_time).toBeNull();
    expect(bad.upstream_response_time).not.toBeNull();
    expect(bad.error).toMatch(/upstream sent invalid header/);
    expect(bad.body_bytes_sent).toBeGreaterThan(0);

    const file = byUri('/static/hello.txt');
    expect(file).toMatchObject({ status: 200, body_bytes_sent: 26, upstream_connect_time: null, upstream_header_time: null, upstream_response_time: null, upstream_status: null });
  });
});
