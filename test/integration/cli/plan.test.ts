import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

interface Row { workers: number; utilization: number; meetsSlo: boolean; p99LatencyMs: number | null; stable: boolean }
interface PlanJson { recommended: { workers: number; headroomRps: number | null } | null; rows: Row[]; method: string }

async function planJson(args: string[]): Promise<PlanJson> {
  const r = await runCli(['plan', ...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as PlanJson;
}

describe('caplab plan', () => {
  it('recommends the smallest worker count that meets the objective, with headroom', async () => {
    const plan = await planJson(['--rate', '40/s', '--service', 'exp:120ms', '--slo', 'p99<1s']);
    expect(plan.method).toBe('analytic');
    const rec = plan.recommended!;
    const row = (w: number): Row => plan.rows.find((r) => r.workers === w)!;
    expect(row(rec.workers).meetsSlo).toBe(true);
    expect(row(rec.workers - 1).meetsSlo).toBe(false);
    expect(plan.rows.filter((r) => r.meetsSlo).every((r) => r.workers >= rec.workers)).toBe(true);
    // 40/s × 120 ms = 4.8 Erlangs: 4 workers cannot keep up at all.
    expect(row(4).stable).toBe(false);
    expect(row(4).p99LatencyMs).toBeNull();
    expect(rec.headroomRps!).toBeGreaterThan(40);
    expect(rec.headroomRps!).toBeLessThan((rec.workers * 1000) / 120);
  });

  it('gives null when no count up to --max-workers meets the objective', async () => {
    // Service alone (exponential, mean 500 ms) has a p99 of 2.3 s.
    const plan = await planJson(['--rate', '1/s', '--service', 'exp:500ms', '--slo', 'p99<1s', '--max-workers', '8']);
    expect(plan.recommended).toBeNull();
  });

  it('plans a scenario: analytic for the M/M/c scenario, simulated for the seed burst', async () => {
    const mmc = await planJson(['poisson-mmc', '--slo', 'p99<1s']);
    expect(mmc.method).toBe('analytic');
    expect(mmc.recommended!.workers).toBe(3);
    const seed = await planJson(['seed-three-slow-requests', '--slo', 'p99<15s']);
    expect(seed.method).toBe('simulated');
    expect(seed.recommended).toEqual({ workers: 3, headroomRps: null });
  });

  it('prints a readable table', async () => {
    const r = await runCli(['plan', '--rate', '40/s', '--service', 'exp:120ms', '--slo', 'p99<1s']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/recommended: 6 workers/);
    expect(r.stdout).toMatch(/headroom: 6 workers hold/);
    expect(r.stdout).toMatch(/queue grows without bound/);
  });

  it.each([
    [['--rate', '40/s', '--slo', 'p99<1s'], /plan needs --service/],
    [['--rate', 'fast', '--service', 'exp:1ms', '--slo', 'p99<1s'], /fast/],
    [['--rate', '40/s', '--service', 'exp:1ms', '--slo', 'p99 under 1s'], /p99 under 1s/],
    [['--rate', '40/s', '--service', 'gamma:3ms', '--slo', 'p99<1s'], /gamma:3ms/],
  ])('refuses bad input %j with exit 2', async (args, message) => {
    const r = await runCli(['plan', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
