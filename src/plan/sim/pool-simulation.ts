import type { SimConfig } from './check-simulation.js';
import { createRng, type Rng, type Sampler } from '../../random/index.js';
import { OpenArrivals } from './open-arrivals.js';
import { QuantileSketch } from './quantile-sketch.js';
import { RecordStore } from './record-store.js';
import { RequestQueue } from './request-queue.js';
import { TimeHeap } from './time-heap.js';

/**
 * The event loop of one simulated prefork pool, in virtual ms.
 *
 * Semantics (uWSGI behind nginx, see REFERENCE.md):
 * - A free worker takes an arriving request at once; otherwise it joins the
 *   FIFO listen queue, or is refused (503) when `listen` requests already
 *   wait. A worker that finishes takes the head of the queue at that instant
 *   (a completion at time t is processed before an arrival at t).
 * - A request whose service exceeds `harakiriMs` is killed at start +
 *   harakiriMs (502); its worker is back after `respawnMs` more.
 * - With `threads` T the pool has workers × T servers (one per thread), all
 *   fed by the one queue; records name the worker of the thread.
 * - Recycling (uWSGI's max-requests): a server that has served
 *   `recycleEvery` requests is away for `recycleMs` after the last one (its
 *   process respawning); the request itself is unaffected.
 * - If the client's response would come later than arrival +
 *   `upstreamTimeoutMs`, the client sees 504 at exactly that time; the worker
 *   still serves the request to its end (or to harakiri), queued or not.
 * Since every outcome is fixed once a request starts, the only events are
 * arrivals, completions and, for closed-loop clients only, the time-out at
 * which a client that is still queued gives up and thinks again.
 *
 * Two binary heaps in typed arrays hold the events: worker completions
 * (value = worker) and arrivals (value = slot, or (id + 1)·slots + slot for a
 * client's time-out check on request `id`). A slot is an open spec or one
 * closed-loop client. The hot loop allocates nothing.
 */
export class PoolSimulation {
  readonly waits: QuantileSketch;
  readonly latencies: QuantileSketch;
  readonly records: RecordStore | null;
  count = 0;
  served = 0;
  refused = 0;
  timeouts = 0;
  killed = 0;
  waited = 0;
  busyMeasured = 0;
  serviceMeasured = 0;
  firstMeasuredArrival = Infinity;
  lastArrival = -Infinity;
  maxQueue = 0;
  events = 0;
  now = 0;
  firstArrival = Infinity;
  truncated = false;

  private readonly rng: Rng;
  private readonly completions: TimeHeap;
  private readonly arrivals: TimeHeap;
  private readonly free: Int32Array;
  private freeTop: number;
  private readonly queue = new RequestQueue();
  private readonly slots: number;
  private readonly slotSpec: Int32Array;
  private readonly slotOpen: (OpenArrivals | null)[] = [];
  private readonly outstanding: Float64Array;
  private readonly services: readonly Sampler[];
  private readonly thinks: readonly Sampler[];
  private readonly remaining: Float64Array;
  private readonly endMs: Float64Array;
  private nextId = 0;
  private readonly listen: number;
  private readonly harakiriMs: number;
  private readonly respawnMs: number;
  private readonly timeoutMs: number;
  private readonly warmupMs: number;
  private readonly maxRequests: number;
  private readonly threads: number;
  private readonly recycleEvery: number;
  private readonly recycleMs: number;
  /** Requests each server has served since its last recycle. */
  private readonly sinceRecycle: Float64Array;

  constructor(cfg: SimConfig) {
    this.threads = cfg.threads;
    this.recycleEvery = cfg.recycleEvery;
    this.recycleMs = cfg.recycleMs;
    this.listen = cfg.listen;
    this.harakiriMs = cfg.harakiriMs;
    this.respawnMs = cfg.respawnMs;
    this.timeoutMs = cfg.upstreamTimeoutMs;
    this.warmupMs = cfg.warmupMs;
    this.maxRequests = cfg.maxRequests;
    this.rng = createRng(cfg.seed);
    this.waits = new QuantileSketch(cfg.exactLimit);
    this.latencies = new QuantileSketch(cfg.exactLimit);
    this.records = cfg.records ? new RecordStore() : null;
    this.services = cfg.services;
    this.thinks = cfg.thinks;
    const c = cfg.workers * cfg.threads;
    this.sinceRecycle = new Float64Array(c);
    this.completions = new TimeHeap(c);
    this.free = new Int32Array(c);
    for (let k = 0; k < c; k++) this.free[k] = c - 1 - k;
    this.freeTop = c;

    const specSlots = cfg.specs.map((s) => (s.kind === 'closed' ? s.clients : 1));
    this.slots = specSlots.reduce((a, b) => a + b, 0);
    this.slotSpec = new Int32Array(this.slots);
    this.outstanding = new Float64Array(this.slots).fill(-1);
    this.remaining = new Float64Array(cfg.specs.length);
    this.endMs = new Float64Array(cfg.specs.length);
    this.arrivals = new TimeHeap(this.slots * 2);
    let slot = 0;
    cfg.specs.forEach((spec, i) => {
      if (spec.kind === 'closed') {
        const start = spec.startMs ?? 0;
        this.remaining[i] = spec.amount ?? Infinity;
        this.endMs[i] = spec.durationMs === undefined ? Infinity : start + spec.durationMs;
        for (let k = 0; k < spec.clients; k++, slot++) {
          this.slotSpec[slot] = i;
          this.slotOpen.push(null);
          if (start < (this.endMs[i] as number)) this.arrivals.push(start, slot);
        }
      } else {
        const open = new OpenArrivals(spec);
        this.slotSpec[slot] = i;
        this.slotOpen.push(open);
        const t = open.next(this.rng);
        if (t < Infinity) this.arrivals.push(t, slot);
        slot++;
      }
    });
  }

  /** Runs until no event is left. */
  run(): void {
    const completions = this.completions;
    const arrivals = this.arrivals;
    for (;;) {
      const tc = completions.topTime();
      const ta = arrivals.topTime();
      if (tc <= ta) {
        if (tc === Infinity) break;
        this.complete(tc);
      } else {
        this.arrive(ta);
      }
    }
  }

  private complete(t: number): void {
    this.now = t;
    this.events++;
    const completions = this.completions;
    const worker = completions.topValue();
    const q = this.queue;
    if (q.size > 0) {
      const i = q.head;
      const arrival = q.arrival[i] as number;
      const service = q.service[i] as number;
      const slot = q.slot[i] as number;
      const id = q.id[i] as number;
      q.shift();
      completions.replaceTop(this.begin(t, worker, arrival, service, slot, id), worker);
    } else {
      completions.pop();
      this.free[this.freeTop++] = worker;
    }
  }

  private arrive(t: number): void {
    this.now = t;
    this.events++;
    const arrivals = this.arrivals;
    const value = arrivals.topValue();
    if (value >= this.slots) {
      arrivals.pop();
      const slot = value % this.slots;
      const id = (value - slot) / this.slots - 1;
      if (this.outstanding[slot] === id) {
        this.outstanding[slot] = -1;
        this.scheduleClient(slot, t);
      }
      return;
    }
    const slot = value;
    const spec = this.slotSpec[slot] as number;
    const open = this.slotOpen[slot] as OpenArrivals | null;
    if (this.nextId >= this.maxRequests) {
      this.truncated = true;
      arrivals.size = 0;
      return;
    }
    if (open === null && (this.remaining[spec] as number) <= 0) {
      arrivals.pop();
      return;
    }
    const id = this.nextId++;
    if (t < this.firstArrival) this.firstArrival = t;
    if (t >= this.warmupMs && t < this.firstMeasuredArrival) this.firstMeasuredArrival = t;
    this.lastArrival = t;
    const service = (this.services[spec] as Sampler)(this.rng);
    if (open !== null) {
      const next = open.next(this.rng);
      if (next < Infinity) arrivals.replaceTop(next, slot);
      else arrivals.pop();
    } else {
      arrivals.pop();
      this.remaining[spec]--;
      this.outstanding[slot] = id;
    }
    if (this.freeTop > 0) {
      const worker = this.free[--this.freeTop] as number;
      this.completions.push(this.begin(t, worker, t, service, slot, id), worker);
    } else if (this.queue.size < this.listen) {
      this.queue.push(t, service, slot, id);
      if (this.queue.size > this.maxQueue) this.maxQueue = this.queue.size;
      if (open === null && this.timeoutMs < Infinity) {
        arrivals.push(t + this.timeoutMs, (id + 1) * this.slots + slot);
      }
    } else {
      this.refuse(t, slot, spec, id);
    }
  }

  /** A worker takes a request at `t`; returns when the worker is free again. */
  private begin(t: number, worker: number, arrival: number, service: number, slot: number, id: number): number {
    const harakiri = this.harakiriMs;
    const warmup = this.warmupMs;
    let busy = service;
    let clientEnd = t + service;
    let status: 200 | 502 | 504 = 200;
    if (service > harakiri) {
      busy = harakiri + this.respawnMs;
      clientEnd = t + harakiri;
      status = 502;
    }
    if (clientEnd - arrival > this.timeoutMs) {
      status = 504;
      clientEnd = arrival + this.timeoutMs;
    }
    if (status !== 502 && ++this.sinceRecycle[worker]! >= this.recycleEvery) {
      this.sinceRecycle[worker] = 0;
      busy += this.recycleMs;
    } else if (status === 502) this.sinceRecycle[worker] = 0;
    const end = t + busy;
    if (end > warmup) this.busyMeasured += end - (t > warmup ? t : warmup);
    if (arrival >= warmup) {
      this.count++;
      this.serviceMeasured += service;
      if (status === 200) this.served++;
      else if (status === 504) this.timeouts++;
      else this.killed++;
      const wait = t - arrival;
      if (wait > 0) this.waited++;
      this.waits.add(wait);
      this.latencies.add(clientEnd - arrival);
    }
    if (this.records !== null) {
      const spent = service > harakiri ? harakiri : service;
      this.records.set(id, this.slotSpec[slot] as number, arrival, t, spent, clientEnd - arrival, status, Math.floor(worker / this.threads));
    }
    if (this.outstanding[slot] === id) {
      this.outstanding[slot] = -1;
      this.scheduleClient(slot, clientEnd);
    }
    return end;
  }

  private refuse(t: number, slot: number, spec: number, id: number): void {
    if (t >= this.warmupMs) {
      this.count++;
      this.refused++;
    }
    this.records?.set(id, spec, t, t, 0, 0, 503, -1);
    if (this.outstanding[slot] === id) {
      this.outstanding[slot] = -1;
      this.scheduleClient(slot, t);
    }
  }

  /** A closed-loop client got its answer at `at`: it thinks, then sends again if its spec allows. */
  private scheduleClient(slot: number, at: number): void {
    const spec = this.slotSpec[slot] as number;
    if ((this.remaining[spec] as number) <= 0) return;
    const next = at + (this.thinks[spec] as Sampler)(this.rng);
    if (next < (this.endMs[spec] as number)) this.arrivals.push(next, slot);
  }
}
