import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRealPrograms } from '../../../src/stack/real/index.js';
import { runCli, waitFor } from '../../helpers/cli.js';
import { httpGet as get, startServe, type Served } from '../../helpers/serve.js';
import { parsePromText, sampleValue } from '../../helpers/prom-text.js';

const found = checkRealPrograms();
/** Runs wherever uWSGI and Django are installed, and always under CI=true (where a missing program fails the spec instead of skipping it). */
const SKIP = !(found.uwsgi && found.django) && process.env.CI !== 'true';
const SKIP_REASON = SKIP ? ` (SKIPPED: uwsgi missing; apt-get install ${found.missing.join(' ')})` : '';

describe.skipIf(SKIP)(`caplab serve --pool uwsgi --metrics-from uwsgi${SKIP_REASON}`, () => {
  let served: Served;
  const field = (name: 'proxy' | 'stats' | 'metrics'): string => served[name];
  beforeAll(async () => {
    served = await startServe(['--pool', 'uwsgi', '--metrics-from', 'uwsgi', '--workers', '2'], 45_000);
  });
  afterAll(async () => {
    await served?.stop();
  });

  it("translates uWSGI's stats JSON into the pool's metric names, on caplab's own port", async () => {
    const metrics = field('metrics');
    const stats = field('stats');
    expect(metrics).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(metrics).not.toContain(stats);
    const slow = [get(`${field('proxy')}/sleep?ms=2500`), get(`${field('proxy')}/sleep?ms=2500`)];
    let families = parsePromText((await get(metrics)).body);
    expect(await waitFor(async () => sampleValue((families = parsePromText((await get(metrics)).body)), 'caplab_pool_workers', { state: 'busy' }) === 2, 2_000)).toBe(true);
    const info = families.get('caplab_pool_info')!.samples[0]!;
    expect(info.labels.version).toMatch(/^2\.0\./);
    expect(families.get('caplab_pool_worker_requests_total')?.samples).toHaveLength(2);
    expect(sampleValue(families, 'caplab_pool_listen_queue_max_length')).toBeGreaterThanOrEqual(0);
    // uWSGI keeps no per-request durations: the histogram is declared, with no samples
    expect(families.get('caplab_pool_request_duration_seconds')?.samples).toEqual([]);

    // caplab top reads the same uWSGI stats server: both workers busy, with the age of their requests
    const top = await runCli(['top', '--stats', stats, '-n', '1'], { timeoutMs: 10_000 });
    expect(top.stdout).toMatch(/busy=2\/2 w1=busy\(\d.*\) w2=busy\(\d/);

    expect((await Promise.all(slow)).map((r) => r.status)).toEqual([200, 200]);
    const after = parsePromText((await get(metrics)).body);
    const total = (f: typeof after): number => f.get('caplab_pool_worker_requests_total')!.samples.reduce((s, x) => s + x.value, 0);
    expect(total(after)).toBeGreaterThanOrEqual(total(families) + 2);
  });
});

describe('caplab serve --metrics-from, refused', () => {
  it('refuses a source that does not fit the pool, before starting anything (exit 2)', async () => {
    const r = await runCli(['serve', '--metrics-from', 'uwsgi'], { timeoutMs: 20_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^caplab: E_USAGE: --metrics-from uwsgi translates real uWSGI's stats; it needs --pool uwsgi$/m);
  });
});
