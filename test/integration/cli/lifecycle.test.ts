import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/results/index.js';
import { alive, descendants, startCli, waitFor } from '../../helpers/cli.js';

/** Starts the seed run (about 4 s of wall time) and waits until proxy, master and both workers are up. */
async function startSeedRun(): Promise<{ child: ReturnType<typeof startCli>; pids: number[]; out: string }> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'caplab-life-'));
  const child = startCli(['run', 'seed-three-slow-requests', '--time-scale', '0.2', '--out', out, '--quiet']);
  child.stdout?.resume();
  child.stderr?.resume();
  let pids: number[] = [];
  // proxy + master + 2 workers
  const up = await waitFor(async () => {
    pids = await descendants(child.pid!);
    return pids.length >= 4;
  }, 15_000);
  expect(up, `expected 4 descendant processes, saw ${pids.length}`).toBe(true);
  return { child, pids, out };
}

describe('process lifecycle', () => {
  it('leaves nothing running after caplab run exits', async () => {
    const { child, pids } = await startSeedRun();
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(0);
    expect(await waitFor(() => pids.every((p) => !alive(p)), 5000), `still alive: ${pids.filter(alive).join(' ')}`).toBe(true);
  });

  it('leaves nothing running after caplab run is killed with SIGKILL', async () => {
    const { child, pids } = await startSeedRun();
    child.kill('SIGKILL');
    expect(await waitFor(() => pids.every((p) => !alive(p)), 5000), `still alive: ${pids.filter(alive).join(' ')}`).toBe(true);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('stops cleanly on %s, writes what it measured marked aborted, and exits %i', async (signal, exitCode) => {
    const { child, pids, out } = await startSeedRun();
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.kill(signal);
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(exitCode);
    expect(stderr).toMatch(new RegExp(`^caplab: E_INTERRUPTED: interrupted by ${signal}`, 'm'));
    const result = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as RunResult;
    expect(result.aborted).toBe('interrupted');
    expect(await waitFor(() => pids.every((p) => !alive(p)), 5000)).toBe(true);
  });
});
