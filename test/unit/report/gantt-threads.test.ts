import { describe, expect, it } from 'vitest';
import { buildGanttChart } from '../../../src/report/gantt-chart.js';
import { renderRunReport, type ChartSpec } from '../../../src/report/index.js';
import { seedRun } from '../../fixtures/results/load-fixtures.js';
import { threadedRun } from '../../fixtures/results/threaded-run.js';

interface Bar {
  x: [number, number];
  y: string;
}

const bars = (spec: ChartSpec, label: RegExp): Bar[] => (spec.config.data.datasets.find((d) => label.test(d.label))?.data ?? []) as Bar[];

/** The run report's embedded chart specs. */
function embeddedCharts(html: string): ChartSpec[] {
  const m = /<script type="application\/json" id="caplab-charts">([^]*?)<\/script>/.exec(html);
  return JSON.parse(m![1]!) as ChartSpec[];
}

describe('the timeline of a run with threads: 2', () => {
  const spec = buildGanttChart(threadedRun());

  it('splits each worker row into one sub-lane per thread', () => {
    expect(spec.config.data.labels).toEqual(['worker 1 · thread 1', 'worker 1 · thread 2', 'worker 2 · thread 1', 'worker 2 · thread 2']);
    expect(spec.title).toMatch(/by worker and thread/);
    expect(spec.howToRead).toMatch(/2 rows between darker lines, one per thread/);
    expect(spec.groupStarts).toEqual({ y: [2] });
  });

  it('starts a group for the failed row too', () => {
    const run = threadedRun();
    const refused = { ...run.requests[4]!, id: 6, status: 502, worker: null, queueMs: null, serviceMs: null };
    const withFailed = buildGanttChart({ ...run, requests: [...run.requests, refused] });
    expect(withFailed.config.data.labels!.at(-1)).toBe('unserved / failed');
    expect(withFailed.groupStarts).toEqual({ y: [2, 4] });
  });

  it('puts the two requests worker 1 served at once on different threads, and the queued third on the freed one', () => {
    const service = bars(spec, /served by the worker/);
    expect(service).toEqual([
      { x: [0, 10_000], y: 'worker 1 · thread 1' },
      { x: [0.3, 10_000.3], y: 'worker 1 · thread 2' },
      { x: [10_000, 20_000], y: 'worker 1 · thread 1' },
      { x: [0, 5_000], y: 'worker 2 · thread 1' },
      { x: [6_000, 8_000], y: 'worker 2 · thread 1' },
    ]);
    expect(bars(spec, /listen queue/)).toContainEqual({ x: [0, 10_000], y: 'worker 1 · thread 1' });
    expect(spec.tooltips![1]!.some((t) => t.includes('request #2') && t.includes('worker 1 · thread 2'))).toBe(true);
    expect(spec.notes).toEqual([]);
  });

  it('adds a thread row, and says so, when the records overlap deeper than threads', () => {
    const run = threadedRun();
    const third = { ...run.requests[2]!, queueMs: 0, latencyMs: 10_012 };
    const deep = buildGanttChart({ ...run, requests: [run.requests[0]!, run.requests[1]!, third, ...run.requests.slice(3)] });
    expect(deep.config.data.labels).toEqual([
      'worker 1 · thread 1',
      'worker 1 · thread 2',
      'worker 1 · thread 3',
      'worker 2 · thread 1',
      'worker 2 · thread 2',
    ]);
    expect(deep.notes.join(' ')).toMatch(/1 request of worker 1 is drawn on extra thread rows rather than overlapping: .*more than 2 requests were in service at once on that worker, by at most 10\.0 s\./);
  });

  it('keeps one lane per worker for the same records with threads: 1', () => {
    const one = buildGanttChart(threadedRun(1));
    expect(one.config.data.labels).toEqual(['worker 1', 'worker 2']);
    expect(new Set(bars(one, /served by the worker/).map((b) => b.y))).toEqual(new Set(['worker 1', 'worker 2']));
    expect(one.title).toBe('Every request over time, by worker (time in ms / s)');
    expect(one.groupStarts).toBeUndefined();
  });
});

describe('the timeline of a threads: 2 run whose records name the thread that served them (X-Caplab-Core)', () => {
  /** `threadedRun` with #3 moved to start at 0 (so greedy placement needs a third row on worker 1) and each record's core set. */
  function recordedRun(cores: Readonly<Record<number, number | null | undefined>>, threads = 2): ReturnType<typeof threadedRun> {
    const run = threadedRun(threads);
    const requests = run.requests.map((r) => {
      const moved = r.id === 3 ? { ...r, queueMs: 0, latencyMs: 10_012 } : r;
      const core = cores[r.id];
      return core === undefined ? moved : { ...moved, core };
    });
    return { ...run, requests };
  }
  const service = (spec: ChartSpec): Record<string, string> =>
    Object.fromEntries(spec.tooltips![1]!.map((t, i) => [/request #(\d+)/.exec(t)![1]!, bars(spec, /served by the worker/)[i]!.y]));

  it('draws each request on its recorded thread, with exactly 2 rows per worker where greedy placement needs 3', () => {
    const greedy = buildGanttChart(recordedRun({}));
    expect(greedy.config.data.labels).toHaveLength(5);
    const spec = buildGanttChart(recordedRun({ 1: 1, 2: 0, 3: 0, 4: 1, 5: 0 }));
    expect(spec.config.data.labels).toEqual(['worker 1 · thread 1', 'worker 1 · thread 2', 'worker 2 · thread 1', 'worker 2 · thread 2']);
    // core is 0-based, rows 1-based; #1 on thread 2 although greedy placement would put it on thread 1
    expect(service(spec)).toEqual({
      1: 'worker 1 · thread 2',
      2: 'worker 1 · thread 1',
      3: 'worker 1 · thread 1',
      4: 'worker 2 · thread 2',
      5: 'worker 2 · thread 1',
    });
    expect(bars(spec, /listen queue/)).toContainEqual({ x: [0, 0.3], y: 'worker 1 · thread 1' });
    expect(spec.notes).toHaveLength(1);
    expect(spec.notes[0]).toMatch(/^The thread rows are the pool's own threads: each request is drawn on the thread that served it, as the pool named it in X-Caplab-Core\./);
    // #2 (from 0.3) is recorded on the thread #3 held from 0: the times overlap, the rows do not grow
    expect(spec.notes[0]).toMatch(/By the recorded times, 1 request starts before the previous one on its thread has ended, by at most 10\.0 s: .*measured at the load generator/);
    expect(spec.notes.join(' ')).not.toMatch(/extra thread rows/);
    expect(spec.howToRead).toMatch(/the rows are the pool's own threads/);
    expect(spec.howToRead).not.toMatch(/caplab's placement/);
  });

  it('says nothing of overlaps when the recorded threads never overlap', () => {
    const run = threadedRun();
    const spec = buildGanttChart({ ...run, requests: run.requests.map((r) => ({ ...r, core: r.id === 2 ? 1 : 0 })) });
    expect(spec.config.data.labels).toHaveLength(4);
    expect(spec.notes).toEqual(["The thread rows are the pool's own threads: each request is drawn on the thread that served it, as the pool named it in X-Caplab-Core."]);
  });

  it("falls back to placing a worker's requests when one of them has no core, and says which rows are which", () => {
    const spec = buildGanttChart(recordedRun({ 1: 0, 2: 1, 3: null, 4: 1, 5: 1 }));
    expect(spec.config.data.labels).toEqual([
      'worker 1 · thread 1',
      'worker 1 · thread 2',
      'worker 1 · thread 3',
      'worker 2 · thread 1',
      'worker 2 · thread 2',
    ]);
    expect(service(spec)).toMatchObject({ 2: 'worker 1 · thread 3', 3: 'worker 1 · thread 2', 4: 'worker 2 · thread 2', 5: 'worker 2 · thread 2' });
    expect(spec.notes[0]).toBe(
      "The thread rows of worker 2 are the pool's own threads (X-Caplab-Core); the requests of worker 1 did not all say which thread served them, so caplab placed them.",
    );
    expect(spec.notes[1]).toMatch(/1 request of worker 1 is drawn on extra thread rows/);
    expect(spec.howToRead).toMatch(/for the other workers each request is drawn on the first of the worker's rows free/);
  });

  it('places the requests as before when no core fits the plan (older results, real pools, a core beyond threads)', () => {
    const none = buildGanttChart(recordedRun({}));
    expect(buildGanttChart(recordedRun({ 1: null, 2: null, 3: null, 4: null, 5: null }))).toEqual(none);
    expect(buildGanttChart(recordedRun({ 1: 0, 2: 1, 3: 2, 4: 5, 5: 0 }))).toEqual(none);
    expect(none.notes).toHaveLength(1);
    expect(none.howToRead).toMatch(/which thread is which is caplab's placement/);
  });
});

describe('the run report of a threads: 2 run', () => {
  it('embeds a timeline with 2 sub-lanes per worker', () => {
    const gantt = embeddedCharts(renderRunReport(threadedRun())).find((c) => c.id === 'chart-gantt')!;
    const labels = gantt.config.data.labels!;
    expect(labels).toHaveLength(4);
    for (const w of [1, 2]) expect(labels.filter((l) => l.startsWith(`worker ${w} · thread `))).toHaveLength(2);
  });

  it('says in the header that each worker process has 2 threads', () => {
    expect(renderRunReport(threadedRun())).toContain('2 processes, each with 2 threads serving one request at a time (4 at once in all)');
    expect(renderRunReport(seedRun())).toContain('2 processes, each serving one request at a time');
  });

  it('embeds the same one-lane-per-worker timeline as before for a threads: 1 run', () => {
    const gantt = embeddedCharts(renderRunReport(seedRun())).find((c) => c.id === 'chart-gantt')!;
    expect(gantt).toEqual(JSON.parse(JSON.stringify(buildGanttChart(seedRun()))));
    expect(gantt.config.data.labels).toEqual(['worker 1', 'worker 2']);
  });
});
