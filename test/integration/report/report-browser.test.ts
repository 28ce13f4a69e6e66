/**
 * Opens generated run, sweep and compare reports in headless chromium from
 * file:// and checks that every chart drew data, nothing was logged as an
 * error, and nothing but the file itself was requested. A full-page
 * screenshot is saved beside each report, in a temporary folder (or in
 * CAPLAB_SCREENSHOTS=<folder>, kept for people to look at; see
 * `browserOutDir`), never in the repo's reports/.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCompareReport, renderMultiReport, renderRunReport, renderSweepReport, writeHtmlReport } from '../../../src/report/index.js';
import { canvasInk, hasChromium, hoverEveryChart, NO_CHROMIUM, openFile, useChromium } from '../../helpers/browser.js';
import { generateLargeRun } from '../../fixtures/results/generate-large-run.js';
import { poissonSweep, seedRun } from '../../fixtures/results/load-fixtures.js';
import { seedMulti } from '../../fixtures/results/multi-fixture.js';

const reports: Record<string, () => string> = {
  'seed-run': () => renderRunReport(seedRun()),
  'large-run': () => renderRunReport(generateLargeRun({ requests: 3000 })),
  sweep: () => renderSweepReport(poissonSweep()),
  multi: () => renderMultiReport(seedMulti()),
  compare: () => renderCompareReport(generateLargeRun({ requests: 1500, workers: 3 }), generateLargeRun({ requests: 1500, workers: 4, seed: 2 })),
};

describe.skipIf(!hasChromium)(hasChromium ? 'HTML reports in chromium' : NO_CHROMIUM, () => {
  const session = useChromium();

  it.each(Object.keys(reports))('the %s report draws every chart, offline and without errors', async (name) => {
    const file = await writeHtmlReport(path.join(session.out.dir, name, 'report.html'), reports[name]!());
    expect(path.relative(path.resolve('reports'), file)).toMatch(/^\.\.\//);
    const { page, log } = await openFile(session.browser, file);
    try {
      await page.waitForSelector('body[data-charts-ready]', { timeout: 20_000 });
      const ready = Number(await page.getAttribute('body', 'data-charts-ready'));
      const ink = await canvasInk(page);
      expect(ink.length).toBeGreaterThanOrEqual(3);
      expect(ready).toBe(ink.length);
      for (const c of ink) {
        expect(c.width, `${c.id} has a size`).toBeGreaterThan(100);
        expect(c.inked, `${c.id} is not blank`).toBeGreaterThan(500);
        expect(c.coloured, `${c.id} drew data in colour`).toBeGreaterThan(50);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'no horizontal scrolling at 1366 px').toBeLessThanOrEqual(0);
      expect(log.consoleErrors).toEqual([]);
      expect(log.pageErrors).toEqual([]);
      expect(log.requests).toEqual([log.url]);
      await page.screenshot({ path: file.replace(/\.html$/, '.png'), fullPage: true });
      const tips = await hoverEveryChart(page);
      for (const t of tips) expect(t.lines.join(' '), `${t.id} shows a tooltip`).toMatch(/\d/);
      expect(log.consoleErrors).toEqual([]);
      expect(log.pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('tells the seed run’s story in tooltips with formatted times', async () => {
    const file = await writeHtmlReport(path.join(session.out.dir, 'seed-run', 'report.html'), reports['seed-run']!());
    const { page, log } = await openFile(session.browser, file);
    try {
      await page.waitForSelector('body[data-charts-ready]');
      // Dataset 1 of the timeline is "being served"; its third bar is request #3.
      const [gantt, latency] = await hoverEveryChart(page, { 'chart-gantt': [1, 2], 'chart-latency': [0, 2] });
      expect(gantt!.lines).toEqual([
        'request #3: GET /sleep?ms=10000',
        'worker 1, status 200',
        'sent at 0 ms; waited 10.0 s; served 10.0 s; total 20.0 s',
      ]);
      expect(latency!.title).toEqual(['percentile 66.7%']);
      expect(latency!.lines).toEqual(['latency (send to last byte): 20.0 s']);
      expect(log.pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
