import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCUST, parseRecordsText } from '../../../src/locust/index.js';
import { buildPlan, loadScenario } from '../../../src/scenario/index.js';
import { startStack } from '../../../src/stack/index.js';
import { runCli, startCli } from '../../helpers/cli.js';
import { alive, waitFor } from '../../helpers/processes.js';
import { FIXTURES, LOCUST_REASON, SKIP_LOCUST, watchLocust } from './locust-helpers.js';

/** Runs a program to its end (SIGKILL after `timeoutMs`); resolves with its exit code and output. */
function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd: string, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe.skipIf(SKIP_LOCUST)(`caplab export locust${LOCUST_REASON}`, () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-locust-export-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a locustfile that runs headless on Debian\'s Locust and sends every planned request of every phase kind', async () => {
    const scenario = path.join(FIXTURES, 'locust-export.yaml');
    const exported = await runCli(['export', 'locust', scenario, '-o', path.join(dir, 'out'), '--time-scale', '0.5', '--seed', '3']);
    expect(exported.code, exported.stderr).toBe(0);
    const locustfile = path.join(dir, 'out', 'locustfile.py');
    const source = await readFile(locustfile, 'utf8');
    expect(source).toContain('if not locust.__version__:\n');
    expect(source).toContain('locust.__version__ = locust.runners.__version__ = "2.12.1"');
    expect(await readFile(path.join(dir, 'out', 'README.md'), 'utf8')).toMatch(/closed#3: approximate/);

    const plan = buildPlan(await loadScenario(scenario), { file: scenario, timeScale: 0.5, seed: 3 });
    const stack = await startStack({ workers: 2, listen: 100, upstreamTimeoutMs: 2500, timeScale: 0.5, app: 'sample' });
    try {
      const records = path.join(dir, 'records.jsonl');
      const r = await run(LOCUST.path, ['-f', locustfile, '--headless', '--host', stack.url, '--only-summary'], { PATH: '/usr/bin:/bin', HOME: dir, CAPLAB_RECORDS: records }, dir, 60_000);
      expect(r.code, r.output).toBe(0);
      const file = parseRecordsText(records, await readFile(records, 'utf8'));
      expect(file.header).toMatchObject({ worker: 0, workers: 1, seed: 3, timeScale: 0.5 });
      expect(file.done).toBe(true);
      const count = (name: string): number => file.lines.filter((l) => l.phase === name).length;
      for (const phase of plan.phases.filter((p) => p.kind !== 'closed')) expect(count(phase.name), phase.name).toBe(phase.expectedRequests);
      expect(count('closed#3')).toBe(10);
      expect(file.lines.every((l) => l.status === 200)).toBe(true);
      // Caplab's timing headers came back, the queue wait computed from the X-Request-Start the locustfile sent.
      expect(file.lines.every((l) => l.worker !== undefined && l.queueMs !== undefined && l.serviceMs !== undefined)).toBe(true);
    } finally {
      await stack.stop();
    }
  }, 90_000);

  it('master-only: prints the worker command, and names the timeout when no worker connects; no Locust process is left', async () => {
    const child = startCli(['run', 'seed-three-slow-requests', '--time-scale', '0.05', '--engine', 'locust', '--locust-master-only', '--locust-workers', '2', '--locust-connect-timeout', '2', '--out', path.join(dir, 'master-only'), '--quiet']);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const watch = watchLocust(child.pid ?? -1);
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    watch.stop();
    expect(code).toBe(1);
    expect(stderr).toMatch(/\/usr\/bin\/locust -f \S+locustfile\.py --worker --master-host 127\.0\.0\.1 --master-port \d+/);
    expect(stderr).toContain('E_LOCUST_WORKERS: 0 of 2 Locust workers connected to the master within the 2 s timeout (--locust-connect-timeout)');
    expect(watch.seen.size).toBe(1);
    expect(await waitFor(() => [...watch.seen].every((p) => !alive(p)), 5000)).toBe(true);
  }, 60_000);
});
