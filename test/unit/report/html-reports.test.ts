import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/results/index.js';
import { renderCompareReport, renderRunReport, renderSweepReport } from '../../../src/report/index.js';
import { chartJsSource } from '../../../src/report/chart-js-source.js';
import { embedJson } from '../../../src/report/html-escape.js';
import { generateLargeRun } from '../../fixtures/results/generate-large-run.js';
import { poissonSweep, seedRun } from '../../fixtures/results/load-fixtures.js';

const pages = {
  run: renderRunReport(seedRun()),
  sweep: renderSweepReport(poissonSweep()),
  compare: renderCompareReport(seedRun(), generateLargeRun({ requests: 800 })),
};

/** The JSON in `<script type="application/json" id="…">`, parsed. */
function embedded(html: string, id: string): unknown {
  const m = new RegExp(`<script type="application/json" id="${id}">([^]*?)</script>`).exec(html);
  return m ? JSON.parse(m[1]!) : undefined;
}

describe.each(Object.entries(pages))('the %s report', (_kind, html) => {
  it('references no http(s) resource in src or href, and no other file to load', () => {
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/i);
    expect(html).not.toMatch(/@import|url\(\s*['"]?https?:/i);
    expect(html).not.toMatch(/sourceMappingURL/);
  });

  it('inlines chart.js from the installed package', () => {
    expect(html).toContain(chartJsSource().slice(0, 2000));
    expect(html).toMatch(/Chart\.js v4\./);
  });

  it('forbids network access with a Content-Security-Policy', () => {
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;/);
  });

  it('embeds chart specs whose canvases exist, each with a how-to-read line', () => {
    const specs = embedded(html, 'caplab-charts') as { id: string }[];
    expect(specs.length).toBeGreaterThanOrEqual(3);
    for (const s of specs) expect(html).toContain(`<canvas id="${s.id}"`);
    expect(html.match(/How to read this:/g)!.length).toBeGreaterThanOrEqual(specs.length);
  });
});

describe('the run report', () => {
  it('states the scenario, stack, time scale, seed, verdicts and a plain summary', () => {
    const html = pages.run;
    expect(html).toContain('<h1>seed-three-slow-requests</h1>');
    expect(html).toContain('embedded → prefork pool embedded → app sample');
    expect(html).toContain('1 (scenario time is wall-clock time)');
    expect(html).toContain('<dt>seed</dt><dd>1</dd>');
    expect(html).toContain('✗ latency.p50 &lt; 5s: measured 10.0 s, limit 5.00 s');
    expect(html).toContain('2 workers served 3 requests in 20.0 s; 1 waited 10.0 s in the listen queue; p99 latency 20.0 s.');
    expect(embedded(html, 'caplab-data')).toEqual(seedRun());
  });

  it('shows the empty-timeline reason instead of a queue chart', () => {
    const html = renderRunReport({ ...seedRun(), timeline: [] });
    expect(html).not.toContain('<canvas id="chart-queue"');
    expect(html).toContain('the timeline is empty');
  });

  it('renders predicted vs measured only when predictions are present', () => {
    expect(pages.run).not.toContain('Predicted vs measured');
    const prediction = {
      workers: 2, utilization: 0.5, pWait: 0.3, meanWaitMs: 3000, p99WaitMs: 9000, p50LatencyMs: null, p99LatencyMs: 19_000, refusedShare: 0, throughputRps: null,
    } as const;
    const run: RunResult = {
      ...seedRun(),
      predictions: { analytic: { ...prediction, source: 'M/M/c/K' }, simulated: { ...prediction, source: 'simulation', meanWaitMs: 3400, p99LatencyMs: 21_000 }, notes: [] },
    };
    const html = renderRunReport(run);
    expect(html).toContain('Predicted vs measured');
    expect(html).toMatch(/<td>mean wait<\/td><td>3.00 s<\/td><td>3.40 s<\/td><td>3.33 s<\/td>/);
    expect(html).toMatch(/<td>p99 latency<\/td><td>19.0 s<\/td><td>21.0 s<\/td><td>20.0 s<\/td>/);
  });

  it('cannot be broken out of by data containing </script>', () => {
    const evil = '</script><script>alert(1)</script><!--';
    const run: RunResult = { ...seedRun(), scenario: { ...seedRun().scenario, description: evil } };
    const html = renderRunReport(run);
    const scripts = (html.match(/<script\b/g) ?? []).length;
    expect((html.match(/<\/script>/g) ?? []).length).toBe(scripts);
    expect((embedded(html, 'caplab-data') as RunResult).scenario.description).toBe(evil);
    expect(JSON.parse(embedJson({ s: evil }))).toEqual({ s: evil });
  });
});

describe('the sweep and compare reports', () => {
  it('give the recommendation and link each run’s files', () => {
    expect(pages.sweep).toContain('Recommended: 4 workers, the smallest count that met every threshold.');
    expect(pages.sweep).toContain('<a href="workers-1/report.html">report</a>');
    expect(pages.sweep).toContain('✗ 1 worker: latency.p99 &lt; 1s (measured 60.0 s); errors.rate &lt; 1% (measured 16.5%)');
    expect(pages.sweep).toContain('<td>✗ 2/2</td>');
  });

  it('put both runs side by side with a ratio column', () => {
    expect(pages.compare).toContain('<th scope="col">poisson-mmc, 3 workers</th><th scope="col">second ÷ first</th>');
    expect(pages.compare).toMatch(/<td>workers<\/td><td>2<\/td><td>3<\/td><td>×1.5<\/td>/);
  });
});
