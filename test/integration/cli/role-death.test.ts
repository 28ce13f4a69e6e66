import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/results/index.js';
import { alive, descendants, startCli, waitFor } from '../../helpers/cli.js';

/** The pid among `pids` whose command line runs `script`, or undefined. */
async function findByScript(pids: readonly number[], script: string): Promise<number | undefined> {
  for (const pid of pids) {
    const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmd.includes(script)) return pid;
  }
  return undefined;
}

/** Lines in a file, 0 if it does not exist yet. */
async function lines(file: string): Promise<number> {
  return (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
}

describe('a role that dies mid-run', () => {
  it('kill -9 of the pool master: the run stops, keeps what it measured marked aborted, names the master, exits 1', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-death-'));
    const marks = path.join(dir, 'served.txt');
    // A user's app gets no warm-up, so each line in `marks` is a request of the measured load.
    const app = path.join(dir, 'mark-app.mjs');
    await writeFile(app, `import { appendFileSync } from 'node:fs';\nexport function handler() {\n  appendFileSync(${JSON.stringify(marks)}, 'x\\n');\n  return { status: 200, headers: {}, body: 'ok' };\n}\n`);
    const scenario = path.join(dir, 'die.yaml');
    await writeFile(scenario, 'name: die\nload:\n  - open: { rate: 10, duration: 30s, path: /work }\n');
    const out = path.join(dir, 'out');
    const child = startCli(['run', scenario, '--app', app, '--time-scale', '0.5', '--out', out, '--quiet']);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));

    expect(await waitFor(async () => (await lines(marks)) >= 5, 20_000), 'the load never reached the app').toBe(true);
    const pids = await descendants(child.pid!);
    const master = await findByScript(pids, 'master-main.js');
    expect(master, `no pool master among ${pids.join(' ')}`).toBeDefined();
    process.kill(master!, 'SIGKILL');

    // 30 s of scenario at 0.5 would take 15 s; the run must stop well before.
    const code = await exited;
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^caplab: E_ROLE_DIED: pool master \\(pid ${master}\\) died \\(SIGKILL\\) at t = \\d+\\.\\d s`, 'm'));
    expect(stderr).not.toMatch(/\n\s+at /);
    const result = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as RunResult;
    expect(result.aborted).toBe('pool master died');
    expect(result.summary.count).toBeGreaterThanOrEqual(5);
    expect(result.summary.count).toBeLessThan(300);
    expect(stdout).toMatch(/p99/);
    expect(stdout).toContain(path.join(out, 'results.json'));
    expect(existsSync(path.join(out, '.caplab-run'))).toBe(false);
    expect(await waitFor(() => pids.every((p) => !alive(p)), 5000), `still alive: ${pids.filter(alive).join(' ')}`).toBe(true);
  });
});
