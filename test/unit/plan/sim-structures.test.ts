import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/random/index.js';
import { QuantileSketch } from '../../../src/plan/sim/quantile-sketch.js';
import { RequestQueue } from '../../../src/plan/sim/request-queue.js';
import { TimeHeap } from '../../../src/plan/sim/time-heap.js';

describe('TimeHeap', () => {
  it('pops times in order with their values, through growth and replaceTop', () => {
    const rng = createRng(3);
    const heap = new TimeHeap(4);
    const want: number[] = [];
    for (let i = 0; i < 5_000; i++) {
      const t = Math.floor(rng.next() * 1_000);
      heap.push(t, t * 2 + 1);
      want.push(t);
    }
    // Replace the top a few times: the replaced element leaves, the new one joins.
    for (let i = 0; i < 100; i++) {
      const top = heap.topTime();
      want.splice(want.indexOf(top), 1);
      const t = 500 + i;
      heap.replaceTop(t, t * 2 + 1);
      want.push(t);
    }
    want.sort((a, b) => a - b);
    const got: number[] = [];
    let pairedRight = true;
    while (heap.size > 0) {
      pairedRight &&= heap.topValue() === heap.topTime() * 2 + 1;
      got.push(heap.topTime());
      heap.pop();
    }
    expect(got).toEqual(want);
    expect(pairedRight).toBe(true);
    expect(heap.topTime()).toBe(Infinity);
  });
});

describe('RequestQueue', () => {
  it('is FIFO across wrap-around and growth', () => {
    const q = new RequestQueue(16);
    let next = 0;
    let expected = 0;
    for (let round = 0; round < 50; round++) {
      for (let k = 0; k < 7 + round; k++, next++) q.push(next, next + 0.5, next % 3, next);
      for (let k = 0; k < 5; k++, expected++) {
        const i = q.head;
        expect([q.arrival[i], q.service[i], q.slot[i], q.id[i]]).toEqual([expected, expected + 0.5, expected % 3, expected]);
        q.shift();
      }
    }
    expect(q.size).toBe(next - expected);
  });
});

describe('QuantileSketch', () => {
  it('gives exact nearest-rank quantiles below its exact limit', () => {
    const s = new QuantileSketch(1_000);
    for (let v = 1; v <= 200; v++) s.add(v);
    expect([s.quantile(0.5), s.quantile(0.9), s.quantile(0.99), s.quantile(1), s.quantile(0)]).toEqual([100, 180, 198, 200, 1]);
    expect(s.stats()).toMatchObject({ count: 200, mean: 100.5, min: 1, max: 200 });
  });

  it('stays within 0.05 % relative past the limit, with exact count, mean, min, max and zeros', () => {
    const rng = createRng(21);
    const values: number[] = [];
    const s = new QuantileSketch(1_000);
    for (let i = 0; i < 50_000; i++) {
      const v = i % 10 === 0 ? 0 : Math.exp(rng.next() * 12) / 10;
      values.push(v);
      s.add(v);
    }
    values.sort((a, b) => a - b);
    for (const q of [0.05, 0.5, 0.9, 0.99, 0.999]) {
      const exact = values[Math.ceil(q * values.length) - 1] as number;
      if (exact === 0) expect(s.quantile(q)).toBe(0);
      else expect(Math.abs(s.quantile(q) / exact - 1)).toBeLessThanOrEqual(2 ** -11);
    }
    const st = s.stats();
    expect(st.count).toBe(50_000);
    expect(st.min).toBe(0);
    expect(st.max).toBe(values[values.length - 1]);
    expect(st.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);
  });

  it('reports zeros when empty', () => {
    expect(new QuantileSketch().stats()).toEqual({ count: 0, mean: 0, min: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 });
  });
});
