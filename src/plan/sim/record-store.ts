import type { SimRecord, SimStatus } from './simulation-types.js';

/**
 * Per-request records in growable typed arrays, indexed by request id, so
 * that keeping records costs no object per request until `toRecords`.
 */
export class RecordStore {
  private arrival = new Float64Array(1024);
  private start = new Float64Array(1024);
  private service = new Float64Array(1024);
  private latency = new Float64Array(1024);
  private status = new Uint16Array(1024);
  private worker = new Int32Array(1024);
  private spec = new Int32Array(1024);
  private length = 0;

  /** Stores request `id`; `start`, `service` and `worker` are ignored for a 503. */
  set(id: number, spec: number, arrival: number, start: number, service: number, latency: number, status: SimStatus, worker: number): void {
    if (id >= this.arrival.length) this.grow(id + 1);
    this.arrival[id] = arrival;
    this.start[id] = start;
    this.service[id] = service;
    this.latency[id] = latency;
    this.status[id] = status;
    this.worker[id] = worker;
    this.spec[id] = spec;
    if (id >= this.length) this.length = id + 1;
  }

  /** The records in id order, naming each one's source from `names`. */
  toRecords(names: readonly string[]): SimRecord[] {
    const out: SimRecord[] = [];
    for (let id = 0; id < this.length; id++) {
      const status = this.status[id] as SimStatus;
      const refused = status === 503;
      const arrivalMs = this.arrival[id] as number;
      const startMs = this.start[id] as number;
      out.push({
        id,
        source: names[this.spec[id] as number] as string,
        arrivalMs,
        startMs: refused ? null : startMs,
        queueMs: refused ? null : startMs - arrivalMs,
        serviceMs: refused ? null : (this.service[id] as number),
        latencyMs: this.latency[id] as number,
        status,
        worker: refused ? null : (this.worker[id] as number),
      });
    }
    return out;
  }

  private grow(atLeast: number): void {
    let cap = this.arrival.length;
    while (cap < atLeast) cap *= 2;
    const f64 = (a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    this.arrival = f64(this.arrival);
    this.start = f64(this.start);
    this.service = f64(this.service);
    this.latency = f64(this.latency);
    const status = new Uint16Array(cap);
    status.set(this.status);
    this.status = status;
    const worker = new Int32Array(cap);
    worker.set(this.worker);
    this.worker = worker;
    const spec = new Int32Array(cap);
    spec.set(this.spec);
    this.spec = spec;
  }
}
