import { describe, expect, it } from 'vitest';
import { MultiResultSchema, parseResult } from '../../../src/results/index.js';
import { describeMultiDifferences, formatMultiTable, renderMultiReport } from '../../../src/report/index.js';
import type { MultiResult } from '../../../src/results/index.js';
import { overflowMulti, seedMulti } from '../../fixtures/results/multi-fixture.js';

/** seedMulti, but nginx+uwsgi met `latency.p50 < 5s` (measured 4.2 s) where embedded failed it (measured 10.0 s). */
function splitVerdictMulti(): MultiResult {
  const multi = seedMulti();
  return {
    ...multi,
    runs: multi.runs.map((r) =>
      'result' in r && r.stack === 'nginx+uwsgi'
        ? { ...r, result: { ...r.result, thresholds: r.result.thresholds.map((t) => (t.expr === 'latency.p50 < 5s' ? { ...t, ok: true, actual: 4200 } : t)) } }
        : r,
    ),
  };
}

/** The thresholds card's rows, each as its cells' text. */
function thresholdRows(html: string): string[][] {
  const card = /<section class="card" id="thresholds">(.*?)<\/section>/s.exec(html)![1]!;
  return [...card.matchAll(/<tr>(.*?)<\/tr>/gs)].map((m) => [...m[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((c) => c[1]!.replace(/<[^>]+>/g, '')));
}

describe('caplab.multi/1 results', () => {
  it('a multi result with a run and a stack that did not run reads back as itself', () => {
    const multi = seedMulti();
    expect(parseResult(JSON.parse(JSON.stringify(multi)), 'multi.json')).toEqual(MultiResultSchema.parse(multi));
  });

  it('a stack entry with neither result nor error is a broken file, named by path', () => {
    const broken = { ...seedMulti(), runs: [{ stack: 'embedded' }] };
    expect(() => parseResult(broken, 'm.json')).toThrow(/m\.json is a broken caplab\.multi\/1 file: runs\[0\]/);
  });
});

describe('the multi-stack terminal table', () => {
  it('has a row per stack that ran, and says which did not run and why', () => {
    const text = formatMultiTable(seedMulti());
    const lines = text.split('\n');
    expect(lines.find((l) => l.startsWith('stack'))).toMatch(/requests\s+errors\s+throughput\s+p50\s+p90\s+p99\s+max\s+queue mean\s+queue p99/);
    expect(lines.filter((l) => /^(embedded|nginx\+uwsgi)\s+3\s+0\s/.test(l))).toHaveLength(2);
    expect(text).toMatch(/nginx\+gunicorn did not run: the real gunicorn is not installed/);
    expect(text).toMatch(/same schedule \(seed \d+\)/);
  });

  it('lists each stack’s failed thresholds with the measured value, and says which stacks met them all', () => {
    const lines = formatMultiTable(splitVerdictMulti()).split('\n');
    const from = lines.indexOf('thresholds:');
    expect(from).toBeGreaterThan(0);
    expect(lines.slice(from + 1)).toEqual([
      'embedded: 1 of 2 thresholds failed',
      '  ✗ latency.p50 < 5s: measured 10.0 s, limit 5.00 s',
      'nginx+uwsgi: all 2 thresholds met',
    ]);
  });

  it('says nothing about thresholds when none were set', () => {
    expect(formatMultiTable(overflowMulti())).not.toMatch(/threshold/i);
  });
});

describe('where the stacks differ, and why', () => {
  it('tells a 503 from a master-held queue apart from SYN-retry delays on a kernel queue', () => {
    const lines = describeMultiDifferences(overflowMulti());
    expect(lines.find((l) => l.startsWith('master:'))).toMatch(/4 requests got 503 at once.*master holds the listen queue/);
    expect(lines.find((l) => l.startsWith('embedded:'))).toMatch(/waited on a SYN retry.*about 1 s, then 3 s.*late rather than refused/);
    expect(lines.some((l) => /pools differ/.test(l))).toBe(false);
  });

  it('names the proxies’ own cost when the proxies differ', () => {
    const lines = describeMultiDifferences(seedMulti());
    expect(lines.find((l) => l.startsWith('The proxies differ'))).toMatch(/embedded proxy spends about 300 µs.*nginx spends about 64 µs/);
    expect(lines.find((l) => l.startsWith('The pools differ'))).toMatch(/uWSGI’s workers accept from the kernel’s accept queue/);
    expect(lines.find((l) => l.startsWith('nginx+uwsgi against embedded'))).toMatch(/throughput ×1, p99 latency ×1/);
  });
});

describe('the multi-stack HTML report', () => {
  it('puts the stacks side by side with one latency chart and a per-worker timeline per stack that ran', () => {
    const html = renderMultiReport(seedMulti());
    const charts = JSON.parse(/<script type="application\/json" id="caplab-charts">(.*?)<\/script>/s.exec(html)![1]!) as { id: string; title: string }[];
    expect(charts.map((c) => c.id)).toEqual(['chart-multi-latency', 'chart-gantt-1', 'chart-gantt-2']);
    expect(charts[1]!.title).toMatch(/^embedded: Every request over time, by worker/);
    expect(charts[2]!.title).toMatch(/^nginx\+uwsgi: /);
    expect(html).toContain('id="side-by-side"');
    expect(html).toContain('Where they differ, and why');
    expect(html).toMatch(/nginx\+gunicorn<\/td><td[^>]*>did not run/);
  });

  it('has a thresholds table with a row per expression and each stack’s pass/fail and measured value', () => {
    const rows = thresholdRows(renderMultiReport(splitVerdictMulti()));
    expect(rows).toEqual([
      ['threshold', 'embedded', 'nginx+uwsgi'],
      ['latency.max &lt; 25s', '✓ measured 20.0 s', '✓ measured 20.0 s'],
      ['latency.p50 &lt; 5s', '✗ measured 10.0 s (failed)', '✓ measured 4.20 s'],
    ]);
  });

  it('marks a failed cell as bad and a met one as ok', () => {
    const html = renderMultiReport(splitVerdictMulti());
    expect(html).toContain('<span class="verdict-bad">✗ measured 10.0 s (failed)</span>');
    expect(html).toContain('<span class="verdict-ok">✓ measured 4.20 s</span>');
  });

  it('has no thresholds section when no thresholds were set', () => {
    const html = renderMultiReport(overflowMulti());
    expect(html).not.toContain('id="thresholds"');
    expect(html).not.toMatch(/<h2>Thresholds<\/h2>/);
  });
});
