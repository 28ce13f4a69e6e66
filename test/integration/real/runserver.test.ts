import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRealPrograms } from '../../../src/stack/real/index.js';
import { startStack, type RunningStack } from '../../../src/stack/index.js';
import { isCaplabError } from '../../../src/errors.js';
import { timedGet, type Timed } from './helpers.js';

// Django's development server as the pool, behind caplab's proxy (over
// HTTP): the "why not in production" lesson. Sleeps of 10 s scaled to
// 500 ms; CPU burns of 6 s scaled to 300 ms of CPU time each.
const TIME_SCALE = 0.05;
const SERVICE_MS = 10_000 * TIME_SCALE;
const CPU_MS = 6000 * TIME_SCALE;

const found = checkRealPrograms();
// In CI the packages are installed, and a skip would hide a failure.
const SKIP = !found.django && process.env.CI !== 'true';
const REASON = SKIP ? ' (SKIPPED: Django is missing; apt-get install python3-django)' : '';

async function start(threading: boolean): Promise<RunningStack> {
  const stack = await startStack({ workers: 2, listen: 100, upstreamTimeoutMs: 30_000, timeScale: TIME_SCALE, app: 'sample', pool: 'runserver', threading });
  expect((await timedGet(`${stack.url}/hello`)).status).toBe(200);
  return stack;
}

/** Sends `n` requests at once; returns their end times from the send, in finishing order. */
async function simultaneous(url: string, n: number): Promise<{ ends: number[]; all: Timed[] }> {
  const t0 = performance.now();
  const all = await Promise.all(Array.from({ length: n }, () => timedGet(url)));
  return { ends: all.map((r) => r.endMs - t0).sort((a, b) => a - b), all };
}

/** Samples the stack until `seen` holds for a sample or `done` settles; true if it held. */
async function sampledWhile(stack: RunningStack, done: Promise<unknown>, seen: (s: { queue: number; busy: number }) => boolean): Promise<boolean> {
  let finished = false;
  void done.finally(() => (finished = true));
  while (!finished) {
    if (seen(await stack.sample())) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return false;
}

describe.skipIf(SKIP)(`runserver --nothreading${REASON}`, () => {
  let stack: RunningStack;
  beforeAll(async () => void (stack = await start(false)));
  afterAll(() => stack?.stop());

  it('serves the seed one request at a time: three simultaneous sleeps end at about 1 : 2 : 3, one process as a one-worker queue', async () => {
    expect(stack.describe).toMatchObject({ pool: 'runserver --nothreading', app: 'django', workers: 1, listen: 10, observed: { queue: 'exact', busy: 'estimated' } });
    const run = simultaneous(`${stack.url}/sleep?ms=10000`, 3);
    // the sampler sees one in service and two in the kernel's accept queue
    expect(await sampledWhile(stack, run, (s) => s.busy === 1 && s.queue === 2)).toBe(true);
    const { ends, all } = await run;
    const [first, second, third] = ends as [number, number, number];
    console.info(`runserver --nothreading seed: finished at ${ends.map((t) => t.toFixed(0)).join(', ')} ms (service ${SERVICE_MS} ms)`);
    expect(all.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(first).toBeGreaterThanOrEqual(SERVICE_MS * 0.95);
    // each waits for every one before it: gaps of one service time
    expect((second - first) / SERVICE_MS).toBeGreaterThan(0.8);
    expect((second - first) / SERVICE_MS).toBeLessThan(1.4);
    expect((third - second) / SERVICE_MS).toBeGreaterThan(0.8);
    expect((third - second) / SERVICE_MS).toBeLessThan(1.4);
    expect(third / first).toBeGreaterThan(2.5);
    expect(third / first).toBeLessThan(3.5);
  });

  it("returns caplab's timing headers through the WSGI wrapper: the third request waited two service times", async () => {
    const all = await Promise.all(Array.from({ length: 3 }, () => timedGet(`${stack.url}/sleep?ms=10000`)));
    const queue = all.map((r) => Number(r.headers['x-caplab-queue-ms'])).sort((a, b) => a - b);
    const service = all.map((r) => Number(r.headers['x-caplab-service-ms']));
    for (const s of service) expect(s / SERVICE_MS).toBeGreaterThan(0.95);
    expect(queue[0]! / SERVICE_MS).toBeLessThan(0.3);
    expect(queue[2]! / SERVICE_MS).toBeGreaterThan(1.7);
    expect(new Set(all.map((r) => r.headers['x-caplab-worker'])).size).toBe(1);
  });
});

describe.skipIf(SKIP)(`runserver, threaded${REASON}`, () => {
  let stack: RunningStack;
  beforeAll(async () => void (stack = await start(true)));
  afterAll(() => stack?.stop());

  it('gives each request a thread: three simultaneous sleeps all end together, after one service time (1 : 1 : 1)', async () => {
    expect(stack.describe).toMatchObject({ pool: 'runserver', workers: 1, listen: 10 });
    const run = simultaneous(`${stack.url}/sleep?ms=10000`, 3);
    expect(await sampledWhile(stack, run, (s) => s.busy === 3 && s.queue === 0)).toBe(true);
    const { ends, all } = await run;
    const [first, , third] = ends as [number, number, number];
    console.info(`runserver threaded seed: finished at ${ends.map((t) => t.toFixed(0)).join(', ')} ms (service ${SERVICE_MS} ms)`);
    expect(all.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(first).toBeGreaterThanOrEqual(SERVICE_MS * 0.95);
    expect((third - first) / SERVICE_MS).toBeLessThan(0.3);
    expect(third / SERVICE_MS).toBeLessThan(1.4);
  });

  it('shares the GIL among CPU-bound threads: three simultaneous burns all end late and together (processor sharing, not a queue)', async () => {
    const { ends, all } = await simultaneous(`${stack.url}/cpu?ms=6000`, 3);
    const [first, second, third] = ends as [number, number, number];
    console.info(`runserver threaded /cpu: finished at ${ends.map((t) => t.toFixed(0)).join(', ')} ms (${CPU_MS} ms of CPU each)`);
    expect(all.map((r) => r.status)).toEqual([200, 200, 200]);
    // a queue would end the first at 1 x CPU_MS and spread them by 2/3 of the
    // last (1 : 2 : 3; a prefork pair 1 : 1 : 2); one GIL shared three ways
    // ends all of them near 3 x CPU_MS. The bounds sit halfway, since other
    // processes on a shared 2-core machine take turns on the CPU too.
    expect(first / CPU_MS).toBeGreaterThan(1.8);
    expect((third - first) / third).toBeLessThan(0.4);
    expect((second - first) / third).toBeLessThan(0.4);
  });
});

describe('runserver options', () => {
  it('refuses threading with another pool before starting anything (E_USAGE)', async () => {
    const err: unknown = await startStack({ workers: 1, listen: 10, upstreamTimeoutMs: 1000, timeScale: 1, app: 'sample', pool: 'embedded', threading: false }).catch((e: unknown) => e);
    expect(isCaplabError(err) && err.code).toBe('E_USAGE');
    expect(String((err as Error).message)).toContain('threading applies to the runserver pool only');
  });
});
