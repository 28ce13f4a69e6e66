import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { childrenRssBytes } from '../../../src/process/index.js';
import { alive, waitFor } from '../../helpers/processes.js';

describe('childrenRssBytes', () => {
  it('reads the RSS of each live child of a process, and nothing once they are gone', async () => {
    // a shell with two sleeping children, as a gunicorn master with two workers (in its own group, killed whole below)
    const sh = spawn('/bin/sh', ['-c', 'sleep 30 & sleep 30 & wait'], { stdio: 'ignore', detached: true });
    try {
      expect(await waitFor(() => childrenRssBytes(sh.pid!).length === 2, 5_000)).toBe(true);
      for (const bytes of childrenRssBytes(sh.pid!)) {
        // a sleep(1) holds a few hundred KiB to a few MiB resident, in whole KiB
        expect(bytes).toBeGreaterThan(64 * 1024);
        expect(bytes).toBeLessThan(64 * 1024 * 1024);
        expect(bytes % 1024).toBe(0);
      }
      expect(childrenRssBytes(process.pid).length).toBeGreaterThanOrEqual(1);
    } finally {
      process.kill(-sh.pid!, 'SIGKILL');
    }
    expect(await waitFor(() => !alive(sh.pid!), 5_000)).toBe(true);
    expect(childrenRssBytes(sh.pid!)).toEqual([]);
  });
});
