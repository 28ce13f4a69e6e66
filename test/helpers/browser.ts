/**
 * Launching Debian's chromium for browser tests, and opening a report so a
 * test can see what the page logged and fetched. Never downloads a browser:
 * tests that need one skip (with a message) when /usr/bin/chromium is absent.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** Where Debian's `chromium` package installs the browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** True when the browser tests can run. */
export const hasChromium = existsSync(CHROMIUM_PATH);

/** Why browser tests are skipped, for `describe.skipIf`'s title. */
export const NO_CHROMIUM = `${CHROMIUM_PATH} not found: browser tests skipped (install with: apt-get install -y chromium)`;

/** Where browser tests write their pages and screenshots. */
export interface BrowserOutDir {
  readonly dir: string;
  /** Removes the folder unless the user asked to keep it. */
  cleanUp(): Promise<void>;
}

/**
 * A folder for the pages and screenshots a browser test writes: never the
 * repo's reports/. A fresh temporary folder, removed afterwards, unless
 * CAPLAB_SCREENSHOTS names a folder to keep them in for people to look at.
 */
export async function browserOutDir(): Promise<BrowserOutDir> {
  const keep = process.env['CAPLAB_SCREENSHOTS'];
  if (keep !== undefined && keep !== '') {
    const dir = path.resolve(keep);
    await mkdir(dir, { recursive: true });
    return { dir, cleanUp: async () => undefined };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-browser-tests-'));
  return { dir, cleanUp: () => rm(dir, { recursive: true, force: true }) };
}

/** Starts headless chromium with networking side channels (QUIC, sync, updates) off. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What a page did while it loaded. */
export interface PageLog {
  readonly url: string;
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  /** Every request URL the page made, including the page itself. */
  readonly requests: string[];
}

/**
 * Opens a local file in a fresh page at the given viewport, recording
 * console errors, uncaught page errors and every request, and waits for
 * the `load` event.
 */
export async function openFile(
  browser: Browser,
  file: string,
  viewport = { width: 1366, height: 900 },
): Promise<{ page: Page; log: PageLog }> {
  const page = await browser.newPage({ viewport });
  const url = pathToFileURL(file).href;
  const log: PageLog = { url, consoleErrors: [], pageErrors: [], requests: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') log.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => log.pageErrors.push(err.message));
  page.on('request', (req) => log.requests.push(req.url()));
  await page.goto(url, { waitUntil: 'load' });
  return { page, log };
}

/** Per canvas: its id, size, and how many pixels are drawn at all and in a saturated (data) colour. */
export interface CanvasInk {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly inked: number;
  readonly coloured: number;
}

/**
 * Reads every canvas's pixels in the page. "Inked" pixels are not
 * transparent (the canvas background); "coloured" ones are also clearly
 * saturated, which axes, grid lines and text (greys) never are, so they
 * show data was drawn.
 */
export function canvasInk(page: Page): Promise<CanvasInk[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('canvas')).map((canvas) => {
      const ctx = canvas.getContext('2d')!;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let inked = 0;
      let coloured = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3]! === 0) continue;
        inked += 1;
        const r = data[i]!;
        const g = data[i + 1]!;
        const b = data[i + 2]!;
        if (data[i + 3]! > 160 && Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured += 1;
      }
      return { id: canvas.id, width: canvas.width, height: canvas.height, inked, coloured };
    }),
  );
}

/** What a chart's tooltip said when the mouse rested on one of its data points. */
export interface TooltipText {
  readonly id: string;
  readonly title: string[];
  readonly lines: string[];
}

/**
 * Hovers one data point of every chart.js chart in the page and returns
 * what each tooltip showed. `pick` names [dataset, index] per canvas id;
 * otherwise the first dataset with points is used: its largest bar, or
 * its middle point.
 */
export async function hoverEveryChart(page: Page, pick: Record<string, [number, number]> = {}): Promise<TooltipText[]> {
  const ids = await page.evaluate(() => Array.from(document.querySelectorAll('canvas')).map((c) => c.id));
  const out: TooltipText[] = [];
  for (const id of ids) {
    const target = await page.evaluate(
      ([canvasId, chosen]) => {
        const canvas = document.getElementById(canvasId!) as HTMLCanvasElement;
        canvas.scrollIntoView({ block: 'center' });
        // chart.js is a global in the page.
        const chart = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): any } }).Chart.getChart(canvas);
        let ds = -1;
        let index = 0;
        if (chosen) [ds, index] = chosen as [number, number];
        else {
          ds = chart.data.datasets.findIndex((_: unknown, i: number) => chart.getDatasetMeta(i).data.length > 0);
          const elements = chart.getDatasetMeta(ds).data;
          index = Math.floor(elements.length / 2);
          // For bars, the largest one: bars a pixel wide are hard to hit.
          let best = -1;
          elements.forEach((e: { base?: number; x: number; y: number; width?: number; height?: number }, i: number) => {
            if (e.base === undefined) return;
            const size = chart.options.indexAxis === 'y' ? Math.abs(e.x - e.base) * (e.height ?? 0) : Math.abs(e.y - e.base) * (e.width ?? 0);
            if (size > best) [best, index] = [size, i];
          });
        }
        const el = chart.getDatasetMeta(ds).data[index];
        const pos = el.getCenterPoint(true);
        const box = canvas.getBoundingClientRect();
        return { x: box.left + pos.x, y: box.top + pos.y };
      },
      [id, pick[id] ?? null] as const,
    );
    await page.mouse.move(target.x, target.y);
    // chart.js handles pointer events on the next animation frame.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const text = await page.evaluate((canvasId) => {
      const canvas = document.getElementById(canvasId) as HTMLCanvasElement;
      const chart = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): any } }).Chart.getChart(canvas);
      const tip = chart.tooltip;
      return { title: [...(tip.title ?? [])], lines: tip.body ? tip.body.flatMap((b: { lines: string[] }) => b.lines) : [] };
    }, id);
    out.push({ id, ...text });
  }
  return out;
}

/** What `useChromium` gives a spec: the browser and the folder for its pages, both ready inside its tests. */
export interface ChromiumSession {
  readonly browser: Browser;
  readonly out: BrowserOutDir;
}

/**
 * Launches Debian's chromium and makes an output folder before the spec's
 * tests (beforeAll), and closes and removes them after (afterAll). Call it
 * inside a `describe`; read the fields inside tests.
 */
export function useChromium(): ChromiumSession {
  let browser: Browser | undefined;
  let out: BrowserOutDir | undefined;
  beforeAll(async () => {
    out = await browserOutDir();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await out?.cleanUp();
  });
  return {
    get browser(): Browser {
      if (!browser) throw new Error('useChromium: the browser is ready only inside tests');
      return browser;
    },
    get out(): BrowserOutDir {
      if (!out) throw new Error('useChromium: the folder is ready only inside tests');
      return out;
    },
  };
}
