import { formatIssues } from '../config/index.js';
import { ServiceSchema, type ServiceDist } from '../scenario/index.js';
import { PlanInputError } from './plan-input-error.js';

const ALIASES: Readonly<Record<string, string>> = {
  exp: 'exponential',
  exponential: 'exponential',
  const: 'constant',
  constant: 'constant',
  uniform: 'uniform',
  lognormal: 'lognormal',
  gamma: 'gamma',
  empirical: 'empirical',
};

/** `median=100ms` or `median:100ms` → ['median', '100ms']; a part without a label → [fallback, part]. */
function labelled(part: string, labels: readonly string[], fallback: string): [string, string] {
  const m = /^\s*([a-z][a-z0-9]*)\s*[=:]\s*(.*)$/i.exec(part);
  if (m && labels.includes((m[1] as string).toLowerCase())) return [(m[1] as string).toLowerCase(), (m[2] as string).trim()];
  return [fallback, part.trim()];
}

/** A number where the text is one, so the schema can check its range; otherwise the text, which the schema refuses with a quote. */
function numeric(text: string): number | string {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

/** The text form as the raw object the scenario schema reads. */
function toRaw(text: string): Record<string, unknown> {
  const colon = text.indexOf(':');
  const name = colon < 0 ? 'const' : text.slice(0, colon).trim().toLowerCase();
  const rest = colon < 0 ? text : text.slice(colon + 1);
  const dist = ALIASES[name] ?? name;
  switch (dist) {
    case 'exponential': return { dist, mean: rest.trim() };
    case 'constant': return { dist, value: rest.trim() };
    case 'uniform': {
      const [min, max, ...extra] = rest.split('..');
      return extra.length > 0 || max === undefined ? { dist, min: rest.trim(), max: undefined } : { dist, min: (min ?? '').trim(), max: max.trim() };
    }
    case 'lognormal': {
      const [first = '', second, ...extra] = rest.split(',');
      const [where, at] = labelled(first, ['median', 'mean'], 'median');
      const sigma = second === undefined ? undefined : labelled(second, ['sigma'], 'sigma')[1];
      return { dist, [where]: at, sigma: sigma === undefined ? undefined : numeric(sigma), ...(extra.length > 0 ? { extra: extra.join(',') } : {}) };
    }
    case 'gamma': {
      const [first = '', second, ...extra] = rest.split(',');
      const cs2 = second === undefined ? undefined : labelled(second, ['cs2'], 'cs2')[1];
      return { dist, mean: labelled(first, ['mean'], 'mean')[1], cs2: cs2 === undefined ? undefined : numeric(cs2), ...(extra.length > 0 ? { extra: extra.join(',') } : {}) };
    }
    case 'empirical': return { dist, values: rest.split(',').map((v) => v.trim()) };
    default: return { dist: name };
  }
}

/**
 * Reads a service-time distribution written as text, the form `caplab plan
 * --service` takes, into caplab's one `ServiceDist`, checked by the same
 * schema (and limits) as scenario files:
 *   exp:120ms (or exponential:)        exponential, mean 120 ms
 *   const:100ms (or constant:)         always 100 ms; a bare duration means the same
 *   uniform:50ms..150ms                uniform between the two
 *   lognormal:100ms,0.5                lognormal with MEDIAN 100 ms and σ 0.5,
 *                                      as in scenario files (also `median=100ms`)
 *   lognormal:mean=100ms,0.5           lognormal with MEAN 100 ms and σ 0.5
 *   gamma:120ms,0.5                    gamma with MEAN 120 ms and Cs² 0.5
 *                                      (also `mean=120ms,cs2=0.5`)
 *   empirical:10ms,20ms,90ms           resampled values
 * Throws E_SERVICE_INVALID naming the field `{service}`, quoting the text
 * and every problem, otherwise.
 */
export function parseService(text: string): ServiceDist {
  const { extra, ...raw } = toRaw(text);
  const parsed = ServiceSchema.safeParse(raw, { reportInput: true });
  if (parsed.success && extra === undefined) return parsed.data;
  const problems = [
    ...(parsed.success ? [] : formatIssues(parsed.error.issues, { nameOf: (p) => (p.length === 0 ? 'it' : p.map(String).join('.')) })),
    ...(extra === undefined ? [] : [raw.dist === 'gamma' ? 'gamma takes two parts, the mean and Cs², such as gamma:120ms,0.5' : 'lognormal takes two parts, the median (or mean=) and sigma, such as lognormal:100ms,0.5']),
  ];
  throw new PlanInputError('E_SERVICE_INVALID', `{service} ${JSON.stringify(text)}: ${problems.join('; ')}`);
}
