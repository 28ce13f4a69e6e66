import { describe, expect, it } from 'vitest';
import { parseRequestStart, withTiming, type AppRequest, type Handler } from '../../../src/app/index.js';

/** A clock that reads `times` in turn (epoch ms). */
function clock(...times: number[]): () => number {
  let i = 0;
  return () => times[Math.min(i++, times.length - 1)]!;
}

function request(environ: Record<string, string> = {}): AppRequest {
  return { environ: { PATH_INFO: '/', ...environ }, body: Buffer.alloc(0), worker: 3, timeScale: 1 };
}

const ok: Handler = () => ({ status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'ok' });
const START = 1_700_000_000_000; // epoch ms of the app start in these tests

describe('parseRequestStart', () => {
  it('tells µs, nginx seconds and ms apart by magnitude', () => {
    expect(parseRequestStart('t=1700000000123456')).toBeCloseTo(1_700_000_000_123.456, 3);
    expect(parseRequestStart('t=1700000000.123')).toBeCloseTo(1_700_000_000_123, 3);
    expect(parseRequestStart('t=1700000000123')).toBe(1_700_000_000_123);
    expect(parseRequestStart('1700000000.5')).toBe(1_700_000_000_500);
  });
  it('gives null for a missing or unreadable value', () => {
    expect(parseRequestStart(undefined)).toBeNull();
    expect(parseRequestStart('')).toBeNull();
    expect(parseRequestStart('t=soon')).toBeNull();
    expect(parseRequestStart('t=0')).toBeNull();
  });
});

describe('withTiming', () => {
  it('measures queue time from X-Request-Start in µs, and service time around the handler', async () => {
    const timed = withTiming(ok, { clock: clock(START, START + 12.5) });
    const { response, error } = await timed(request({ HTTP_X_REQUEST_START: `t=${(START - 250.25) * 1000}` }), 0);
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('ok');
    expect(response.headers).toEqual({
      'Content-Type': 'text/plain',
      'X-Caplab-Worker': '3',
      'X-Caplab-Queue-Ms': '250.250',
      'X-Caplab-Service-Ms': '12.500',
    });
  });

  it("reads nginx's t=<seconds>.<millis> form", async () => {
    const timed = withTiming(ok, { clock: clock(START, START + 1) });
    const { response } = await timed(request({ HTTP_X_REQUEST_START: `t=${(START - 1500) / 1000}` }), 0);
    expect(response.headers['X-Caplab-Queue-Ms']).toBe('1500.000');
  });

  it('falls back to the time the master accepted the connection', async () => {
    const timed = withTiming(ok, { clock: clock(START, START + 1) });
    const { response, queueMs } = await timed(request(), START - 40);
    expect(queueMs).toBe(40);
    expect(response.headers['X-Caplab-Queue-Ms']).toBe('40.000');
    const unreadable = await withTiming(ok, { clock: clock(START, START) })(request({ HTTP_X_REQUEST_START: 'garbage' }), START - 7);
    expect(unreadable.response.headers['X-Caplab-Queue-Ms']).toBe('7.000');
  });

  it('never reports a negative queue time', async () => {
    const timed = withTiming(ok, { clock: clock(START, START) });
    const { response } = await timed(request({ HTTP_X_REQUEST_START: `t=${(START + 5) * 1000}` }), 0);
    expect(response.headers['X-Caplab-Queue-Ms']).toBe('0.000');
  });

  it('replaces timing headers the app set itself', async () => {
    const spoof: Handler = () => ({ status: 200, headers: { 'x-caplab-worker': '99', 'X-Caplab-Queue-Ms': '1' } });
    const { response } = await withTiming(spoof, { clock: clock(START, START) })(request(), START);
    expect(Object.keys(response.headers).sort()).toEqual(['X-Caplab-Queue-Ms', 'X-Caplab-Service-Ms', 'X-Caplab-Worker']);
    expect(response.headers['X-Caplab-Worker']).toBe('3');
  });

  it('names the core (thread) it runs on, 0-based, when given one, and replaces a spoofed one', async () => {
    const spoof: Handler = () => ({ status: 200, headers: { 'X-Caplab-Core': '7' } });
    const { response } = await withTiming(spoof, { core: 1, clock: clock(START, START) })(request(), START);
    expect(Object.keys(response.headers).sort()).toEqual(['X-Caplab-Core', 'X-Caplab-Queue-Ms', 'X-Caplab-Service-Ms', 'X-Caplab-Worker']);
    expect(response.headers['X-Caplab-Core']).toBe('1');
    expect((await withTiming(ok, { core: 0, clock: clock(START, START) })(request(), START)).response.headers['X-Caplab-Core']).toBe('0');
    const failing: Handler = () => {
      throw new Error('boom');
    };
    expect((await withTiming(failing, { core: 2, clock: clock(START, START) })(request(), START)).response.headers['X-Caplab-Core']).toBe('2');
  });

  it('turns an exception into a 500 that still carries the timing headers', async () => {
    const boom = new Error('boom');
    const failing: Handler = () => {
      throw boom;
    };
    const { response, error } = await withTiming(failing, { clock: clock(START, START + 3) })(request(), START - 1);
    expect(error).toBe(boom);
    expect(response.status).toBe(500);
    expect(response.headers['X-Caplab-Service-Ms']).toBe('3.000');
    expect(response.headers['X-Caplab-Queue-Ms']).toBe('1.000');
  });

  it.each([
    ['a status out of range', { status: 99 }],
    ['a non-integer status', { status: 200.5 }],
    ['a header with CR/LF', { status: 200, headers: { 'X-Evil': 'a\r\nSet-Cookie: x' } }],
    ['a bad header name', { status: 200, headers: { 'Bad Name': 'x' } }],
    ['a non-string body', { status: 200, body: 42 }],
    ['no response at all', undefined],
  ])('treats %s as an app error (500)', async (_what, bad) => {
    const { response, error } = await withTiming((() => bad) as unknown as Handler, { clock: clock(START, START) })(request(), START);
    expect(error).toBeInstanceOf(TypeError);
    expect(response.status).toBe(500);
  });
});
