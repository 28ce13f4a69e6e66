import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readStats } from '../../../src/pool/index.js';
import { descendants } from '../../helpers/cli.js';
import { firstLine } from '../../helpers/processes.js';
import { SKIP_REAL, SKIP_REASON, nginxPrefix, processesMatching, alive, waitUntil } from './helpers.js';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'start-real-stack.mjs');

interface Started {
  readonly poolPid: number;
  readonly poolPort: number;
  readonly statsPort: number;
  readonly proxyPid: number;
  readonly proxyPort: number;
}

describe.skipIf(SKIP_REAL)(`kill -9 of the process that started nginx and uWSGI${SKIP_REASON}`, () => {
  it('leaves no nginx or uWSGI process of that run, nor its temp dirs, within a few seconds', async () => {
    const child = spawn(process.execPath, [FIXTURE], { stdio: ['ignore', 'pipe', 'pipe'] });
    const line = await firstLine(child);
    const started = JSON.parse(line) as Started;

    // Both workers busy with the fixture's 60 s requests: the hardest case to stop.
    expect(await waitUntil(async () => {
      const stats = await readStats('127.0.0.1', started.statsPort);
      return stats.workers.every((w) => w.status === 'busy');
    }, 5000)).toBe(true);

    // keepers, nginx master + worker, uWSGI master + 2 workers
    const pids = await descendants(child.pid!);
    expect(pids.length).toBeGreaterThanOrEqual(7);
    expect(pids).toEqual(expect.arrayContaining([started.poolPid, started.proxyPid]));
    const prefix = nginxPrefix(started.proxyPid);
    expect(prefix).toMatch(/caplab-nginx-/);
    expect(processesMatching(`127.0.0.1:${started.poolPort}`).length).toBe(3);

    child.kill('SIGKILL');
    const gone = await waitUntil(() => pids.every((p) => !alive(p)), 8000);
    expect(gone, `still alive: ${pids.filter(alive).join(' ')}`).toBe(true);
    expect(processesMatching(`127.0.0.1:${started.poolPort}`)).toEqual([]);
    expect(processesMatching(prefix)).toEqual([]);
    expect(await waitUntil(() => !existsSync(prefix), 2000)).toBe(true);
  });
});
