import { afterEach, describe, expect, it } from 'vitest';
import { startStack, type RoleDeath, type RunningStack } from '../../../src/stack/index.js';
import { alive, waitFor } from '../../helpers/processes.js';

/** Issue 9, item 9 and defect 3: a role that dies mid-run is noticed, and named. */
let stack: RunningStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

const CONFIG = { workers: 1, listen: 100, upstreamTimeoutMs: 10_000, timeScale: 1, app: 'sample' } as const;

/** `died`, or 'still running' if it has not resolved within `ms`. */
function diedWithin(s: RunningStack, ms: number): Promise<RoleDeath | 'still running'> {
  return Promise.race([s.died, new Promise<'still running'>((r) => setTimeout(() => r('still running'), ms).unref())]);
}

describe('RunningStack.died', () => {
  it('names the pool master, its pid and the signal, when the master is killed with SIGKILL mid-request', async () => {
    stack = await startStack(CONFIG);
    const master = stack.pids[stack.pids.length - 1]!;
    const pending = fetch(`${stack.url}/sleep?ms=5000`).then((r) => r.status, () => 0);
    expect(await waitFor(async () => (await stack!.sample()).busy === 1)).toBe(true);
    process.kill(master, 'SIGKILL');
    expect(await diedWithin(stack, 5_000)).toEqual({ role: 'pool master', pid: master, code: null, signal: 'SIGKILL' });
    expect([0, 502]).toContain(await pending);
  });

  it('names the proxy when the proxy process is killed', async () => {
    stack = await startStack(CONFIG);
    const proxy = stack.pids[0]!;
    process.kill(proxy, 'SIGKILL');
    expect(await diedWithin(stack, 5_000)).toEqual({ role: 'proxy', pid: proxy, code: null, signal: 'SIGKILL' });
  });

  it('never resolves for roles ended by stop()', async () => {
    stack = await startStack(CONFIG);
    const pids = [...stack.pids];
    await stack.stop();
    expect(await waitFor(() => !pids.some(alive), 5_000)).toBe(true);
    expect(await diedWithin(stack, 1_000)).toBe('still running');
  });
});
