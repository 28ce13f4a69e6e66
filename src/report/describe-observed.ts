import type { Observed } from '../results/index.js';

const QUEUE: Record<Observed['queue'], string> = { exact: '', sampled: 'the listen queue is sampled', none: 'the listen queue is not observed (0 on the charts)' };
const BUSY: Record<Observed['busy'], string> = {
  exact: '',
  sampled: 'busy workers are sampled',
  estimated: 'busy workers are estimated',
  none: 'busy workers are not observed (0 on the charts)',
};

/**
 * One line saying what the run's queue and busy-worker figures are worth,
 * e.g. "busy workers are estimated: gunicorn has no stats server; caplab
 * counts accepted open connections"; null when both were seen exactly, or
 * the result predates the `observed` field.
 */
export function describeObserved(from: { readonly observed?: Observed | undefined }): string | null {
  const o = from.observed;
  if (o === undefined) return null;
  const parts = [QUEUE[o.queue], BUSY[o.busy]].filter((p) => p !== '');
  if (parts.length === 0) return null;
  return `${parts.join('; ')}${o.note !== undefined ? `: ${o.note}` : ''}`;
}
