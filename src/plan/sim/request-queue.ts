/**
 * The listen queue: a FIFO ring buffer of waiting requests in parallel typed
 * arrays (arrival time, drawn service time, source slot, request id). It
 * grows by doubling, so an unbounded queue costs memory only as it fills.
 * To take the head, read the arrays at `head` and then call `shift()`.
 */
export class RequestQueue {
  arrival: Float64Array;
  service: Float64Array;
  slot: Int32Array;
  id: Float64Array;
  head = 0;
  size = 0;
  private mask: number;

  constructor(initialCapacity = 1024) {
    let cap = 16;
    while (cap < initialCapacity) cap *= 2;
    this.arrival = new Float64Array(cap);
    this.service = new Float64Array(cap);
    this.slot = new Int32Array(cap);
    this.id = new Float64Array(cap);
    this.mask = cap - 1;
  }

  push(arrival: number, service: number, slot: number, id: number): void {
    if (this.size > this.mask) this.grow();
    const i = (this.head + this.size) & this.mask;
    this.arrival[i] = arrival;
    this.service[i] = service;
    this.slot[i] = slot;
    this.id[i] = id;
    this.size++;
  }

  shift(): void {
    this.head = (this.head + 1) & this.mask;
    this.size--;
  }

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    const order = (from: Float64Array | Int32Array, to: Float64Array | Int32Array): void => {
      for (let k = 0; k < this.size; k++) to[k] = from[(this.head + k) & this.mask] as number;
    };
    const arrival = new Float64Array(cap);
    const service = new Float64Array(cap);
    const slot = new Int32Array(cap);
    const id = new Float64Array(cap);
    order(this.arrival, arrival);
    order(this.service, service);
    order(this.slot, slot);
    order(this.id, id);
    this.arrival = arrival;
    this.service = service;
    this.slot = slot;
    this.id = id;
    this.head = 0;
    this.mask = cap - 1;
  }
}
