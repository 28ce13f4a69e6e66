import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { childrenOf } from '../../../src/process/index.js';
import { ProcessTracker, readProcessUsage } from '../../../src/fuzz/index.js';

describe.skipIf(process.platform !== 'linux')('process usage from /proc', () => {
  it('reads RSS and fds of a live process, and nothing for a missing one', () => {
    const usage = readProcessUsage(process.pid);
    expect(usage!.rssKiB).toBeGreaterThan(1000);
    expect(usage!.fds).toBeGreaterThanOrEqual(3);
    expect(readProcessUsage(2 ** 22 + 1)).toBeUndefined();
  });

  it('lists the children of a process', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], { stdio: 'ignore' });
    try {
      expect(childrenOf(process.pid)).toContain(child.pid);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('tracks start, end and max per process', () => {
    const tracker = new ProcessTracker();
    tracker.sample([{ role: 'me', pid: process.pid }, { role: 'gone', pid: 2 ** 22 + 1 }]);
    const held = Buffer.alloc(64 * 1024 * 1024, 1);
    tracker.sample([{ role: 'me', pid: process.pid }]);
    const [me, ...rest] = tracker.report();
    expect(rest).toEqual([]);
    expect(me).toMatchObject({ role: 'me', pid: process.pid, samples: 2 });
    expect(me!.rssKiB.max).toBe(Math.max(me!.rssKiB.start, me!.rssKiB.end));
    expect(me!.rssKiB.end - me!.rssKiB.start).toBeGreaterThan(30_000);
    expect(held.length).toBeGreaterThan(0);
  });
});
