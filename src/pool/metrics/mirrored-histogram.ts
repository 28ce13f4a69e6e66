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
 * type (from an unregistered twin) and replaces the values, in `get()` and
 * in the `getForPromString()` prom-client's Registry actually calls; the
 * registry formats them as usual.
 */
export class MirroredHistogram extends Histogram {
  private readonly metricName: string;
  /** An unregistered, never observed twin: the source of prom-client's own name, help, type and aggregator fields. */
  private readonly template: Histogram;

  constructor(
    options: { readonly name: string; readonly help: string; readonly registry: Registry },
    private readonly read: () => HistogramState | null,
  ) {
    super({ name: options.name, help: options.help, registers: [options.registry] });
    this.metricName = options.name;
    this.template = new Histogram({ name: options.name, help: options.help, registers: [] });
  }

  override get(): ReturnType<Histogram['get']> {
    return this.mirrored();
  }

  /** What prom-client's Registry calls when it formats the text (not in its type declarations). */
  getForPromString(): ReturnType<Histogram['get']> {
    return this.mirrored();
  }

  private async mirrored(): ReturnType<Histogram['get']> {
    const base = await this.template.get();
    const state = this.read();
    if (state === null) return { ...base, values: [] };
    const name = this.metricName;
    return {
      ...base,
      values: [
        ...state.le.map((le, i) => ({ metricName: `${name}_bucket`, labels: { le }, value: state.buckets[i] ?? 0 })),
        { metricName: `${name}_bucket`, labels: { le: '+Inf' }, value: state.count },
        { metricName: `${name}_sum`, labels: {}, value: state.sum },
        { metricName: `${name}_count`, labels: {}, value: state.count },
      ],
    };
  }
}
