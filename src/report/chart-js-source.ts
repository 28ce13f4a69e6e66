import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

let cached: string | undefined;

/**
 * The source of the installed chart.js UMD bundle (`dist/chart.umd.min.js`),
 * read once and cached, without its source-map comment (the map is not
 * embedded, and the page must never ask for another file). chart.js's
 * `exports` map does not expose `dist/chart.umd.min.js`, so this resolves the
 * package's main entry (`dist/chart.cjs`) and reads its sibling.
 */
export function chartJsSource(): string {
  if (cached === undefined) {
    const require = createRequire(import.meta.url);
    const main = require.resolve('chart.js');
    const file = path.join(path.dirname(main), 'chart.umd.min.js');
    cached = readFileSync(file, 'utf8').replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, '\n');
  }
  return cached;
}

/** The chart.js version named in the bundle's banner, e.g. `4.6.1`, or `unknown`. */
export function chartJsVersion(): string {
  return /Chart\.js v(\d+\.\d+\.\d+\S*)/.exec(chartJsSource().slice(0, 300))?.[1] ?? 'unknown';
}
