import { describe, expect, it } from 'vitest';
import {
  analyzeMmc,
  analyzeMmck,
  erlangB,
  mmcResponseQuantileMs,
  mmcWaitQuantileMs,
  mmckResponseQuantileMs,
  mmckResponseSurvival,
  mmckWaitQuantileMs,
  mmckWaitSurvival,
  type Mmc,
} from '../../../src/plan/index.js';

function mmc(ratePerSec: number, serviceMs: number, workers: number): Mmc {
  const m = analyzeMmc({ ratePerSec, serviceMs, workers });
  if (!m.stable) throw new Error(m.reason);
  return m;
}

describe('M/M/c/K', () => {
  it('matches M/M/1/2 worked by hand', () => {
    // λ = μ = 10/s: p0 = p1 = p2 = 1/3. Refused p2 = 1/3; admitted arrivals see
    // n = 0 or 1 with ½ each, so P(wait) = ½ and E[Wq] = ½·100 ms = 50 ms;
    // throughput 10·⅔ /s; Lq = p2 = ⅓ (Little: ⅓ / (20/3 per s) = 50 ms).
    const m = analyzeMmck({ ratePerSec: 10, serviceMs: 100, workers: 1, capacity: 2 });
    expect(m.pBlock).toBeCloseTo(1 / 3, 14);
    expect(m.pWait).toBeCloseTo(1 / 2, 14);
    expect(m.meanWaitMs).toBeCloseTo(50, 10);
    expect(m.meanQueueLength).toBeCloseTo(1 / 3, 14);
    expect(m.throughputPerSec).toBeCloseTo(20 / 3, 12);
    expect(m.meanInSystem).toBeCloseTo(1, 14);
  });

  it('matches M/M/1/3 with ρ = ½ worked by hand', () => {
    // p_n ∝ (½)^n, n = 0..3: p = (8, 4, 2, 1)/15. Refused 1/15; admitted see n = 1 or 2 with 4/14 and 2/14,
    // waiting 1 and 2 services: E[Wq] = (4·100 + 2·200)/14 ms.
    const m = analyzeMmck({ ratePerSec: 5, serviceMs: 100, workers: 1, capacity: 3 });
    expect(m.pBlock).toBeCloseTo(1 / 15, 14);
    expect(m.pWait).toBeCloseTo(6 / 14, 14);
    expect(m.meanWaitMs).toBeCloseTo(800 / 14, 10);
    // Wq > t: Erlang(1, μ) w.p. 4/14 plus Erlang(2, μ) w.p. 2/14.
    const t = 150;
    const x = t / 100;
    expect(mmckWaitSurvival(m, t)).toBeCloseTo((4 / 14) * Math.exp(-x) + (2 / 14) * Math.exp(-x) * (1 + x), 12);
  });

  it('with K = c is the Erlang loss system: p_K = Erlang B', () => {
    for (const [c, a] of [[1, 0.5], [5, 3], [20, 25], [200, 180]] as const) {
      const m = analyzeMmck({ ratePerSec: a * 10, serviceMs: 100, workers: c, capacity: c });
      expect(m.pBlock).toBeCloseTo(erlangB(c, a), 13);
      expect(m.pWait).toBe(0);
      expect(m.meanWaitMs).toBe(0);
    }
  });

  it('tends to M/M/c as K grows, quantiles included', () => {
    for (const [rate, c] of [[21, 3], [80, 10], [8, 1]] as const) {
      const inf = mmc(rate, 100, c);
      const fin = analyzeMmck({ ratePerSec: rate, serviceMs: 100, workers: c, capacity: c + 5000 });
      expect(fin.pBlock).toBeLessThan(1e-15);
      expect(fin.pWait).toBeCloseTo(inf.pWait, 12);
      expect(fin.meanWaitMs / inf.meanWaitMs).toBeCloseTo(1, 10);
      for (const q of [0.5, 0.9, 0.99]) {
        expect(mmckWaitQuantileMs(fin, q)).toBeCloseTo(mmcWaitQuantileMs(inf, q), 5);
        expect(mmckResponseQuantileMs(fin, q) / mmcResponseQuantileMs(inf, q)).toBeCloseTo(1, 8);
      }
    }
  });

  it('sheds the excess when overloaded: p_K → 1 − 1/ρ for a long queue', () => {
    const m = analyzeMmck({ ratePerSec: 200, serviceMs: 100, workers: 10, capacity: 10 + 100_000 });
    expect(m.offeredUtilization).toBeCloseTo(2, 12);
    expect(m.pBlock).toBeCloseTo(0.5, 12);
    expect(m.utilization).toBeCloseTo(1, 10);
    expect(m.throughputPerSec).toBeCloseTo(100, 8);
  });

  it('stays finite for c = 10 000 and a long queue, at and around saturation', () => {
    for (const rho of [0.95, 1, 1.05]) {
      const c = 10_000;
      const m = analyzeMmck({ ratePerSec: rho * c * 10, serviceMs: 100, workers: c, capacity: c + 50_000 });
      for (const v of [m.pBlock, m.pWait, m.meanWaitMs, m.meanQueueLength]) expect(Number.isFinite(v)).toBe(true);
      expect(m.pBlock).toBeGreaterThanOrEqual(0);
      expect(m.pBlock).toBeLessThan(1);
      // Little's law ties the queue length to the wait of admitted requests.
      expect(m.meanQueueLength).toBeCloseTo((m.throughputPerSec / 1000) * m.meanWaitMs, 6);
      const p99 = mmckResponseQuantileMs(m, 0.99);
      expect(p99).toBeGreaterThan(m.meanWaitMs);
      expect(mmckResponseSurvival(m, p99)).toBeCloseTo(0.01, 9);
    }
  });

  it('gives response survival 1 at t = 0 and wait survival P(wait) at t = 0', () => {
    const m = analyzeMmck({ ratePerSec: 25, serviceMs: 100, workers: 3, capacity: 8 });
    expect(mmckResponseSurvival(m, 0)).toBe(1);
    expect(mmckWaitSurvival(m, 0)).toBeCloseTo(m.pWait, 14);
  });

  it('rejects K < c and other bad inputs with E_PLAN_INVALID', () => {
    expect(() => analyzeMmck({ ratePerSec: 1, serviceMs: 100, workers: 4, capacity: 3 })).toThrow(
      expect.objectContaining({ code: 'E_PLAN_INVALID', message: expect.stringContaining('capacity') }),
    );
  });
});
