/**
 * A Locust run whose engine degraded: in chromium, the run report shows the
 * "degraded: …" notice where a reader sees it (above the summary, in the
 * first screen, not hidden), and the header names the engine. A screenshot
 * is saved beside the report (see browserOutDir).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderRunReport, writeHtmlReport } from '../../../src/report/index.js';
import { RunResultSchema } from '../../../src/results/index.js';
import { hasChromium, NO_CHROMIUM, openFile, useChromium } from '../../helpers/browser.js';
import { seedRun } from '../../fixtures/results/load-fixtures.js';

const DEGRADED = 'locust worker 2 (pid 4242) was killed (SIGKILL) at t = 1.5 s before finishing its share';

describe.skipIf(!hasChromium)(hasChromium ? 'the engine in a run report, in chromium' : NO_CHROMIUM, () => {
  const session = useChromium();

  it('shows a degraded Locust run\'s notice above the summary, in the first screen, and names the engine', async () => {
    const run = RunResultSchema.parse({ ...seedRun(), engine: { name: 'locust', workers: 3, version: '2.32.4', workerRecords: [2, 0, 1], degraded: DEGRADED } });
    const file = await writeHtmlReport(path.join(session.out.dir, 'locust-degraded', 'report.html'), renderRunReport(run));
    const { page, log } = await openFile(session.browser, file);
    try {
      await page.waitForSelector('body[data-charts-ready]', { timeout: 20_000 });
      const notice = page.locator('#engine-degraded');
      expect(await notice.isVisible()).toBe(true);
      expect(await notice.innerText()).toBe(`degraded: ${DEGRADED}`);
      const box = (await notice.boundingBox())!;
      const summary = (await page.locator('#summary').boundingBox())!;
      expect(box.height).toBeGreaterThan(10);
      expect(box.y + box.height).toBeLessThanOrEqual(summary.y);
      expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
      // styled as a notice, not as body text: its background differs from the page's
      const colours = await page.evaluate(() => [getComputedStyle(document.querySelector('#engine-degraded')!).backgroundColor, getComputedStyle(document.body).backgroundColor]);
      expect(colours[0]).not.toBe(colours[1]);
      const facts = await page.locator('dl.facts').innerText();
      expect(facts).toContain('Locust 2.32.4, 3 worker processes');
      expect(facts).toContain('2, 0, 1 (3 in all)');
      await page.screenshot({ path: file.replace(/\.html$/, '.png'), fullPage: true });
      expect(log.pageErrors).toEqual([]);
      expect(log.consoleErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
