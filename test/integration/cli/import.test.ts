import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/results/index.js';
import { parseTraceFile } from '../../../src/scenario/index.js';
import { CLI, runCli, type CliResult } from '../../helpers/cli.js';
import { DEFAULT_SPEC, writeLog } from '../../fixtures/logs/generate-logs.mjs';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-import-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Exit 2, one line naming the file and line (plus a hint line), no stack trace. */
function expectLogError(r: CliResult, where: RegExp): void {
  expect(r.code).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines.length).toBeLessThanOrEqual(2);
  expect(lines[0]).toMatch(/^caplab: E_LOG_INVALID: /);
  expect(lines[0]).toMatch(where);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('caplab import: bad input exits 2 with one line naming file and line', () => {
  const write = async (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    await writeFile(file, content);
    return file;
  };
  const run = (args: string[]) => runCli(['import', ...args, '-o', path.join(dir, 'out.yaml')]);

  it('an empty log', async () => {
    expectLogError(await run([await write('empty.log', '')]), /empty\.log:1: the log is empty/);
  });

  it('a binary file', async () => {
    expectLogError(await run([await write('image.log', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))]), /image\.log:1: binary data/);
  });

  it('a log with no timing fields (plain combined)', async () => {
    const file = await write('plain.log', '10.0.0.1 - - [30/Nov/2026:14:00:01 +0000] "GET / HTTP/1.1" 200 5 "-" "curl/8"\n');
    expectLogError(await run([file]), /plain\.log:1: an nginx combined line without \$request_time \$upstream_response_time/);
  });

  it('a --format that does not match', async () => {
    const file = path.join(dir, 'nginx.log');
    await writeLog(file, { durationS: 20 });
    expectLogError(await run(['--format', 'gunicorn', file]), /nginx\.log:1: the line is nginx-combined-timed, not gunicorn as --format says/);
  });

  it('an impossible peak window, and a --from/--to outside the log', async () => {
    const file = path.join(dir, 'short.log');
    await writeLog(file, { durationS: 20 });
    expectLogError(await run(['--peak', '1h', file]), /short\.log: a 60m peak window is longer than the [\d.]+s of log/);
    expectLogError(await run(['--from', '2020-01-01T00:00:00Z', '--to', '2020-01-02T00:00:00Z', file]), /short\.log: the window .* is outside the log/);
  });

  it('a bad flag value is E_FLAG', async () => {
    const r = await run(['--speed', 'fast', path.join(dir, 'short.log')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--speed must be a speed like 1x/);
  });
});

describe('caplab import, then caplab run', () => {
  it('writes a trace scenario whose run at speed 10x keeps the logged order and spacing, measured against predicted', async () => {
    const log = path.join(dir, 'small.log');
    await writeLog(log, {
      durationS: 60,
      baseRate: 1,
      peakRate: 4,
      peakStartS: 20,
      peakDurationS: 30,
      endpoints: [
        { method: 'GET', path: '/api/items/{id}', weight: 2, service: { dist: 'lognormal', median: 50, sigma: 0.4 } },
        { method: 'POST', path: '/api/items', weight: 1, service: { dist: 'constant', value: 80 } },
      ],
    });
    const gz = path.join(dir, 'small.log.gz');
    await writeFile(gz, gzipSync(await readFile(log)));
    const scenario = path.join(dir, 'small.yaml');
    const imported = await runCli(['import', gz, '--peak', '30s', '--speed', '10x', '-o', scenario]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/Window: the busiest 30s/);
    expect(imported.stdout).toMatch(/POST \/api\/items: \d+ .* constant 80ms/);
    const yaml = await readFile(scenario, 'utf8');
    expect(yaml).toMatch(/description: \|-?\n {2}Imported /);
    expect(yaml).toMatch(/- trace:\n\s+file: small\.trace\.tsv\n\s+speed: 10x/);
    const parsed = parseTraceFile(await readFile(path.join(dir, 'small.trace.tsv'), 'utf8'));
    if (!('trace' in parsed)) throw new Error(parsed.problems.join('\n'));
    const { trace } = parsed;

    const out = path.join(dir, 'run');
    const r = await runCli(['run', scenario, '--workers', '4', '--time-scale', '0.5', '--out', out], { timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/predicted vs measured/);
    const result = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as RunResult;
    const sent = [...result.requests].sort((a, b) => a.id - b.id);
    expect(sent).toHaveLength(trace.atMs.length);
    // Planned: the n-th request is the n-th logged one, at its logged time ÷ 10.
    sent.forEach((q, i) => {
      expect(q.scheduledMs).toBeCloseTo((trace.atMs[i] as number) / 10, 6);
      const url = new URL(q.path, 'http://x');
      expect(url.pathname).toBe('/sleep');
      expect(url.searchParams.get('from')).toBe(trace.endpoints[trace.endpoint[i] as number]!.path);
      expect(Number(url.searchParams.get('ms'))).toBeCloseTo(trace.serviceMs[i] as number, 1);
    });
    // Sent: in the same order, and spread over the same span (the generator's lag is a few ms).
    for (let i = 1; i < sent.length; i += 1) expect(sent[i]!.sentMs).toBeGreaterThanOrEqual(sent[i - 1]!.sentMs);
    const span = (xs: number[]) => xs[xs.length - 1]! - xs[0]!;
    const ratio = span(sent.map((q) => q.sentMs)) / span(sent.map((q) => q.scheduledMs));
    expect(ratio).toBeGreaterThan(0.9);
    expect(ratio).toBeLessThan(1.1);
    expect(result.predictions).toBeTruthy();
  });
});

describe('caplab import: volume', () => {
  it('streams 200,000 lines (44 MB of JSON) with the V8 heap capped at 24 MiB, in seconds', async () => {
    const log = path.join(dir, 'big.log');
    const lines = await writeLog(log, { format: 'nginx-json', lines: 200_000, durationS: DEFAULT_SPEC.durationS + 10_000 });
    expect(lines).toBe(200_000);
    // Keeping the lines (or an object per line) would need far more than 24 MiB of heap; the kept
    // numbers live in typed arrays outside it. Measured on this machine: 1e6 lines in about 3 s, 200 MB peak RSS.
    const started = Date.now();
    const r = await new Promise<CliResult>((resolve) => {
      const child = spawn(process.execPath, ['--max-old-space-size=24', CLI, 'import', log, '--peak', '1m', '-o', path.join(dir, 'big.yaml')], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
    expect(r.stderr.slice(0, 500)).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/lines: 200000 read, 200000 parsed, 0 bad/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
