import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/results/index.js';
import type { RunPlan } from '../../../src/scenario/index.js';
import { runCli } from '../../helpers/cli.js';
import { NO_NATIVE, SKIP_KERNEL } from '../../helpers/native.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/scenarios');

const SERVICE_MS = 2000;

describe('caplab run listen-overflow --queue master', () => {
  it('serves 1 + 4 queued and refuses the other 7 with 503 at once', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'caplab-overflow-'));
    const r = await runCli(['run', 'listen-overflow', '--queue', 'master', '--time-scale', '0.1', '--out', out, '--quiet', '--no-html']);
    expect(r.code).toBe(0);
    const result = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as RunResult;
    expect((result.plan as RunPlan).stack.queue).toBe('master');
    expect(result.summary.status).toEqual({ 200: 5, 503: 7 });

    const served = result.requests.filter((q) => q.status === 200).map((q) => q.latencyMs).sort((a, b) => a - b);
    const refused = result.requests.filter((q) => q.status === 503).map((q) => q.latencyMs);
    // Served one after another: about 1, 2, 3, 4, 5 service times.
    expect(served[0]! / SERVICE_MS).toBeGreaterThan(0.9);
    expect(served[4]! / served[0]!).toBeGreaterThan(3.5);
    expect(served[4]! / served[0]!).toBeLessThan(6);
    // Refused at once: well before the first request was served (200 ms of
    // wall time at this scale, so a loaded machine's scheduling delays stay small next to it).
    expect(Math.max(...refused) / served[0]!).toBeLessThan(0.5);

    expect(r.stdout).toMatch(/503 × 7/);
    expect(r.stdout).not.toMatch(/queue master, not kernel/);
    if (existsSync('/proc/net/netstat')) expect(result.overflow).toMatchObject({ systemWide: true });
  });
});

describe.skipIf(SKIP_KERNEL)(`caplab run with the kernel queue (the default)${NO_NATIVE}`, () => {
  it('connections beyond the backlog are served late, never refused, and the overflow is counted', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'caplab-kernel-overflow-'));
    const r = await runCli(['run', path.join(FIXTURES, 'kernel-overflow.yaml'), '--time-scale', '0.2', '--out', out, '--quiet', '--no-html']);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as RunResult;
    expect(result.stack.queue).toBe('kernel');
    expect(result.summary.status).toEqual({ 200: 8 });
    // At least one request's upstream connect waited on a SYN retransmission
    // (about 1 s of wall time, 5 s of scenario time at this scale).
    expect(result.synRetries?.requests ?? 0).toBeGreaterThan(0);
    const retried = result.requests.filter((q) => (q.connectMs ?? 0) >= 500 / 0.2);
    expect(retried.length).toBe(result.synRetries!.requests);
    expect(Math.min(...retried.map((q) => q.connectMs!))).toBeGreaterThan(0.8 * (1000 / 0.2));
    // The kernel counted the dropped SYNs (system-wide, so at least ours).
    if (existsSync('/proc/net/netstat')) expect(result.overflow?.listenOverflows ?? 0).toBeGreaterThan(0);
  });
});
