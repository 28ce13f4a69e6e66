import { caplabError } from '../errors.js';
import { parseDurationMs } from './parse-duration.js';
import type { ServiceSpec } from './service-spec.js';

/**
 * Parses a service-time distribution as the `--service` flag writes it:
 *   exp:120ms (or exponential:)   mean 120 ms
 *   const:100ms (or constant:)    always 100 ms; a bare duration means the same
 *   uniform:50ms..150ms           uniform between the two
 *   lognormal:100ms,0.5           mean 100 ms, log-space σ 0.5
 * Durations as in parse-duration.ts. Throws E_SERVICE_INVALID, quoting the
 * text and saying what was wrong, otherwise.
 */
export function parseService(text: string): ServiceSpec {
  const fail = (why: string): never => {
    throw caplabError('E_SERVICE_INVALID', `--service ${why}, got ${JSON.stringify(text)}`);
  };
  const colon = text.indexOf(':');
  const kind = colon < 0 ? 'const' : text.slice(0, colon).trim().toLowerCase();
  const rest = colon < 0 ? text : text.slice(colon + 1);
  const duration = (part: string, what: string, positive: boolean): number => {
    const ms = parseDurationMs(part);
    if (ms === null || ms < 0 || (positive && ms === 0)) fail(`${what} must be a duration ${positive ? '> 0' : '≥ 0'} such as 120ms or 1.5s`);
    return ms as number;
  };
  switch (kind) {
    case 'exp':
    case 'exponential':
      return { dist: 'exponential', meanMs: duration(rest, 'the mean', true) };
    case 'const':
    case 'constant':
      return { dist: 'constant', valueMs: duration(rest, 'the value', false) };
    case 'uniform': {
      const parts = rest.split('..');
      if (parts.length !== 2) fail("uniform needs 'min..max', such as uniform:50ms..150ms");
      const minMs = duration(parts[0] as string, 'the minimum', false);
      const maxMs = duration(parts[1] as string, 'the maximum', false);
      if (maxMs < minMs) fail('uniform needs min ≤ max');
      return { dist: 'uniform', minMs, maxMs };
    }
    case 'lognormal': {
      const parts = rest.split(',');
      if (parts.length !== 2) fail("lognormal needs 'mean,sigma', such as lognormal:100ms,0.5");
      const meanMs = duration(parts[0] as string, 'the mean', true);
      const sigma = Number((parts[1] as string).trim());
      if ((parts[1] as string).trim() === '' || !Number.isFinite(sigma) || sigma < 0) fail('lognormal sigma must be a number ≥ 0');
      return { dist: 'lognormal', meanMs, sigma };
    }
    default:
      return fail(`distribution must be exp, const, uniform or lognormal`);
  }
}
