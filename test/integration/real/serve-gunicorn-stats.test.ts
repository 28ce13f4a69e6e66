import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStats } from '../../../src/pool/index.js';
import { checkRealPrograms } from '../../../src/stack/real/index.js';
import { runCli, waitFor } from '../../helpers/cli.js';
import { httpGet as get, startServe, type Served } from '../../helpers/serve.js';
import { parsePromText } from '../../helpers/prom-text.js';

const found = checkRealPrograms();
/** Runs wherever gunicorn and Django are installed, and always under CI=true. */
const SKIP = !(found.gunicorn && found.django) && process.env.CI !== 'true';
const SKIP_REASON = SKIP ? ` (SKIPPED: gunicorn missing; apt-get install ${found.missing.join(' ')})` : '';

describe.skipIf(SKIP)(`caplab serve --pool gunicorn: workers read from /proc${SKIP_REASON}`, () => {
  let served: Served;
  const field = (name: 'proxy' | 'stats' | 'metrics'): string => served[name];
  beforeAll(async () => {
    served = await startServe(['--pool', 'gunicorn', '--workers', '2'], 45_000);
  });
  afterAll(async () => {
    await served?.stop();
  });

  it('shows both sync workers busy and the third request in the accept queue, with no request counts', async () => {
    expect(served.stdout()).toMatch(/stats {4}127\.0\.0\.1:\d+ {2}\(caplab reading gunicorn's workers from \/proc: no request counts\)/);
    const [host, port] = field('stats').split(':');
    const slow = [1, 2, 3].map(() => get(`${field('proxy')}/sleep?ms=2500`));
    expect(await waitFor(async () => {
      const s = await readStats(host!, Number(port));
      return s.workers.every((w) => w.status === 'busy') && s.listen_queue === 1;
    }, 2_000)).toBe(true);
    const top = await runCli(['top', '--stats', field('stats'), '-n', '1'], { timeoutMs: 10_000 });
    expect(top.stdout).toMatch(/queue=1\/100 rps=- busy=2\/2 w1=busy\(- req\) w2=busy\(- req\)$/m);
    const families = parsePromText((await get(field('metrics'))).body);
    expect(families.get('caplab_pool_workers')?.samples.find((s) => s.labels.state === 'busy')?.value).toBe(2);
    expect(families.has('caplab_pool_worker_requests_total')).toBe(false);
    expect((await Promise.all(slow)).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await waitFor(async () => (await readStats(host!, Number(port))).workers.every((w) => w.status === 'idle'), 2_000)).toBe(true);
  });
});
