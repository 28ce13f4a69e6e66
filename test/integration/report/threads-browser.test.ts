/**
 * A run with threads: 2, in chromium: the request timeline draws each
 * worker's row as two thread rows, the two requests worker 1 served at once
 * sit on different rows (their bars do not overlap on screen), and a
 * tooltip names the thread. A screenshot of the timeline is saved beside
 * the report (see browserOutDir).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderRunReport, writeHtmlReport } from '../../../src/report/index.js';
import { hasChromium, hoverEveryChart, NO_CHROMIUM, openFile, useChromium } from '../../helpers/browser.js';
import { threadedRun } from '../../fixtures/results/threaded-run.js';

interface BarBox {
  readonly top: number;
  readonly bottom: number;
}

describe.skipIf(!hasChromium)(hasChromium ? 'the timeline of a threaded run, in chromium' : NO_CHROMIUM, () => {
  const session = useChromium();

  it('draws 2 thread rows per worker, with worker 1\'s concurrent requests on separate rows', async () => {
    const file = await writeHtmlReport(path.join(session.out.dir, 'threads-2', 'report.html'), renderRunReport(threadedRun()));
    const { page, log } = await openFile(session.browser, file);
    try {
      await page.waitForSelector('body[data-charts-ready]', { timeout: 20_000 });
      const drawn = await page.evaluate(() => {
        const canvas = document.getElementById('chart-gantt') as HTMLCanvasElement;
        // chart.js is a global in the page.
        const chart = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): any } }).Chart.getChart(canvas);
        const ticks = chart.scales.y.ticks.map((_: unknown, i: number) => chart.scales.y.getLabelForValue(i));
        // Dataset 1 is "being served"; its bars are requests #1 to #5 in order.
        const served = chart.getDatasetMeta(1).data.map((b: { y: number; height: number }) => ({ top: b.y - b.height / 2, bottom: b.y + b.height / 2 }));
        // The darkest pixel of the grid line before a row, in the empty right end of the chart.
        const ctx = canvas.getContext('2d')!;
        const x = Math.round(chart.scales.x.getPixelForValue(19_900) * devicePixelRatio);
        const line = (row: number): number => {
          const y = Math.round(((chart.scales.y.getPixelForValue(row) + chart.scales.y.getPixelForValue(row - 1)) / 2) * devicePixelRatio);
          const px = ctx.getImageData(x, y - 3, 1, 7).data;
          let darkest = 255;
          for (let i = 0; i < px.length; i += 4) {
            // the canvas is transparent where nothing is drawn: composite over the white card
            const alpha = px[i + 3]! / 255;
            darkest = Math.min(darkest, ((px[i]! + px[i + 1]! + px[i + 2]!) / 3) * alpha + 255 * (1 - alpha));
          }
          return darkest;
        };
        return { ticks: ticks as string[], served: served as BarBox[], betweenThreads: line(3), betweenWorkers: line(2) };
      });
      // worker 2's rows begin below a darker line than the one between its threads
      expect(drawn.betweenWorkers).toBeLessThan(drawn.betweenThreads - 40);
      expect(drawn.ticks).toEqual(['worker 1 · thread 1', 'worker 1 · thread 2', 'worker 2 · thread 1', 'worker 2 · thread 2']);
      const [first, second, third] = drawn.served;
      expect(first!.bottom - first!.top).toBeGreaterThan(4);
      // #1 and #2 ran at once on worker 1: one above the other, not overlapping.
      expect(second!.top >= first!.bottom || first!.top >= second!.bottom).toBe(true);
      // #3 went on the row #1 freed.
      expect(third!.top).toBeCloseTo(first!.top, 0);
      const [gantt] = await hoverEveryChart(page, { 'chart-gantt': [1, 1] });
      expect(gantt!.lines).toEqual([
        'request #2: GET /sleep?ms=10000',
        'worker 1 · thread 2, status 200',
        'sent at 0 ms; waited 0.3 ms; served 10.0 s; total 10.0 s',
      ]);
      await page.locator('#chart-gantt').scrollIntoViewIfNeeded();
      await page.locator('#chart-gantt').locator('xpath=ancestor::section[1]').screenshot({ path: file.replace(/\.html$/, '-timeline.png') });
      await page.screenshot({ path: file.replace(/\.html$/, '.png'), fullPage: true });
      expect(log.pageErrors).toEqual([]);
      expect(log.consoleErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
