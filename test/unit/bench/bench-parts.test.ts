import { describe, expect, it } from 'vitest';
import { BenchUsageError, isSelected, parseBenchOptions } from '../../../src/bench/bench-options.js';
import { makeResult } from '../../../src/bench/make-result.js';
import { parseWrk } from '../../../src/bench/parse-wrk.js';
import { TARGETS } from '../../../src/bench/targets.js';

const WRK = `Running 3s test @ http://127.0.0.1:40123/hello
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.71ms  512.33us  10.02ms   83.12%
    Req/Sec     9.41k   611.20    10.33k    70.00%
  Latency Distribution
     50%    1.62ms
     75%    1.90ms
     90%    2.21ms
     99%    3.48ms
  28123 requests in 3.00s, 4.02MB read
  Socket errors: connect 0, read 28125, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   9374.12
Transfer/sec:      1.34MB
`;

describe('parseWrk', () => {
  it('reads req/s, p50, p99 and the count, in ms', () => {
    expect(parseWrk(WRK)).toEqual({ rps: 9374.12, p50Ms: 1.62, p99Ms: 3.48, requests: 28123, errors: 4 + 1 + 2 });
  });

  it('reads µs and s latencies', () => {
    const out = WRK.replace('1.62ms', '812.00us').replace('3.48ms', '1.20s');
    expect(parseWrk(out)).toMatchObject({ p50Ms: 0.812, p99Ms: 1200 });
  });

  it('counts read errors only beyond one per request (close-delimited responses)', () => {
    const out = WRK.replace('read 28125', 'read 100').replace(/\n\s+Non-2xx.*\n/, '\n').replace('timeout 1', 'timeout 0');
    expect(parseWrk(out).errors).toBe(0);
  });

  it('throws, quoting the output, when a figure is missing', () => {
    expect(() => parseWrk('unable to connect to 127.0.0.1:1 Connection refused')).toThrow(/unexpected output: unable to connect/);
  });
});

describe('parseBenchOptions', () => {
  const known = ['hello-pool', 'rss@proxy', 'rss@master', 'open-lag-p99@2000'];

  it('takes repeated and comma-separated --only, families by the part before @', () => {
    const options = parseBenchOptions(['--only', 'hello-pool,rss', '--only', 'open-lag-p99@2000', '--quick'], known);
    expect(options).toEqual({ only: ['hello-pool', 'rss', 'open-lag-p99@2000'], quick: true, outDir: 'reports/bench' });
    expect(isSelected(options.only, 'rss@master')).toBe(true);
    expect(isSelected(options.only, 'static')).toBe(false);
    expect(isSelected([], 'static')).toBe(true);
  });

  it('names every unknown figure at once', () => {
    expect(() => parseBenchOptions(['--only', 'helo,stattic'], known)).toThrow(BenchUsageError);
    expect(() => parseBenchOptions(['--only', 'helo,stattic'], known)).toThrow(/"helo", "stattic" are not a bench figure/);
    expect(() => parseBenchOptions(['--fast'], known)).toThrow(/--fast/);
  });
});

describe('makeResult', () => {
  it('computes the ratio and judges a target relative to the peer', () => {
    const r = makeResult({ name: 'hello-pool', value: 6500, unit: 'req/s', peer: 'uWSGI', peerValue: 5000, ratio: true, target: TARGETS.helloPool });
    expect(r).toMatchObject({ ratio: 1.3, met: true, target: '≥ 1.3× uWSGI + Django' });
    const low = makeResult({ name: 'hello-pool', value: 6400, unit: 'req/s', peer: 'uWSGI', peerValue: 5000, ratio: true, target: TARGETS.helloPool });
    expect(low.met).toBe(false);
  });

  it('leaves met null when the peer has no figure, and ratio null for differences', () => {
    expect(makeResult({ name: 'static', value: 9000, unit: 'req/s', peerValue: null, ratio: true, target: TARGETS.static })).toMatchObject({ ratio: null, met: null });
    expect(makeResult({ name: 'hop-pool-p50', value: 0.04, unit: 'ms', peerValue: 0.001, target: TARGETS.hopPool })).toMatchObject({ ratio: null, met: true });
    expect(makeResult({ name: 'open-lag-p99@2000', value: 1, unit: 'ms', target: TARGETS.openLagAt2000 }).met).toBe(false);
  });

  it('judges burst bias against the real stack plus 0.5 ms', () => {
    expect(makeResult({ name: 'burst-bias-p99', value: 3.4, unit: 'ms', peerValue: 3, target: TARGETS.burstBias }).met).toBe(true);
    expect(makeResult({ name: 'burst-bias-p99', value: 3.6, unit: 'ms', peerValue: 3, target: TARGETS.burstBias }).met).toBe(false);
  });
});
