import type { LogEntry } from './log-types.js';

/** Flags per request. */
export const FLAG = Object.freeze({ static: 1, retried: 2 });

/** An endpoint: method and normalised path, with the first raw path seen (what a replay sends). */
export interface Endpoint {
  readonly method: string;
  readonly path: string;
  readonly example: string;
}

/** Most distinct endpoints kept; later ones share one `(other)` endpoint. */
export const MAX_ENDPOINTS = 1_000;

const ID_SEGMENT = /^(\d+|[0-9a-f]{12,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** `/orders/123/items` → `/orders/:id/items`: numeric, long hex and UUID segments become `:id`. */
export function normalisePath(path: string): string {
  return path
    .split('/')
    .map((s) => (ID_SEGMENT.test(s) ? ':id' : s))
    .join('/');
}

/**
 * Every kept request as numbers in typed arrays that grow by doubling:
 * about 19 bytes a request, so a million lines take about 19 MB and no
 * line text or object outlives its parse.
 */
export class LogColumns {
  size = 0;
  arrivalMs = new Float64Array(1024);
  /** NaN when the request has no service time. */
  serviceMs = new Float32Array(1024);
  endpoint = new Uint32Array(1024);
  status = new Uint16Array(1024);
  flags = new Uint8Array(1024);
  readonly endpoints: Endpoint[] = [];
  private readonly ids = new Map<string, number>();

  /** Appends one entry, interning its endpoint. */
  push(e: LogEntry): void {
    if (this.size === this.arrivalMs.length) this.grow();
    const i = this.size;
    this.arrivalMs[i] = e.arrivalMs;
    this.serviceMs[i] = e.serviceMs ?? Number.NaN;
    this.endpoint[i] = this.intern(e.method, e.path);
    this.status[i] = e.status;
    this.flags[i] = (e.upstream ? 0 : FLAG.static) | (e.attempts > 1 ? FLAG.retried : 0);
    this.size += 1;
  }

  private intern(method: string, path: string): number {
    const normal = normalisePath(path);
    const key = `${method} ${normal}`;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    if (this.endpoints.length >= MAX_ENDPOINTS - 1) {
      const other = this.ids.get('(other)');
      if (other !== undefined) return other;
      this.endpoints.push({ method, path: '(other)', example: path });
      this.ids.set('(other)', this.endpoints.length - 1);
      return this.endpoints.length - 1;
    }
    this.endpoints.push({ method, path: normal, example: path });
    this.ids.set(key, this.endpoints.length - 1);
    return this.endpoints.length - 1;
  }

  private grow(): void {
    const n = this.arrivalMs.length * 2;
    const copy = <T extends Float64Array | Float32Array | Uint32Array | Uint16Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.arrivalMs = copy(this.arrivalMs, (k) => new Float64Array(k));
    this.serviceMs = copy(this.serviceMs, (k) => new Float32Array(k));
    this.endpoint = copy(this.endpoint, (k) => new Uint32Array(k));
    this.status = copy(this.status, (k) => new Uint16Array(k));
    this.flags = copy(this.flags, (k) => new Uint8Array(k));
  }

  /** Indices of the kept requests in arrival order (a stable sort: ties keep log order). */
  order(): Uint32Array {
    const idx = new Uint32Array(this.size);
    for (let i = 0; i < this.size; i += 1) idx[i] = i;
    const a = this.arrivalMs;
    return idx.sort((x, y) => (a[x] as number) - (a[y] as number) || x - y);
  }
}
