import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspectLocust } from '../../../src/locust/index.js';
import { alive, commandLine, descendants } from '../../helpers/processes.js';

const locust = inspectLocust();

/** Set when Debian's Locust is missing or too old, outside CI: the Locust specs are skipped, saying why. */
export const SKIP_LOCUST = !(locust.found && !locust.tooOld) && process.env.CI !== 'true';
export const LOCUST_REASON = SKIP_LOCUST ? ' (SKIPPED: Locust is missing or too old; apt-get install python3-locust)' : '';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** Live Locust processes (master or worker) among the descendants of `pid`. */
export async function locustDescendants(pid: number): Promise<number[]> {
  return (await descendants(pid)).filter((p) => alive(p) && commandLine(p).includes('/usr/bin/locust'));
}

/** Every Locust process seen below `pid` while `running` is true, polled every 100 ms. */
export function watchLocust(pid: number): { seen: Set<number>; stop: () => void } {
  const seen = new Set<number>();
  const timer = setInterval(() => {
    void locustDescendants(pid).then((pids) => pids.forEach((p) => seen.add(p)));
  }, 100);
  return { seen, stop: () => clearInterval(timer) };
}

/** Reads a results.json. */
export async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}
