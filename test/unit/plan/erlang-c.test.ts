import { describe, expect, it } from 'vitest';
import {
  analyzeMmc,
  erlangB,
  erlangC,
  mmcResponseQuantileMs,
  mmcResponseSurvival,
  mmcWaitQuantileMs,
  mmcWaitSurvival,
  type Mmc,
} from '../../../src/plan/index.js';

/** REFERENCE.md's formula, term by term with factorials: fine for small c, an independent check of the recursion. */
function erlangCDirect(c: number, a: number): number {
  let sum = 0;
  let term = 1; // a^k / k!
  for (let k = 0; k < c; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const top = term * (c / (c - a)); // term is now a^c / c!
  return top / (sum + top);
}

/** The same formula in log space (log-sum-exp), usable for large c. */
function erlangCLogSpace(c: number, a: number): number {
  const logs: number[] = [];
  let lt = 0;
  for (let k = 0; k < c; k++) {
    logs.push(lt);
    lt += Math.log(a / (k + 1));
  }
  const logTop = lt + Math.log(c / (c - a));
  const max = Math.max(logTop, ...logs);
  const sum = logs.reduce((s, l) => s + Math.exp(l - max), 0);
  const top = Math.exp(logTop - max);
  return top / (sum + top);
}

function stable(input: { ratePerSec: number; serviceMs: number; workers: number }): Mmc {
  const m = analyzeMmc(input);
  if (!m.stable) throw new Error(`expected a stable queue: ${m.reason}`);
  return m;
}

describe('Erlang B and C', () => {
  it('gives the textbook C(2, 1) = 1/3', () => {
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 14);
  });

  it('matches hand-worked values: C(3, 2.1) = 5.145/10.45 and B(2, 1) = 1/5', () => {
    // a=2.1, c=3: Σ_{k<3} a^k/k! = 1 + 2.1 + 2.205 = 5.305; a^3/3!·c/(c−a) = 1.5435·(3/0.9) = 5.145.
    expect(erlangC(3, 2.1)).toBeCloseTo(5.145 / 10.45, 13);
    // B(2,1) = (1/2) / (1 + 1 + 1/2)
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 15);
  });

  it('equals the direct factorial formula for c ≤ 30 over a range of loads', () => {
    for (let c = 1; c <= 30; c++) {
      for (const rho of [0.05, 0.3, 0.5, 0.8, 0.95, 0.999]) {
        const a = rho * c;
        expect(Math.abs(erlangC(c, a) - erlangCDirect(c, a))).toBeLessThan(1e-12);
      }
    }
  });

  it('stays finite and exact for c = 10 000', () => {
    for (const rho of [0.9, 0.99, 0.999]) {
      const c = 10_000;
      const got = erlangC(c, rho * c);
      expect(Number.isFinite(got)).toBe(true);
      expect(Math.abs(got - erlangCLogSpace(c, rho * c)) / got).toBeLessThan(1e-9);
    }
    // Far from saturation the probability of waiting underflows towards 0, never NaN.
    expect(erlangC(10_000, 100)).toBe(0);
  });
});

describe('M/M/c', () => {
  it('reduces to M/M/1: C = ρ, W = 1/(μ − λ), P(T > t) = e^{−(μ−λ)t}', () => {
    // λ = 8/s, μ = 10/s (100 ms): ρ = 0.8, W = 1/(10 − 8) s = 500 ms.
    const m = stable({ ratePerSec: 8, serviceMs: 100, workers: 1 });
    expect(m.pWait).toBeCloseTo(0.8, 14);
    expect(m.meanResponseMs).toBeCloseTo(500, 9);
    expect(m.meanWaitMs).toBeCloseTo(400, 9);
    for (const t of [10, 250, 1000, 4000]) expect(mmcResponseSurvival(m, t)).toBeCloseTo(Math.exp(-t / 500), 12);
    expect(mmcResponseQuantileMs(m, 0.99)).toBeCloseTo(500 * Math.log(100), 6);
    expect(mmcWaitQuantileMs(m, 0.99)).toBeCloseTo(500 * Math.log(0.8 / 0.01), 6);
  });

  it('obeys Little: Lq = λ·Wq and L = λ·W', () => {
    const m = stable({ ratePerSec: 21, serviceMs: 100, workers: 3 });
    expect(m.meanQueueLength).toBeCloseTo((21 / 1000) * m.meanWaitMs, 12);
    expect(m.meanInSystem).toBeCloseTo((21 / 1000) * (m.meanWaitMs + 100), 12);
    expect(m.meanWaitMs).toBeCloseTo(erlangC(3, 2.1) / (3 / 100 - 21 / 1000), 9);
  });

  it('puts the wait quantile at 0 when q ≤ 1 − C, and on the exponential tail above', () => {
    const m = stable({ ratePerSec: 21, serviceMs: 100, workers: 3 });
    const c = m.pWait;
    expect(mmcWaitQuantileMs(m, 1 - c - 0.01)).toBe(0);
    expect(mmcWaitQuantileMs(m, 1 - c)).toBe(0);
    const t = mmcWaitQuantileMs(m, 0.99);
    expect(t).toBeGreaterThan(0);
    expect(mmcWaitSurvival(m, t)).toBeCloseTo(0.01, 12);
  });

  it('has the response-time distribution of wait + service (checked by numerical convolution)', () => {
    for (const m of [stable({ ratePerSec: 21, serviceMs: 100, workers: 3 }), stable({ ratePerSec: 10, serviceMs: 100, workers: 2 })]) {
      // P(T > t) = P(S > t) + ∫_0^t f_S(s) P(Wq > t − s) ds, S ~ Exp(μ); Simpson's rule on 4000 panels.
      const mu = 1 / m.serviceMs;
      for (const t of [50, 200, 600]) {
        const n = 4000;
        const h = t / n;
        let integral = 0;
        for (let i = 0; i <= n; i++) {
          const s = i * h;
          const w = i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2;
          integral += w * mu * Math.exp(-mu * s) * mmcWaitSurvival(m, t - s);
        }
        const expected = Math.exp(-mu * t) + (integral * h) / 3;
        expect(mmcResponseSurvival(m, t)).toBeCloseTo(expected, 9);
      }
    }
  });

  it('finds the response quantile where the survival function crosses 1 − q', () => {
    const m = stable({ ratePerSec: 9000, serviceMs: 1, workers: 10 });
    for (const q of [0.5, 0.9, 0.99, 0.999]) {
      const t = mmcResponseQuantileMs(m, q);
      expect(mmcResponseSurvival(m, t)).toBeCloseTo(1 - q, 10);
    }
  });

  it('refuses to give numbers when ρ ≥ 1', () => {
    for (const ratePerSec of [30, 31.5]) {
      const m = analyzeMmc({ ratePerSec, serviceMs: 100, workers: 3 });
      expect(m.stable).toBe(false);
      if (m.stable) return;
      expect(m.utilization).toBeCloseTo(ratePerSec / 30, 12);
      expect(m.reason).toMatch(/^utilisation 1(\.05)? ≥ 1: the queue grows without bound$/);
      expect(Object.keys(m).sort()).toEqual(['reason', 'stable', 'utilization']);
    }
  });

  it('rejects bad inputs with E_PLAN_INVALID, naming every problem', () => {
    expect(() => analyzeMmc({ ratePerSec: -1, serviceMs: 0, workers: 1.5 })).toThrow(
      expect.objectContaining({ code: 'E_PLAN_INVALID', message: expect.stringMatching(/ratePerSec.*-1.*serviceMs.*0.*workers.*1\.5/) }),
    );
  });
});
