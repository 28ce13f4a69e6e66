import { describe, expect, it } from 'vitest';
import { MultiResultSchema, parseResult } from '../../../src/results/index.js';
import { describeMultiDifferences, formatMultiTable, renderMultiReport } from '../../../src/report/index.js';
import { overflowMulti, seedMulti } from '../../fixtures/results/multi-fixture.js';

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
});
