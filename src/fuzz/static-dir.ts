import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A temporary static directory for the proxy, with the files the dictionary names. */
export interface StaticDir {
  readonly dir: string;
  remove(): Promise<void>;
}

/** Creates the directory with a.txt, empty.txt and café.txt (UTF-8 name). */
export async function createStaticDir(): Promise<StaticDir> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-fuzz-static-'));
  await writeFile(path.join(dir, 'a.txt'), 'static a\n');
  await writeFile(path.join(dir, 'empty.txt'), '');
  await writeFile(path.join(dir, 'café.txt'), 'café\n');
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
