import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MultiResultSchema, type MultiResult, type RunResult } from '../../../src/results/index.js';
import { checkRealPrograms } from '../../../src/stack/real/index.js';
import { runCli } from '../../helpers/cli.js';

const found = checkRealPrograms();
const IN_CI = process.env.CI === 'true';
// nginx+uwsgi needs nginx, uWSGI with its python3 plugin and Django; without them the stack is skipped with a reason naming them.
const REAL = found.nginx && found.uwsgi && found.django;

async function runStacks(stacks: string): Promise<{ code: number | null; stdout: string; stderr: string; multi: MultiResult; out: string }> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'caplab-multi-'));
  const r = await runCli(['run', 'seed-three-slow-requests', '--stacks', stacks, '--time-scale', '0.05', '--out', out, '--quiet'], { timeoutMs: 90_000 });
  const multi = MultiResultSchema.parse(JSON.parse(await readFile(path.join(out, 'multi.json'), 'utf8')));
  return { ...r, multi, out };
}

/** What the schedule sent: every request's scheduled time and path, in id order. */
const schedule = (r: RunResult): [number, number, string][] => [...r.requests].sort((a, b) => a.id - b.id).map((q) => [q.id, q.scheduledMs, q.path]);

describe('caplab run --stacks', () => {
  it('runs embedded and nginx+uwsgi one after the other on the same schedule, in one caplab.multi/1 file', async () => {
    const { code, stdout, stderr, multi, out } = await runStacks('embedded,nginx+uwsgi');
    expect(code).toBe(0);
    expect(multi.stacks).toEqual(['embedded', 'nginx+uwsgi']);
    expect(multi.runs.map((r) => r.stack)).toEqual(['embedded', 'nginx+uwsgi']);
    const [embedded, real] = multi.runs;
    if (!embedded || !('result' in embedded)) throw new Error('the embedded stack did not run');
    expect(embedded.result.stack).toMatchObject({ proxy: 'embedded', pool: 'embedded' });
    expect(embedded.result.requests).toHaveLength(3);
    if (!REAL && !IN_CI) {
      // Skipped stack: a one-line reason naming what is missing, and the embedded run is kept.
      expect(real && 'error' in real && real.error).toMatch(/not installed \(missing: /);
      expect(stderr).toMatch(/^nginx\+uwsgi skipped: .*not installed/m);
      console.warn(`SKIPPED the nginx+uwsgi half: apt-get install ${found.missing.join(' ')}`);
      return;
    }
    if (!real || !('result' in real)) throw new Error(`nginx+uwsgi did not run: ${real && 'error' in real ? real.error : 'missing'}`);
    expect(real.result.stack).toMatchObject({ proxy: 'nginx', pool: 'uwsgi' });
    expect(real.result.seed).toBe(embedded.result.seed);
    expect(schedule(real.result)).toEqual(schedule(embedded.result));
    // The seed's shape on both: 1 : 1 : 2.
    for (const run of [embedded, real]) {
      const [a, b, c] = run.result.requests.map((q) => q.latencyMs).sort((x, y) => x - y) as [number, number, number];
      expect(b / a).toBeLessThan(1.15);
      expect(c / a).toBeGreaterThan(1.75);
      expect(c / a).toBeLessThan(2.25);
    }
    expect(stdout).toMatch(/^embedded\s+3\s+0\s/m);
    expect(stdout).toMatch(/^nginx\+uwsgi\s+3\s+0\s/m);
    expect(stdout).toMatch(/The proxies differ/);
    expect(stdout).toContain(path.join(out, 'report.html'));

    // compare reads the multi file: one multi.json holds two runs.
    const html = path.join(out, 'compare.html');
    const cmp = await runCli(['compare', path.join(out, 'multi.json'), '--out', html]);
    expect(cmp.stderr).toBe('');
    expect(cmp.code).toBe(0);
    const page = await readFile(html, 'utf8');
    expect(page).toContain('chart-gantt-2');
    expect(page).toContain('nginx+uwsgi');
  });

  it('with --dry-run, prints the plan and the stacks it would run, and writes nothing', async () => {
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'caplab-multi-')), 'never');
    const r = await runCli(['run', 'seed-three-slow-requests', '--stacks', 'embedded,nginx+uwsgi', '--time-scale', '0.05', '--out', out, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^stacks: embedded, nginx\+uwsgi$/m);
    await expect(readFile(path.join(out, 'multi.json'))).rejects.toThrow(/ENOENT/);
  });

  it('takes the stacks from a scenario\'s stacks: when --stacks is not given, and refuses a bad one there with exit 2', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-multi-'));
    const scenario = (stacks: string): string =>
      `name: two-stacks\nstack:\n  workers: 2\nstacks: [${stacks}]\nload:\n  - burst:\n      count: 3\n      path: /sleep?ms=100\n`;
    await writeFile(path.join(dir, 'good.yaml'), scenario('embedded, nginx+embedded'));
    await writeFile(path.join(dir, 'bad.yaml'), scenario('embedded, nginx+nope'));
    const good = await runCli(['run', path.join(dir, 'good.yaml'), '--dry-run']);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^stacks: embedded, nginx\+embedded$/m);
    const flag = await runCli(['run', path.join(dir, 'good.yaml'), '--dry-run', '--stacks', 'embedded']);
    expect(flag.stdout).toMatch(/^stacks: embedded$/m);
    const bad = await runCli(['run', path.join(dir, 'bad.yaml'), '--dry-run']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/bad\.yaml: stacks: "nginx\+nope": pool "nope" must be/);
  });

  it('refuses --pool or --proxy beside --stacks, which would be silently ignored: one line, exit 2', async () => {
    const r = await runCli(['run', 'seed-three-slow-requests', '--stacks', 'embedded,nginx+uwsgi', '--pool', 'uwsgi', '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--pool picks one stack, but --stacks already names them \(embedded, nginx\+uwsgi\)/);
  });

  it.each([
    ['embedded,nginx+foo', /pool "foo" must be/],
    ['embedded,embedded', /"embedded" is listed twice/],
    ['varnish+uwsgi', /proxy "varnish" must be embedded or nginx/],
  ])('--stacks %s is one line on stderr and exit 2, before anything starts', async (stacks, message) => {
    const r = await runCli(['run', 'seed-three-slow-requests', '--stacks', stacks, '--time-scale', '0.05', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});

describe('caplab doctor', () => {
  it('lists every real program with found or missing, and exits 0', async () => {
    const r = await runCli(['doctor']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const name of ['nginx', 'uWSGI', 'uWSGI python3 plugin', 'gunicorn', 'Django', 'wrk', 'chromium']) {
      expect(r.stdout).toMatch(new RegExp(`^${name.replace(/[+]/g, '\\+')}\\s+(found|MISSING)\\s`, 'm'));
    }
    const missing = [...r.stdout.matchAll(/^.*\sMISSING\s+—\s+\S+\s+(\S+)/gm)].map((m) => m[1]);
    if (missing.length === 0) expect(r.stdout).toMatch(/Every real program is installed\./);
    else expect(r.stdout).toContain(`apt-get install -y ${missing.join(' ')}`);
  });
});
