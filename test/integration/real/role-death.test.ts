import { afterEach, describe, expect, it } from 'vitest';
import { readProcStat } from '../../../src/process/index.js';
import { startStack, type RoleDeath, type RunningStack } from '../../../src/stack/index.js';
import { groupMembers } from '../../../src/stack/real/process-group.js';
import { alive, waitFor } from '../../helpers/processes.js';
import { SKIP_REAL, SKIP_REASON } from './helpers.js';

/** Issue 9, item 9: Debian's nginx and uWSGI, and the keepers above them, are watched too. */
let stack: RunningStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

const CONFIG = { workers: 1, listen: 100, upstreamTimeoutMs: 10_000, timeScale: 1, app: 'sample', proxy: 'nginx', pool: 'uwsgi' } as const;

function diedWithin(s: RunningStack, ms: number): Promise<RoleDeath | 'still running'> {
  return Promise.race([s.died, new Promise<'still running'>((r) => setTimeout(() => r('still running'), ms).unref())]);
}

describe.skipIf(SKIP_REAL)(`RunningStack.died with the real programs${SKIP_REASON}`, () => {
  it("names uWSGI's master as the pool master when it is killed with SIGKILL", async () => {
    stack = await startStack(CONFIG);
    const uwsgi = stack.pids[stack.pids.length - 1]!;
    process.kill(uwsgi, 'SIGKILL');
    expect(await diedWithin(stack, 10_000)).toEqual({ role: 'pool master', pid: uwsgi, code: null, signal: 'SIGKILL' });
  });

  it("names nginx's master as the proxy when it exits", async () => {
    stack = await startStack(CONFIG);
    const nginx = stack.pids[0]!;
    process.kill(nginx, 'SIGKILL');
    expect(await diedWithin(stack, 10_000)).toEqual({ role: 'proxy', pid: nginx, code: null, signal: 'SIGKILL' });
  });

  it('names the keeper when a keeper is killed with SIGKILL, and its program is still ended', async () => {
    stack = await startStack(CONFIG);
    const nginx = stack.pids[0]!;
    const keeper = readProcStat(nginx)!.ppid;
    const members = groupMembers(nginx);
    expect(members.length).toBeGreaterThanOrEqual(2); // nginx's master and a worker
    process.kill(keeper, 'SIGKILL');
    expect(await diedWithin(stack, 10_000)).toEqual({ role: 'keeper', pid: keeper, code: null, signal: 'SIGKILL' });
    expect(await waitFor(() => !members.some(alive), 10_000), `still alive: ${members.filter(alive).join(', ')}`).toBe(true);
  });
});
