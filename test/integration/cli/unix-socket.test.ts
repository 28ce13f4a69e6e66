/**
 * `stack.socket: unix` / `--socket unix` end to end: the seed over a unix
 * socket, the unix-socket-overflow scenario over unix and TCP, each on the
 * embedded stack and on nginx → uWSGI, and results that say which link ran.
 */
import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/results/index.js';
import type { RunPlan } from '../../../src/scenario/index.js';
import { checkRealPrograms } from '../../../src/stack/real/index.js';
import { runCli } from '../../helpers/cli.js';
import { NO_NATIVE, SKIP_KERNEL } from '../../helpers/native.js';

const found = checkRealPrograms();
const REAL_MISSING = (['nginx', 'uwsgi', 'django'] as const).filter((p) => !found[p]);
const SKIP_REAL = REAL_MISSING.length > 0 && process.env.CI !== 'true';
const NO_REAL = SKIP_REAL ? ` (SKIPPED: ${REAL_MISSING.join(', ')} missing; apt-get install ${found.missing.join(' ')})` : '';

const STACKS = [
  { name: 'embedded', args: [] as string[], skip: SKIP_KERNEL, why: NO_NATIVE },
  { name: 'nginx → uWSGI', args: ['--proxy', 'nginx', '--pool', 'uwsgi'], skip: SKIP_REAL, why: NO_REAL },
] as const;

const linkDirs = (): string[] => readdirSync(os.tmpdir()).filter((name) => name.startsWith('caplab-link-'));

const outs: string[] = [];
afterAll(() => Promise.all(outs.map((out) => rm(out, { recursive: true, force: true }))));

async function run(args: readonly string[]): Promise<{ result: RunResult; stdout: string }> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'caplab-unix-run-'));
  outs.push(out);
  const r = await runCli(['run', ...args, '--out', out, '--quiet', '--no-html']);
  expect(r.code, r.stderr).toBe(0);
  return { result: JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as RunResult, stdout: r.stdout };
}

const SERVICE_MS = 2000;

describe.each(STACKS)('$name over a unix socket', ({ args, skip, why }) => {
  it.skipIf(skip)(`the seed gives 1 : 1 : 2, and the results say unix; the socket's folder is gone afterwards${why}`, async () => {
    const before = linkDirs();
    const { result, stdout } = await run(['seed-three-slow-requests', ...args, '--socket', 'unix', '--time-scale', '0.05']);
    expect(result.stack.socket).toBe('unix');
    expect((result.plan as RunPlan).stack.socket).toBe('unix');
    expect(stdout).toContain('(unix socket)');
    const latency = result.requests.map((q) => q.latencyMs).sort((a, b) => a - b);
    expect(result.requests.map((q) => q.status)).toEqual([200, 200, 200]);
    expect(latency[1]! / latency[0]!).toBeLessThan(1.15);
    expect(latency[2]! / latency[0]!).toBeGreaterThan(1.75);
    expect(latency[2]! / latency[0]!).toBeLessThan(2.25);
    expect(linkDirs().filter((d) => !before.includes(d))).toEqual([]);
  }, 60_000);

  it.skipIf(skip)(`unix-socket-overflow: the overflow gets 502 at once over unix${why}`, async () => {
    const scale = 0.25;
    const { result } = await run(['unix-socket-overflow', ...args, '--time-scale', String(scale)]);
    expect(result.stack.socket).toBe('unix');
    const refused = result.requests.filter((q) => q.status === 502);
    const served = result.requests.filter((q) => q.status === 200);
    // listen + 1 = 3 fit the backlog, one more if the worker took one first; the rest are refused.
    expect(refused.length, JSON.stringify(result.summary.status)).toBeGreaterThanOrEqual(6);
    expect(refused.length).toBeLessThanOrEqual(7);
    expect(served.length + refused.length).toBe(10);
    for (const q of refused) expect(q.latencyMs / SERVICE_MS).toBeLessThan(0.25);
    const slowest = Math.max(...served.map((q) => q.latencyMs));
    expect(slowest / SERVICE_MS).toBeGreaterThan(served.length - 0.5);
  }, 60_000);

  it.skipIf(skip)(`unix-socket-overflow --socket tcp: the same overflow is delayed by SYN retries, all 200${why}`, async () => {
    const scale = 0.1;
    const { result } = await run(['unix-socket-overflow', ...args, '--socket', 'tcp', '--time-scale', String(scale)]);
    expect(result.stack.socket).toBe('tcp');
    expect(result.summary.status).toEqual({ 200: 10 });
    // A SYN retry is about 1 s of wall time: 10 s of scenario time at this scale, 5 service times.
    const connects = result.requests.map((q) => q.connectMs ?? 0);
    expect(Math.max(...connects) * scale).toBeGreaterThan(800);
  }, 60_000);
});

describe('--socket', () => {
  it('--dry-run says which link the plan uses', async () => {
    const unix = await runCli(['run', 'unix-socket-overflow', '--dry-run']);
    expect(unix.code).toBe(0);
    expect(unix.stdout).toMatch(/proxy → pool over a unix socket/);
    const tcp = await runCli(['run', 'unix-socket-overflow', '--socket', 'tcp', '--dry-run']);
    expect(tcp.stdout).toMatch(/proxy → pool over TCP/);
  });

  it('refuses another kind with one line and exit 2', async () => {
    const r = await runCli(['run', 'seed-three-slow-requests', '--socket', 'udp', '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/socket/);
    expect(r.stderr).toMatch(/udp/);
  });
});
