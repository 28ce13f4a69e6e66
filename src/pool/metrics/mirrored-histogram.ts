import { Histogram, type Registry } from 'prom-client';

/** A histogram's state, cumulative as Prometheus wants it: `buckets[i]` observations were ≤ `le[i]`. */
export interface HistogramState {
  readonly le: readonly number[];
  readonly buckets: readonly number[];
  readonly sum: number;
  readonly count: number;
}

/**
 * A prom-client Histogram whose buckets mirror counts kept elsewhere (the
 * pool's scoreboard, read through the stats document) instead of being fed
 * by `observe()`: each scrape reports `read()` as it is. prom-client has no
 * API to set bucket counts, so `get()` keeps prom-client's name, help and
 * type and replaces the values; the registry formats them as usual.
 */
export class MirroredHistogram extends Histogram {
  private readonly metricName: string;

  constructor(
    options: { readonly name: string; readonly help: string; readonly registry: Registry },
    private readonly read: () => HistogramState | null,
  ) {
    super({ name: options.name, help: options.help, registers: [options.registry] });
    this.metricName = options.name;
  }

  override async get(): ReturnType<Histogram['get']> {
    const base = await super.get();
    const state = this.read();
    if (state === null) return { ...base, values: [] };
    return {
      ...base,
      values: [
        ...state.le.map((le, i) => ({ metricName: `${this.metricName}_bucket`, labels: { le }, value: state.buckets[i] ?? 0 })),
        { metricName: `${this.metricName}_bucket`, labels: { le: '+Inf' }, value: state.count },
        { metricName: `${this.metricName}_sum`, labels: {}, value: state.sum },
        { metricName: `${this.metricName}_count`, labels: {}, value: state.count },
      ],
    };
  }
}
