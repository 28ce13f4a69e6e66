import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** The static file every static figure fetches: 1 KiB of text. */
export const STATIC_FILE = 'small.txt';

/**
 * A temp dir holding STATIC_FILE, for the proxies' `staticDir`, and
 * `remove` to delete it (call it in a finally).
 */
export async function createStaticDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-bench-static-'));
  await writeFile(path.join(dir, STATIC_FILE), `${'caplab static file '.repeat(54)}\n`.slice(0, 1023) + '\n');
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
