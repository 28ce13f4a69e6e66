import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/results/index.js';
import { formatRunSummary, formatSweepTable, renderRunReport, renderSweepReport } from '../../../src/report/index.js';
import { listenOverflowRun, poissonSweep, seedRun } from '../../fixtures/results/load-fixtures.js';

const REASON = 'the native addon could not load: build/Release/caplab_pool.node: cannot open shared object file';

function withFallback(result: RunResult): RunResult {
  return { ...result, stack: { ...result.stack, queue: 'master', queueFallback: REASON } };
}

/** The text of the element with `id`, tags removed. */
function section(html: string, id: string): string | null {
  const m = new RegExp(`<(p|section)[^>]* id="${id}"[^>]*>([^]*?)</\\1>`).exec(html);
  return m ? m[2]!.replace(/<[^>]+>/g, ' ') : null;
}

describe('overflow in the console summary', () => {
  const text = formatRunSummary(listenOverflowRun());

  it('gives the kernel counters once, saying they are system-wide', () => {
    const lines = text.split('\n').filter((l) => l.startsWith('listen overflows:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/9 accept-queue overflows and 9 dropped SYNs during the run/);
    expect(lines[0]).toMatch(/system-wide/);
  });

  it('counts the requests that waited on a SYN retry, with their connect times in wall and scenario time', () => {
    const line = text.split('\n').find((l) => /waited on a SYN retry/.test(l));
    expect(line).toMatch(/^7 of 12 requests waited on a SYN retry \(connect ≥ 500 ms of wall time\)/);
    expect(line).toMatch(/connect p50 1\.00 s, max 3\.01 s of wall time \(10\.0 s and 30\.1 s in scenario time\)/);
  });

  it('adds a connect column to the request list, and names the queue mode in the header', () => {
    const lines = text.split('\n');
    const header = lines.findIndex((l) => /^request\s+worker\s+status\s+connect\s+queue wait\s+service\s+total$/.test(l));
    expect(header).toBeGreaterThan(-1);
    expect(lines[header + 1]).toMatch(/^0\s+1\s+200\s+2\.0 ms\s/);
    expect(lines[header + 11]).toMatch(/^10\s+1\s+200\s+30\.1 s\s/);
    expect(lines[0]).toMatch(/^listen-overflow: 1 worker, listen 4 \(kernel queue\), proxy embedded → pool embedded/);
  });

  it('says nothing about overflow when there was none, or the result predates it', () => {
    const seed = formatRunSummary(seedRun());
    expect(seed).not.toMatch(/listen overflows|SYN retry|^request\s+worker\s+status\s+connect/m);
    const quiet: RunResult = {
      ...listenOverflowRun(),
      overflow: { listenOverflows: 0, listenDrops: 0, systemWide: true },
      synRetries: { ...listenOverflowRun().synRetries!, requests: 0 },
    };
    const q = formatRunSummary(quiet);
    expect(q).not.toMatch(/listen overflows|SYN retry/);
    expect(q).toMatch(/^request\s+worker\s+status\s+queue wait/m);
  });

  it('names a fallback to the master queue in exactly one line', () => {
    const out = formatRunSummary(withFallback(seedRun()));
    const lines = out.split('\n').filter((l) => l.includes('queue master'));
    expect(lines).toEqual([
      `note: the pool ran with queue master, not kernel (${REASON}); a full listen queue answered 503 at once instead of delaying connections`,
    ]);
    expect(out.split('\n')[1]).toBe(lines[0]);
    expect(formatRunSummary(seedRun())).not.toMatch(/queue master/);
  });
});

describe('overflow in the HTML report', () => {
  it('has an overflow section with both sentences', () => {
    const html = renderRunReport(listenOverflowRun());
    const text = section(html, 'overflow');
    expect(text).toMatch(/Listen-queue overflow/);
    expect(text).toMatch(/9 accept-queue overflows and 9 dropped SYNs/);
    expect(text).toMatch(/7 of 12 requests waited on a SYN retry/);
    expect(html).toMatch(/<dt>queue mode<\/dt><dd>kernel: workers accept from the kernel’s accept queue/);
  });

  it('has no overflow section without overflow', () => {
    expect(section(renderRunReport(seedRun()), 'overflow')).toBeNull();
  });

  it('shows a fallback notice above the summary', () => {
    const html = renderRunReport(withFallback(seedRun()));
    expect(section(html, 'queue-fallback')).toContain('the pool ran with queue master, not kernel (the native addon could not load: ');
    expect(html.indexOf('id="queue-fallback"')).toBeLessThan(html.indexOf('id="summary"'));
    expect(section(renderRunReport(seedRun()), 'queue-fallback')).toBeNull();
  });
});

describe('a sweep whose pool fell back', () => {
  it('says so once in the console table and in the HTML report', () => {
    const sweep = { ...poissonSweep(), queueFallback: REASON };
    const lines = formatSweepTable(sweep).split('\n').filter((l) => l.includes('queue master'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(REASON);
    expect(section(renderSweepReport(sweep), 'queue-fallback')).toContain(REASON);
    expect(formatSweepTable(poissonSweep())).not.toMatch(/queue master/);
    expect(section(renderSweepReport(poissonSweep()), 'queue-fallback')).toBeNull();
  });
});
