import { describe, expect, it } from 'vitest';
import { LINE_PARSERS, isEntry } from '../../../src/traffic/line-parsers.js';
import type { LogEntry } from '../../../src/traffic/log-types.js';

const COMBINED = '10.0.0.1 - - [30/Nov/2026:14:00:01 +0000] "GET /api/orders/12?page=2 HTTP/1.1" 200 512 "-" "curl/8"';

function entry(format: keyof typeof LINE_PARSERS, line: string): LogEntry {
  const r = LINE_PARSERS[format](line);
  if (!isEntry(r)) throw new Error(`did not parse: ${JSON.stringify(r)}`);
  return r;
}

describe('nginx combined with timing fields', () => {
  it('reconstructs the arrival as $msec − $request_time, at ms resolution', () => {
    const e = entry('nginx-combined-timed', `${COMBINED} 0.250 0.240 1796047201.300`);
    expect(e.arrivalMs).toBeCloseTo(1796047201300 - 250, 6);
    expect(e.arrivalSource).toBe('msec-minus-request-time');
    expect(e).toMatchObject({ method: 'GET', path: '/api/orders/12', status: 200, upstream: true, attempts: 1 });
  });

  it('without $msec, falls back to $time_local − $request_time at 1 s resolution', () => {
    const e = entry('nginx-combined-timed', `${COMBINED} 0.250 0.240`);
    expect(e.arrivalMs).toBe(Date.UTC(2026, 10, 30, 14, 0, 1) - 250);
    expect(e.arrivalSource).toBe('timestamp-1s');
  });

  it('reads $time_local with its offset', () => {
    const e = entry('nginx-combined-timed', `${COMBINED.replace('+0000', '+0200')} 0.000 0.000`);
    expect(e.arrivalMs).toBe(Date.UTC(2026, 10, 30, 12, 0, 1));
  });

  it('takes the upstream time as service when nothing better is logged, and says so', () => {
    const e = entry('nginx-combined-timed', `${COMBINED} 0.250 0.240 1796047201.300`);
    expect(e.serviceMs).toBeCloseTo(240, 6);
    expect(e.serviceSource).toBe('upstream-response-time');
  });

  it("prefers caplab's logged service header", () => {
    const e = entry('nginx-combined-timed', `${COMBINED} 0.250 0.240 1796047201.300 12.5`);
    expect(e.serviceMs).toBe(12.5);
    expect(e.serviceSource).toBe('timing-header');
  });

  it('counts retries and uses the last attempt', () => {
    const e = entry('nginx-combined-timed', `${COMBINED} 0.250 0.003, 0.004, 0.240 1796047201.300`);
    expect(e.attempts).toBe(3);
    expect(e.serviceMs).toBeCloseTo(240, 6);
  });

  it('marks a hit without upstream as static, with no service time', () => {
    const e = entry('nginx-combined-timed', `${COMBINED} 0.000 - 1796047201.300 -`);
    expect(e).toMatchObject({ upstream: false, attempts: 0, serviceMs: null, serviceSource: 'none' });
  });

  it('keeps 499s', () => {
    expect(entry('nginx-combined-timed', `${COMBINED.replace(' 200 ', ' 499 ')} 1.000 1.000 1796047201.300`).status).toBe(499);
  });

  it('refuses plain combined by name: it has no timing fields', () => {
    expect(LINE_PARSERS['nginx-combined-timed'](COMBINED)).toEqual({ unusable: expect.stringContaining('without $request_time') as unknown });
  });

  it('does not take a gunicorn line (one trailing integer)', () => {
    expect(LINE_PARSERS['nginx-combined-timed'](`${COMBINED} 12345`)).toBeNull();
  });
});

describe('nginx escape=json', () => {
  it("reads caplab's own access-log shape", () => {
    const line = JSON.stringify({ msec: 1796047201.3, status: 502, method: 'POST', uri: '/api/orders?x=1', request_time: 0.25, upstream_response_time: '0.010, 0.240', bytes_sent: 9 });
    const e = entry('nginx-json', line);
    expect(e.arrivalMs).toBeCloseTo(1796047201300 - 250, 3);
    expect(e).toMatchObject({ method: 'POST', path: '/api/orders', status: 502, attempts: 2, serviceSource: 'upstream-response-time' });
    expect(e.serviceMs).toBeCloseTo(240, 6);
  });

  it('reads `request` and `time_local` and the service header', () => {
    const line = JSON.stringify({ time_local: '30/Nov/2026:14:00:01 +0000', request: 'GET /a HTTP/2.0', status: '200', request_time: '0.100', upstream_response_time: '0.090', upstream_http_x_caplab_service_ms: '42.5' });
    const e = entry('nginx-json', line);
    expect(e).toMatchObject({ method: 'GET', path: '/a', status: 200, serviceMs: 42.5, serviceSource: 'timing-header', arrivalSource: 'timestamp-1s' });
  });

  it('calls a JSON line without timing fields unusable', () => {
    expect(LINE_PARSERS['nginx-json']('{"status":200}')).toEqual({ unusable: expect.stringContaining('request_time') as unknown });
  });
});

describe('uWSGI request log', () => {
  const LINE =
    '[pid: 9|app: 0|req: 1/1] 10.0.0.1 () {34 vars in 612 bytes} [Mon Nov 30 14:00:01 2026] GET /api/orders?x=1 => generated 12 bytes in 37 msecs (HTTP/1.1 200) 2 headers in 79 bytes (1 switches on core 0)';
  it('takes the date as the start and "in N msecs" as the service time', () => {
    expect(entry('uwsgi', LINE)).toMatchObject({ arrivalMs: Date.UTC(2026, 10, 30, 14, 0, 1), path: '/api/orders', serviceMs: 37, serviceSource: 'pool-log', status: 200 });
  });
  it('reads --log-micros', () => {
    expect(entry('uwsgi', LINE.replace('in 37 msecs', 'in 37250 micros')).serviceMs).toBe(37.25);
  });
});

describe('gunicorn access log with %(D)s', () => {
  it('takes %(D)s µs as the service time and %(t)s − D as the start', () => {
    const e = entry('gunicorn', `${COMBINED} 250000`);
    expect(e).toMatchObject({ serviceMs: 250, serviceSource: 'pool-log', path: '/api/orders/12' });
    expect(e.arrivalMs).toBe(Date.UTC(2026, 10, 30, 14, 0, 1) - 250);
  });
});
