import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseResult, RunResultSchema, type Observed, type RunResult } from '../../../src/results/index.js';
import { describeObserved, formatRunSummary, renderRunReport } from '../../../src/report/index.js';
import { seedRun } from '../../fixtures/results/load-fixtures.js';

const GUNICORN: Observed = { queue: 'exact', busy: 'estimated', note: 'gunicorn has no stats server; caplab counts accepted open connections' };

function observedRun(observed: Observed): RunResult {
  const seed = seedRun();
  return RunResultSchema.parse({ ...seed, stack: { ...seed.stack, observed } });
}

/** The text of the `<p>` with `id`, or null. */
function notice(html: string, id: string): string | null {
  const m = new RegExp(`<p[^>]* id="${id}"[^>]*>([^]*?)</p>`).exec(html);
  return m ? m[1]! : null;
}

describe('what the pool let caplab observe', () => {
  it('names an estimate in one line of the console summary, above the plain-language summary', () => {
    const lines = formatRunSummary(observedRun(GUNICORN)).split('\n');
    const at = lines.findIndex((l) => l.startsWith('busy workers are estimated'));
    expect(lines[at]).toBe('busy workers are estimated: gunicorn has no stats server; caplab counts accepted open connections');
    expect(lines.filter((l) => l.includes('gunicorn has no stats server'))).toHaveLength(1);
    expect(at).toBe(1);
  });

  it('names a sampled or unseen queue and busy count together', () => {
    expect(describeObserved({ observed: { queue: 'none', busy: 'sampled', note: 'why' } })).toBe(
      'the listen queue is not observed (0 on the charts); busy workers are sampled: why',
    );
    expect(describeObserved({ observed: { queue: 'sampled', busy: 'exact' } })).toBe('the listen queue is sampled');
  });

  it('says nothing when both were exact, or for an older result without the field', () => {
    const exact = observedRun({ queue: 'exact', busy: 'exact' });
    expect(describeObserved(exact.stack)).toBeNull();
    expect(formatRunSummary(exact)).toBe(formatRunSummary(seedRun()));
    expect(notice(renderRunReport(exact), 'observed')).toBeNull();
    expect(notice(renderRunReport(seedRun()), 'observed')).toBeNull();
  });

  it('shows a notice above the summary in the HTML report when not exact', () => {
    const html = renderRunReport(observedRun(GUNICORN));
    expect(notice(html, 'observed')).toBe('busy workers are estimated: gunicorn has no stats server; caplab counts accepted open connections');
    expect(html.indexOf('id="observed"')).toBeLessThan(html.indexOf('id="summary"'));
  });

  it('reads an older results.json without stack.observed, and rejects an unknown observation', async () => {
    const raw = JSON.parse(await readFile(new URL('../../fixtures/results/seed-results.json', import.meta.url), 'utf8')) as { stack: Record<string, unknown> };
    expect(raw.stack.observed).toBeUndefined();
    const old = parseResult(raw, 'seed-results.json') as RunResult;
    expect(old.stack.observed).toBeUndefined();
    expect(() => RunResultSchema.parse({ ...raw, stack: { ...raw.stack, observed: { queue: 'guessed', busy: 'exact' } } })).toThrow();
  });
});
