import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/results/index.js';
import type { RunPlan } from '../../../src/scenario/index.js';
import { runCli } from '../../helpers/cli.js';

const SERVICE_MS = 2000;

// The kernel queue's behaviour (SYN retries, served late, never refused) is the
// pool's to test; here the scenario runs end to end with the master-held queue.
describe('caplab run listen-overflow --queue master', () => {
  it('serves 1 + 4 queued and refuses the other 7 with 503 at once', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'caplab-overflow-'));
    const r = await runCli(['run', 'listen-overflow', '--queue', 'master', '--time-scale', '0.05', '--out', out, '--quiet', '--no-html']);
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
    // Refused at once: well before the first request was served.
    expect(Math.max(...refused) / served[0]!).toBeLessThan(0.5);

    expect(r.stdout).toMatch(/503 × 7/);
    expect(r.stdout).not.toMatch(/queue master, not kernel/);
    if (existsSync('/proc/net/netstat')) expect(result.overflow).toMatchObject({ systemWide: true });
  });
});
