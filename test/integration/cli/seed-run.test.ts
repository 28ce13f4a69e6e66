import { existsSync } from 'node:fs';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/results/index.js';
import { runCli } from '../../helpers/cli.js';

describe('caplab run seed-three-slow-requests', () => {
  it('reproduces 10 s, 10 s, 20 s at a small time scale, in scenario time', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'caplab-seed-'));
    const r = await runCli(['run', 'seed-three-slow-requests', '--time-scale', '0.05', '--out', out, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as RunResult;
    expect(result.schema).toBe('caplab.run/1');
    expect(result.stack.timeScale).toBe(0.05);
    expect(result.stack.workers).toBe(2);
    expect(result.requests).toHaveLength(3);

    const byLatency = [...result.requests].sort((a, b) => a.latencyMs - b.latencyMs);
    const [first, second, third] = byLatency as [typeof byLatency[0], typeof byLatency[0], typeof byLatency[0]];
    // Shape 1 : 1 : 2, in scenario milliseconds (about 10000, 10000, 20000).
    expect(first.latencyMs / 10000).toBeGreaterThan(0.9);
    expect(first.latencyMs / 10000).toBeLessThan(1.3);
    expect(second.latencyMs / first.latencyMs).toBeLessThan(1.15);
    expect(third.latencyMs / first.latencyMs).toBeGreaterThan(1.75);
    expect(third.latencyMs / first.latencyMs).toBeLessThan(2.25);
    // The third waited about one service time in the listen queue; the first two did not wait.
    expect(third.queueMs! / 10000).toBeGreaterThan(0.85);
    expect(third.queueMs! / 10000).toBeLessThan(1.25);
    expect(first.queueMs!).toBeLessThan(1500);
    expect(second.queueMs!).toBeLessThan(1500);
    // Two workers served the first two; the third went to whichever freed first.
    expect(new Set([first.worker, second.worker]).size).toBe(2);
    expect([first.worker, second.worker]).toContain(third.worker);
    for (const req of result.requests) {
      expect(req.status).toBe(200);
      expect(req.serviceMs! / 10000).toBeGreaterThan(0.95);
    }
    expect(result.summary.latencyMs.max).toBe(third.latencyMs);

    // The kernel's listen counters are read around the load (system-wide, so only their shape is checked).
    if (existsSync('/proc/net/netstat')) {
      expect(result.overflow).toEqual({ listenOverflows: expect.any(Number), listenDrops: expect.any(Number), systemWide: true });
      expect(result.overflow!.listenDrops).toBeGreaterThanOrEqual(result.overflow!.listenOverflows);
    }
    // Three connections fit any listen queue: none waited on a SYN retry.
    for (const req of result.requests) expect(req).toHaveProperty('connectMs');
    if (result.synRetries) expect(result.synRetries.requests).toBe(0);

    // The terminal summary lists each request and the percentiles, and says where results are.
    expect(r.stdout).toMatch(/p99/);
    expect(r.stdout).toContain(path.join(out, 'results.json'));
    expect((await stat(path.join(out, 'report.html'))).size).toBeGreaterThan(10_000);
  });

  it('prints the plan with --dry-run and starts nothing', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'caplab-dry-'));
    const r = await runCli(['run', 'seed-three-slow-requests', '--dry-run', '--workers', '3', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/burst/);
    // The flag's count, not the scenario's 2 (the plan text holds other 3s: 3 requests).
    expect(r.stdout).toMatch(/^stack\s+3 workers,/m);
    expect(r.stdout).not.toMatch(/\b2 workers\b/);
    await expect(stat(path.join(out, 'results.json'))).rejects.toThrow();
  });
});
