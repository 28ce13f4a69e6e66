import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { SKIP_KERNEL } from '../../helpers/native.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'caplab-knobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function scenario(name: string, yaml: string): string {
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(file, yaml);
  return file;
}

describe('caplab plan --threads', () => {
  it('counts workers of T threads: half the workers of one thread each, with the same rows', async () => {
    const args = ['plan', '--rate', '40/s', '--service', 'exp:120ms', '--slo', 'p99<1s', '--json'];
    const one = JSON.parse((await runCli(args)).stdout) as { recommended: { workers: number } };
    const two = await runCli([...args, '--threads', '2']);
    expect(two.code).toBe(0);
    const plan = JSON.parse(two.stdout) as { recommended: { workers: number }; notes: string[] };
    expect(one.recommended.workers).toBe(6);
    expect(plan.recommended.workers).toBe(3);
    expect(plan.notes.join(' ')).toMatch(/2 threads/);
  });

  it('refuses --threads 0 with E_FLAG', async () => {
    const r = await runCli(['plan', '--rate', '40/s', '--service', 'exp:120ms', '--slo', 'p99<1s', '--threads', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/E_FLAG.*--threads/);
  });
});

describe('uWSGI knobs in scenarios and flags', () => {
  it('--dry-run shows threads, max-requests and reload-on-rss, and a reload entry that sends nothing', async () => {
    const file = scenario(
      'knobs',
      'name: knobs\nstack: { workers: 2, threads: 2, maxRequests: 50 }\nload:\n  - open: { rate: 10, duration: 2s, path: /hello }\n  - reload: { at: 1s }\n',
    );
    const r = await runCli(['run', file, '--reload-on-rss', '300', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 threads per worker, max requests 50, reload on RSS 300 MiB/);
    expect(r.stdout).toMatch(/reload#1 +at 1s: the pool reloads its workers gracefully; no requests/);
    expect(r.stdout).toMatch(/total +20 requests planned/);
  });

  it('refuses a reload entry with parallel, or after the load has ended, and threads above the limit', async () => {
    const bad = scenario('bad', 'name: bad\nstack: { threads: 65 }\nload:\n  - burst: { count: 1, path: /hello }\n  - reload: { at: 1s }\n    parallel: true\n');
    const r = await runCli(['run', bad, '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/stack\.threads/);
    expect(r.stderr).toMatch(/load\[1\]\.parallel cannot go with reload/);
    const late = scenario('late', 'name: late\nload:\n  - open: { rate: 10, duration: 1s, path: /hello }\n  - reload: { at: 5s }\n');
    const r2 = await runCli(['run', late, '--dry-run']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/reload#1: at must fall within/);
  });

  it('refuses reload-on-rss with gunicorn (E_POOL_OPTION, naming the pool) before starting anything', async () => {
    const r = await runCli(['run', 'seed-three-slow-requests', '--pool', 'gunicorn', '--reload-on-rss', '200', '--time-scale', '0.01', '--out', path.join(dir, 'gunicorn-out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/E_POOL_OPTION: the gunicorn pool cannot take reload-on-rss/);
  });

  it.skipIf(SKIP_KERNEL)('a mid-run reload phase fails no request, every worker pid changes, and results.json and the report show it', async () => {
    const file = scenario(
      'reload-mid-run',
      'name: reload-mid-run\nstack: { workers: 2, threads: 2 }\nload:\n  - closed: { clients: 4, duration: 4s, path: /sleep?ms=40 }\n  - reload: { at: 1s }\n',
    );
    const out = path.join(dir, 'reload-out');
    const r = await runCli(['run', file, '--time-scale', '0.5', '--out', out, '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/reload#1 at 1\.0 s/);
    const result = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as {
      reloads: { startMs: number; endMs: number; pidsBefore: number[]; pidsAfter: number[]; failedRequests: number; requestsDuring: number }[];
      summary: { count: number; errors: number };
      requests: { status: number }[];
    };
    expect(result.reloads).toHaveLength(1);
    const [reload] = result.reloads;
    expect(reload!.failedRequests).toBe(0);
    expect(reload!.requestsDuring).toBeGreaterThan(4);
    expect(reload!.startMs).toBeGreaterThanOrEqual(990);
    expect(reload!.endMs).toBeGreaterThan(reload!.startMs);
    expect(reload!.pidsBefore).toHaveLength(2);
    expect(reload!.pidsAfter.filter((pid) => reload!.pidsBefore.includes(pid))).toEqual([]);
    expect(result.requests.filter((q) => q.status !== 200)).toEqual([]);
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/<section class="card" id="reloads">[\s\S]*reload#1 at 1\.0 s: workers replaced from/);
    expect(html).toMatch(/reload#1: workers reloaded \(/); // the shaded box's legend on the queue timeline
  });
});
