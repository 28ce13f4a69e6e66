import { describe, expect, it } from 'vitest';
import { parseTimingHeaders, parseUpstreamSeconds } from '../../../src/load/index.js';
import { headersFromRaw, NO_TIMING } from '../../../src/load/timing-headers.js';

describe('timing headers', () => {
  it('parses and scales wall ms to scenario ms', () => {
    expect(parseTimingHeaders({ 'x-caplab-worker': '3', 'x-caplab-queue-ms': '12.5', 'x-caplab-service-ms': '100' }, 0.5)).toEqual({
      worker: 3,
      core: null,
      queueMs: 25,
      serviceMs: 200,
      connectMs: null,
    });
  });
  it('gives null for missing or malformed headers', () => {
    expect(parseTimingHeaders({}, 1)).toEqual(NO_TIMING);
    expect(parseTimingHeaders({ 'x-caplab-worker': '1.5', 'x-caplab-queue-ms': 'soon', 'x-caplab-service-ms': '' }, 1)).toEqual(NO_TIMING);
    expect(parseTimingHeaders({ 'x-caplab-worker': ['2', '3'] }, 1).worker).toBe(2);
  });
  it("reads the embedded pool's X-Caplab-Core as the 0-based thread, null when absent (real pools) or not a whole number ≥ 0", () => {
    expect(parseTimingHeaders({ 'x-caplab-worker': '2', 'x-caplab-core': '1' }, 1)).toMatchObject({ worker: 2, core: 1 });
    expect(parseTimingHeaders({ 'x-caplab-core': '0' }, 0.01).core).toBe(0);
    expect(parseTimingHeaders({ 'x-caplab-worker': '2' }, 1).core).toBeNull();
    for (const bad of ['1.5', '-1', 'two', '']) expect(parseTimingHeaders({ 'x-caplab-core': bad }, 1).core).toBeNull();
  });
  it('reads the upstream connect time in seconds, as nginx writes it, into scenario ms', () => {
    expect(parseTimingHeaders({ 'x-caplab-upstream-connect-time': '1.004' }, 1).connectMs).toBe(1004);
    expect(parseTimingHeaders({ 'x-caplab-upstream-connect-time': '0.000' }, 1).connectMs).toBe(0);
    // A 3 s SYN retry at time scale 0.01 is 300 s of scenario time.
    expect(parseTimingHeaders({ 'x-caplab-upstream-connect-time': '3.001' }, 0.01).connectMs).toBeCloseTo(300_100, 6);
  });
});

describe('parseUpstreamSeconds', () => {
  it.each([
    ['1.004', 1004],
    ['0.001', 1],
    ['2', 2000],
    [' 0.5 ', 500],
    ['1.000, 0.002', 1002],
    ['0.001 : 1.003', 1004],
    ['-, 0.004', 4],
  ])('%j is %d wall ms', (text, ms) => {
    expect(parseUpstreamSeconds(text)).toBe(ms);
  });
  it.each([[undefined], [''], ['-'], ['- , -'], ['soon'], ['1.0s'], ['-1'], ['1.2.3']])('%j is null', (text) => {
    expect(parseUpstreamSeconds(text)).toBeNull();
  });
  it('reads raw header lists case-insensitively', () => {
    expect(headersFromRaw(['X-Caplab-Worker', '4', 'Content-Type', 'text/plain'])).toEqual({ 'x-caplab-worker': '4', 'content-type': 'text/plain' });
  });
});
