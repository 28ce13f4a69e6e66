/**
 * A binary min-heap of (time, value) pairs, for the simulator's event lists.
 * Pairs are interleaved in one Float64Array ([t0, v0, t1, v1, …]) so a sift
 * touches one cache line per level. It never allocates after construction
 * (it grows by doubling if pushed past its capacity). Ties come out in an
 * order that depends only on the sequence of operations, so runs are
 * reproducible.
 */
export class TimeHeap {
  private data: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.data = new Float64Array(2 * Math.max(1, capacity));
  }

  /** The smallest time, or Infinity when empty. */
  topTime(): number {
    return this.size > 0 ? (this.data[0] as number) : Infinity;
  }

  /** The value paired with the smallest time (meaningless when empty). */
  topValue(): number {
    return this.data[1] as number;
  }

  push(time: number, value: number): void {
    if (2 * this.size === this.data.length) this.grow();
    const d = this.data;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = d[2 * parent] as number;
      if (pt <= time) break;
      d[2 * i] = pt;
      d[2 * i + 1] = d[2 * parent + 1] as number;
      i = parent;
    }
    d[2 * i] = time;
    d[2 * i + 1] = value;
  }

  /** Removes the top. */
  pop(): void {
    const last = --this.size;
    if (last > 0) this.siftDown(this.data[2 * last] as number, this.data[2 * last + 1] as number);
  }

  /** Replaces the top with (time, value): one sift instead of a pop and a push. */
  replaceTop(time: number, value: number): void {
    this.siftDown(time, value);
  }

  private siftDown(time: number, value: number): void {
    const d = this.data;
    const n = this.size;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      let ct = d[2 * child] as number;
      const right = child + 1;
      if (right < n) {
        const rt = d[2 * right] as number;
        if (rt < ct) {
          child = right;
          ct = rt;
        }
      }
      if (ct >= time) break;
      d[2 * i] = ct;
      d[2 * i + 1] = d[2 * child + 1] as number;
      i = child;
    }
    d[2 * i] = time;
    d[2 * i + 1] = value;
  }

  private grow(): void {
    const data = new Float64Array(this.data.length * 2);
    data.set(this.data);
    this.data = data;
  }
}
