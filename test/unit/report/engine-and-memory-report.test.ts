import { describe, expect, it } from 'vitest';
import { RunResultSchema, SweepResultSchema, type EngineDescription, type RunResult } from '../../../src/results/index.js';
import { describePoolMemory, formatRunSummary, renderMultiReport, renderRunReport, renderSweepReport } from '../../../src/report/index.js';
import { poissonSweep, seedRun } from '../../fixtures/results/load-fixtures.js';
import { seedMulti } from '../../fixtures/results/multi-fixture.js';

const LOCUST: EngineDescription = { name: 'locust', workers: 3, version: '2.32.4', workerRecords: [1, 1, 1] };
const DEGRADED = 'locust worker 2 (pid 4242) was killed (SIGKILL) at t = 1.5 s before finishing its share';
const MiB = 1024 * 1024;

function withEngine(engine: EngineDescription | undefined, extra: Partial<RunResult> = {}): RunResult {
  const { engine: _, ...seed } = seedRun();
  return RunResultSchema.parse({ ...seed, ...(engine ? { engine } : {}), ...extra });
}

/** The header facts of an HTML report, as [label, value] pairs (entities decoded for the few the escaper writes). */
function facts(html: string): Map<string, string> {
  const decode = (s: string): string => s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return new Map([...html.matchAll(/<dt>([^<]*)<\/dt><dd>([^<]*)<\/dd>/g)].map((m) => [decode(m[1]!), decode(m[2]!)]));
}

/** The text of each `<p class="notice …">`. */
function notices(html: string): string[] {
  return [...html.matchAll(/<p class="notice[^"]*"[^>]*>([^<]*)<\/p>/g)].map((m) => m[1]!);
}

describe('which engine sent the load, in the reports', () => {
  it('names Locust, its version, workers and records per worker in the run report header', () => {
    const f = facts(renderRunReport(withEngine(LOCUST)));
    expect(f.get('load engine')).toBe('Locust 2.32.4, 3 worker processes');
    expect(f.get('records per worker')).toBe('1, 1, 1 (3 in all)');
  });

  it('shows a visible "degraded: …" notice above the summary when a Locust worker did not finish', () => {
    const html = renderRunReport(withEngine({ ...LOCUST, workerRecords: [2, 0, 1], degraded: DEGRADED }));
    expect(notices(html)).toContain(`degraded: ${DEGRADED}`);
    expect(html.indexOf('id="engine-degraded"')).toBeGreaterThan(0);
    expect(html.indexOf('id="engine-degraded"')).toBeLessThan(html.indexOf('id="summary"'));
  });

  it("says caplab's own for caplab's engine and for older files, with no records row and no notice", () => {
    for (const run of [withEngine({ name: 'caplab' }), withEngine(undefined)]) {
      const html = renderRunReport(run);
      expect(facts(html).get('load engine')).toBe("caplab's own");
      expect(facts(html).has('records per worker')).toBe(false);
      expect(html).not.toContain('engine-degraded');
    }
  });

  it('names the engine, each stack\'s records per worker and each degraded stack in the multi-stack report', () => {
    const multi = seedMulti();
    const runs = multi.runs.map((r) =>
      'result' in r ? { ...r, result: { ...r.result, engine: r.stack === 'embedded' ? LOCUST : { ...LOCUST, workerRecords: [3, 0, 0], degraded: DEGRADED } } } : r,
    );
    const html = renderMultiReport({ ...multi, runs });
    const f = facts(html);
    expect(f.get('load engine')).toBe('Locust 2.32.4, 3 worker processes');
    expect(f.get('records per worker, embedded')).toBe('1, 1, 1 (3 in all)');
    expect(f.get('records per worker, nginx+uwsgi')).toBe('3, 0, 0 (3 in all)');
    expect(notices(html)).toEqual([`nginx+uwsgi: degraded: ${DEGRADED}`]);
    expect(facts(renderMultiReport(seedMulti())).get('load engine')).toBe("caplab's own");
  });

  it('names the engine, each run\'s records per worker and each degraded run in the sweep report', () => {
    const sweep = poissonSweep();
    const runs = sweep.runs.map((r, i) => ({ ...r, engine: i === 1 ? { ...LOCUST, workerRecords: [5, 4, 0], degraded: DEGRADED } : { ...LOCUST, workerRecords: [3, 3, 3] } }));
    const html = renderSweepReport(SweepResultSchema.parse({ ...sweep, runs }));
    expect(facts(html).get('load engine')).toBe('Locust 2.32.4, 3 worker processes');
    expect(html).toContain('<th scope="col">records per Locust worker</th>');
    expect(html).toContain('<td>5, 4, 0 (9 in all)</td>');
    expect(notices(html)).toEqual([`${sweep.runs[1]!.workers} workers: degraded: ${DEGRADED}`]);
    const plain = renderSweepReport(sweep);
    expect(facts(plain).get('load engine')).toBe("caplab's own");
    expect(plain).not.toContain('records per Locust worker');
  });
});

describe("the workers' peak RSS, in the reports", () => {
  const memory = { peakWorkerRssBytes: 52 * MiB, peakTotalWorkersRssBytes: 101 * MiB, samples: 12, source: 'pool stats' as const };

  it('is one line of the console summary and a fact of the HTML report', () => {
    const run = withEngine(undefined, { poolMemory: memory });
    const line = "peak RSS 52 MiB for one worker, 101 MiB for all workers (from the pool's stats, 12 samples)";
    expect(describePoolMemory(run)).toBe(line);
    expect(formatRunSummary(run).split('\n').filter((l) => l.startsWith('worker memory: '))).toEqual([`worker memory: ${line}`]);
    expect(facts(renderRunReport(run)).get('worker memory')).toBe(line);
  });

  it('names /proc as the source for gunicorn, and is absent for an older file', () => {
    expect(describePoolMemory({ poolMemory: { ...memory, source: '/proc', samples: 1 } })).toBe('peak RSS 52 MiB for one worker, 101 MiB for all workers (from /proc, 1 sample)');
    const old = seedRun();
    expect(describePoolMemory(old)).toBeNull();
    expect(formatRunSummary(old)).not.toContain('worker memory');
    expect(facts(renderRunReport(old)).has('worker memory')).toBe(false);
  });

  it('is rejected by the schema when it is not a positive whole number of bytes', () => {
    const parsed = RunResultSchema.safeParse({ ...seedRun(), poolMemory: { ...memory, peakWorkerRssBytes: 0 } });
    expect(parsed.success).toBe(false);
  });
});
