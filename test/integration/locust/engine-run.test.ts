import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizePhases, summarizeRequests, type RunResult } from '../../../src/results/index.js';
import { startCli } from '../../helpers/cli.js';
import { alive, commandLine, descendants, waitFor } from '../../helpers/processes.js';
import { FIXTURES, LOCUST_REASON, SKIP_LOCUST, readJson, watchLocust } from './locust-helpers.js';

/** Runs the CLI to its end, watching every Locust process it starts; resolves with its exit, output and those pids. */
async function runWatched(args: readonly string[], during?: (pid: number) => Promise<void>): Promise<{ code: number | null; stdout: string; stderr: string; locust: number[] }> {
  const child = startCli(args);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  const watch = watchLocust(child.pid ?? -1);
  try {
    if (during) await during(child.pid ?? -1);
    const code = await exited;
    return { code, stdout, stderr, locust: [...watch.seen] };
  } finally {
    watch.stop();
    child.kill('SIGKILL');
  }
}

describe.skipIf(SKIP_LOCUST)(`caplab run --engine locust${LOCUST_REASON}`, () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-locust-run-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs the seed on a master and 2 workers: 10 / 10 / 20 s, every worker\'s records merged exactly, no Locust process left', async () => {
    const out = path.join(dir, 'seed');
    const r = await runWatched(['run', 'seed-three-slow-requests', '--engine', 'locust', '--locust-workers', '2', '--time-scale', '0.05', '--out', out, '--quiet', '--no-html']);
    expect(r.code, r.stderr).toBe(0);
    const result = await readJson<RunResult>(path.join(out, 'results.json'));
    expect(result.engine).toMatchObject({ name: 'locust', workers: 2 });
    expect(result.engine?.version).toMatch(/^2\.\d+/);
    expect(result.engine?.degraded).toBeUndefined();

    const latencies = result.requests.map((q) => q.latencyMs).sort((a, b) => a - b);
    expect(result.requests.map((q) => q.status)).toEqual([200, 200, 200]);
    // 10 / 10 / 20 s at time scale 0.05, where 1 ms of wall time (a Python worker opening a connection on a loaded machine) is 20 ms.
    expect(latencies[0]! / 10_000).toBeGreaterThan(0.98);
    expect(latencies[0]! / 10_000).toBeLessThan(1.15);
    expect((latencies[1]! - latencies[0]!) / latencies[0]!).toBeLessThan(0.15);
    expect(latencies[2]! / latencies[0]!).toBeGreaterThan(1.7);
    expect(latencies[2]! / latencies[0]!).toBeLessThan(2.3);
    expect(Math.max(...result.requests.map((q) => q.queueMs ?? 0)) / 10_000).toBeGreaterThan(0.9);
    // The embedded pool names the thread that served each request (X-Caplab-Core); one thread per worker is thread 0.
    expect(result.requests.map((q) => q.core)).toEqual([0, 0, 0]);

    // Both workers sent (requests 0, 2 and 1 of the burst), and the merge lost and averaged nothing.
    expect(result.engine?.workerRecords).toHaveLength(2);
    expect([...(result.engine?.workerRecords ?? [])].sort()).toEqual([1, 2]);
    expect(result.summary.count).toBe(3);
    expect(result.sampling).toEqual({ total: 3, kept: 3, sampled: false });
    expect(summarizeRequests(result.requests)).toEqual(result.summary);
    expect(summarizePhases(result.requests, result.plan.phases)).toEqual(result.phases);

    expect(r.locust.length, 'a master and 2 workers').toBe(3);
    expect(await waitFor(() => r.locust.every((p) => !alive(p)), 5000)).toBe(true);
  }, 60_000);

  it('starts a phase after every worker\'s earlier ones, sends an open Poisson phase in full (within 3σ of rate × duration) and splits a closed phase\'s amount exactly across 2 workers', async () => {
    const out = path.join(dir, 'poisson');
    const r = await runWatched(['run', path.join(FIXTURES, 'locust-poisson.yaml'), '--engine', 'locust', '--locust-workers', '2', '--out', out, '--quiet', '--no-html']);
    expect(r.code, r.stderr).toBe(0);
    const result = await readJson<RunResult>(path.join(out, 'results.json'));
    const [burst, open, closed] = result.phases;
    // Worker 0 sent burst requests 0 and 2 (the third ends at about 1.2 s), worker 1 request 1 (about 0.6 s):
    // neither starts the open phase before the last burst answer, as caplab's own engine would not.
    expect(burst?.summary.count).toBe(3);
    const burstEnd = Math.max(...result.requests.filter((q) => q.phase === 'burst#0').map((q) => q.scheduledMs + q.latencyMs));
    expect(burstEnd).toBeGreaterThan(1100);
    expect(Math.min(...result.requests.filter((q) => q.phase === 'open#1').map((q) => q.scheduledMs))).toBeGreaterThanOrEqual(burstEnd - 1);
    const expected = 60 * 4;
    expect(Math.abs((open?.summary.count ?? 0) - expected)).toBeLessThanOrEqual(3 * Math.sqrt(expected));
    // Locust sends caplab's own schedule: exactly the planned arrivals.
    expect(open?.summary.count).toBe(result.plan.phases[1]?.expectedRequests);
    expect(closed?.summary.count).toBe(25);
    expect(result.summary.errors).toBe(0);
    const workerRecords = result.engine?.workerRecords ?? [];
    expect(workerRecords.reduce((a, b) => a + b, 0)).toBe(result.summary.count);
    expect(Math.min(...workerRecords)).toBeGreaterThan(0.3 * result.summary.count);
    // Latency counts from the scheduled time, so the open phase's lag shows: small on an idle loopback.
    const lags = result.requests.filter((q) => q.phase === 'open#1').map((q) => q.sentMs - q.scheduledMs).sort((a, b) => a - b);
    expect(lags[Math.floor(lags.length / 2)]).toBeLessThan(20);
    expect(await waitFor(() => r.locust.every((p) => !alive(p)), 5000)).toBe(true);
  }, 60_000);

  it('keeps a worker\'s records when it is killed mid-run: the run finishes, marked degraded, and nothing is left running', async () => {
    const out = path.join(dir, 'killed');
    let killed = -1;
    let recordsFile = '';
    const r = await runWatched(['run', path.join(FIXTURES, 'locust-steady.yaml'), '--engine', 'locust', '--locust-workers', '2', '--out', out, '--quiet', '--no-html'], async (pid) => {
      const found = await waitFor(async () => {
        const worker = (await descendants(pid)).find((p) => alive(p) && commandLine(p).includes('--worker'));
        if (worker === undefined) return false;
        const env = await readFile(`/proc/${worker}/environ`, 'utf8').catch(() => '');
        recordsFile = /(?:^|\0)CAPLAB_RECORDS=([^\0]+)/.exec(env)?.[1] ?? '';
        killed = worker;
        return recordsFile !== '';
      }, 20_000);
      expect(found, 'no Locust worker started').toBe(true);
      const sent = await waitFor(async () => (await readFile(recordsFile, 'utf8').catch(() => '')).split('\n').length > 12, 20_000);
      expect(sent, 'the worker never recorded 10 requests').toBe(true);
      process.kill(killed, 'SIGKILL');
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`degraded: Locust worker \\d \\(pid ${killed}\\) was killed \\(SIGKILL\\)`));
    const result = await readJson<RunResult>(path.join(out, 'results.json'));
    expect(result.engine?.degraded).toMatch(/was killed \(SIGKILL\) at t = [\d.]+ s; its \d+ records are kept/);
    const [a = 0, b = 0] = result.engine?.workerRecords ?? [];
    // 120 planned, 60 per worker: the survivor sent its whole share, the killed one part of it.
    expect(Math.max(a, b)).toBe(60);
    expect(Math.min(a, b)).toBeGreaterThanOrEqual(10);
    expect(Math.min(a, b)).toBeLessThan(60);
    expect(result.summary.count).toBe(a + b);
    expect(r.locust.length).toBe(3);
    expect(await waitFor(() => r.locust.every((p) => !alive(p)), 5000)).toBe(true);
  }, 60_000);
});
