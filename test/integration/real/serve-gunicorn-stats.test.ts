import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStats } from '../../../src/pool/index.js';
import { checkRealPrograms } from '../../../src/stack/real/index.js';
import { runCli, startCli, waitFor } from '../../helpers/cli.js';
import { parsePromText } from '../../helpers/prom-text.js';

const found = checkRealPrograms();
/** Runs wherever gunicorn and Django are installed, and always under CI=true. */
const SKIP = !(found.gunicorn && found.django) && process.env.CI !== 'true';
const SKIP_REASON = SKIP ? ` (SKIPPED: gunicorn missing; apt-get install ${found.missing.join(' ')})` : '';

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe.skipIf(SKIP)(`caplab serve --pool gunicorn: workers read from /proc${SKIP_REASON}`, () => {
  let child: ReturnType<typeof startCli>;
  let out = '';
  const field = (name: string): string => new RegExp(`^\\s+${name}\\s+(\\S+)`, 'm').exec(out)?.[1] ?? '';
  beforeAll(async () => {
    child = startCli(['serve', '--pool', 'gunicorn', '--workers', '2']);
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const up = await waitFor(() => out.includes('stop it:') || child.exitCode !== null, 45_000);
    if (!up || child.exitCode !== null) throw new Error(`serve did not come up: ${out}${err}`);
  });
  afterAll(async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGINT');
    await exited;
  });

  it('shows both sync workers busy and the third request in the accept queue, with no request counts', async () => {
    expect(out).toMatch(/stats {4}127\.0\.0\.1:\d+ {2}\(caplab reading gunicorn's workers from \/proc: no request counts\)/);
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
