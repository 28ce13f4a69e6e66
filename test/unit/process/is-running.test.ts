import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { isRunning, readProcStat } from '../../../src/process/index.js';
import { alive, waitFor } from '../../helpers/processes.js';

/** Issue 9, item 14: one process-alive check, and a zombie counts as dead. */
const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

describe('isRunning', () => {
  it('is false for a zombie, which kill(pid, 0) still finds', async () => {
    // `sleep 0` ends at once, but its parent (exec'd into `sleep 30`) never reaps it.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    started.push(parent.pid!);
    const zombie = await new Promise<number>((resolve) => parent.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
    expect(await waitFor(() => readProcStat(zombie)?.state === 'Z', 5_000)).toBe(true);
    expect(() => process.kill(zombie, 0)).not.toThrow();
    expect(isRunning(zombie)).toBe(false);
    expect(isRunning(parent.pid!)).toBe(true);
  });

  it('is true for this process, false for a pid that does not exist or is not a pid', () => {
    expect(isRunning(process.pid)).toBe(true);
    expect(isRunning(2 ** 22 + 1)).toBe(false);
    expect(isRunning(0)).toBe(false);
    expect(isRunning(-1)).toBe(false);
  });

  it("is the tests' alive()", () => {
    expect(alive).toBe(isRunning);
  });
});
