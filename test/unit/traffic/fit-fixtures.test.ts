import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitLogWorkload, formatImportSummary } from '../../../src/traffic/index.js';
import { DEFAULT_SPEC, logLines, truthOf, writeLog } from '../../fixtures/logs/generate-logs.mjs';

/*
 * Tolerances, from the fixture's sample sizes (DEFAULT_SPEC: Poisson
 * arrivals at 20/s, 60/s in a 5-minute peak; 3 : 1 GET lognormal(median
 * 20 ms, σ 0.5) and POST gamma(mean 60 ms, Cs² 0.5)). In the peak window
 * n ≈ 60 × 300 = 18,000 pool-bound arrivals (13,500 GET, 4,500 POST).
 *  - peak λ: a Poisson count has sd √n, 0.75 % of it; picking the busiest
 *    window biases up by a sd or two, and a window off by k seconds loses
 *    k × 0.2 %. ±5 %.
 *  - Ca² from inter-arrival times (ms resolution): the delta-method sd of a
 *    squared CV of exponential gaps is 2/√n = 0.015 (gamma gaps of shape
 *    k: √((2/k² + 2/k³)/n), 0.003 for k = 4). Rounding $msec and
 *    $request_time to 1 ms adds about 0.33 ms² to a 16.7 ms gap's variance
 *    (+0.001). ±0.1 for Poisson, ±0.05 for Ca² = 0.25.
 *  - Ca² at 1 s resolution is the index of dispersion of 300 per-second
 *    counts: sd √(2/299) = 0.08. ±0.3.
 *  - Cs² (delta method with the distributions' first four moments): GET
 *    0.284 ± 0.0056 (sd), POST 0.5 ± 0.013, pool-wide mix 0.802 ± 0.016.
 *    ±0.04, ±0.08 and ±0.1 (about 6 sd each).
 */
const truth = truthOf();
let dir: string;
const files: Record<string, string> = {};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'caplab-logs-'));
  for (const format of ['nginx-combined-timed', 'nginx-json', 'uwsgi', 'gunicorn'] as const) {
    files[format] = path.join(dir, `${format}.log`);
    await writeLog(files[format], { format });
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const PEAK = { peakMs: DEFAULT_SPEC.peakDurationS * 1000 };

describe.each(['nginx-combined-timed', 'nginx-json', 'uwsgi', 'gunicorn'] as const)('a synthetic %s log', (format) => {
  it('is detected, and its peak λ, Ca² and Cs² are the truth within tolerance', async () => {
    const w = await fitLogWorkload([files[format] as string], { format: 'auto', ...PEAK });
    expect(w.format).toBe(format);
    expect(w.summary.counts.bad).toBe(0);
    expect(Math.abs(w.ratePerSec / truth.peakRate - 1)).toBeLessThan(0.05);
    expect(Math.abs(w.window.startMs - truth.peakStartMs)).toBeLessThan(10_000);
    expect(Math.abs(w.ca2 - truth.ca2)).toBeLessThan(format.startsWith('nginx') ? 0.1 : 0.3);
    expect(Math.abs(w.serviceCs2 - truth.serviceCs2)).toBeLessThan(0.1);
    const [get, post] = [truth.endpoints[0]!, truth.endpoints[1]!];
    const fitted = (m: string) => w.summary.endpoints.find((e) => e.method === m)!;
    expect(fitted('GET').path).toBe('/api/orders/:id');
    expect(Math.abs(fitted('GET').cs2 - get.cs2)).toBeLessThan(0.04);
    expect(Math.abs(fitted('POST').cs2 - post.cs2)).toBeLessThan(0.08);
    expect(Math.abs(fitted('GET').meanMs / get.mean - 1)).toBeLessThan(0.03);
    // Each endpoint is fitted by its own family; the pool-wide mix is neither.
    expect(fitted('GET').fit?.dist.dist).toBe('lognormal');
    expect(fitted('POST').fit?.dist.dist).toBe('gamma');
  });
});

describe('the nginx logs', () => {
  it('count static hits, retries, 4xx, 5xx and 499 in their shares', async () => {
    const w = await fitLogWorkload([files['nginx-combined-timed'] as string], { format: 'auto' });
    const c = w.summary.counts;
    // DEFAULT_SPEC: 20 % static; of pool-bound requests, 2 % retried, 1 % 499, 1 % 5xx, 3 % 4xx.
    expect(c.staticHits / c.parsed).toBeGreaterThan(0.18);
    expect(c.staticHits / c.parsed).toBeLessThan(0.22);
    const pool = c.parsed - c.staticHits;
    expect(c.retried / pool).toBeGreaterThan(0.015);
    expect(c.retried / pool).toBeLessThan(0.025);
    expect(c.status499 / pool).toBeGreaterThan(0.007);
    expect(c.status499 / pool).toBeLessThan(0.013);
    expect(w.summary.serviceSource).toBe('timing-header');
    expect(formatImportSummary(w.summary)).toMatch(/static (19|20|21)(\.\d+)?% \(not sent to the pool\)/);
  });

  it('without the service header, use $upstream_response_time and warn that it includes the backlog wait', async () => {
    const file = path.join(dir, 'upstream-only.log');
    await writeLog(file, { serviceHeader: false, waitMeanMs: 20 });
    const w = await fitLogWorkload([file], { format: 'auto', ...PEAK });
    expect(w.summary.serviceSource).toBe('upstream-response-time');
    expect(w.summary.warnings.join('\n')).toMatch(/includes the wait in the pool's backlog/);
    // The fitted mean is the service time plus the 20 ms wait: overstated, as the warning says.
    expect(w.summary.serviceMeanMs / (truth.serviceMeanMs + 20)).toBeGreaterThan(0.95);
  });

  it('read a renewal process: Ca² = 0.25 (gamma gaps) is found from $msec − $request_time', async () => {
    const file = path.join(dir, 'smooth.log');
    await writeLog(file, { arrivalCa2: 0.25 });
    const w = await fitLogWorkload([file], { format: 'auto', ...PEAK });
    expect(Math.abs(w.ca2 - 0.25)).toBeLessThan(0.05);
    expect(w.summary.dispersion).toBeLessThan(0.5);
  });
});

describe('several files', () => {
  it('reads rotated logs (one gzipped) in any order, as one', async () => {
    const all = [...logLines({ durationS: 600, peakStartS: 200, peakDurationS: 120 })];
    const half = Math.floor(all.length / 2);
    const older = path.join(dir, 'access.log.1.gz');
    const newer = path.join(dir, 'access.log');
    await writeFile(newer, `${all.slice(half).join('\n')}\n`);
    const { createGzip } = await import('node:zlib');
    const { pipeline } = await import('node:stream/promises');
    const { Readable } = await import('node:stream');
    const { createWriteStream } = await import('node:fs');
    await pipeline(Readable.from([`${all.slice(0, half).join('\n')}\n`]), createGzip(), createWriteStream(older));
    const w = await fitLogWorkload([newer, older], { format: 'auto', peakMs: 120_000 });
    expect(w.files).toEqual([older, newer]);
    expect(w.summary.counts.parsed).toBe(all.length);
    expect(Math.abs(w.ratePerSec / truth.peakRate - 1)).toBeLessThan(0.1);
  });
});

describe('bad lines', () => {
  it('are counted, the first named with its file and line, and not fatal', async () => {
    const file = path.join(dir, 'some-bad.log');
    await writeLog(file, { durationS: 60, badAfter: [10, 20, 30] });
    const w = await fitLogWorkload([file], { format: 'auto' });
    expect(w.summary.counts.bad).toBe(3);
    expect(w.summary.counts.firstBad).toBe(`${file}:11: matches no line of the nginx-combined-timed format`);
  });

  it('before the first good line are named as matching no known format', async () => {
    const file = path.join(dir, 'bad-first.log');
    const lines = [...logLines({ durationS: 30 })];
    await writeFile(file, ['garbage', ...lines].join('\n'));
    const w = await fitLogWorkload([file], { format: 'auto' });
    expect(w.summary.counts.firstBad).toMatch(/bad-first\.log:1: matches no known format/);
  });
});

describe('windows', () => {
  it('--from/--to restrict the fit to that range', async () => {
    const w = await fitLogWorkload([files['nginx-combined-timed'] as string], { format: 'auto', fromMs: DEFAULT_SPEC.startMs, toMs: DEFAULT_SPEC.startMs + 300_000 });
    expect(Math.abs(w.ratePerSec / truth.baseRate - 1)).toBeLessThan(0.05);
    // The window starts at the first arrival at or after --from (the log's first line), and ends at --to.
    expect(w.window.startMs - DEFAULT_SPEC.startMs).toBeGreaterThanOrEqual(0);
    expect(w.window.startMs - DEFAULT_SPEC.startMs).toBeLessThan(1_000);
    expect(w.window.endMs).toBe(DEFAULT_SPEC.startMs + 300_000);
  });
});
