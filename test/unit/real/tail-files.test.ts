import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tailFiles } from '../../../src/stack/real/tail-files.js';

describe('tailFiles', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-tail-'));
    await writeFile(path.join(dir, 'a.log'), 'one\n\ntwo\nbind() failed\nbind() failed\nbind() failed\nstill could not bind()\n');
    await writeFile(path.join(dir, 'b.log'), 'from b\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps the last distinct lines on one line, counting back-to-back repeats', () => {
    expect(tailFiles([path.join(dir, 'a.log')], 3)).toBe('two | bind() failed (3 times) | still could not bind()');
  });

  it('reads files in order, skips missing ones, and is empty when there is nothing', () => {
    expect(tailFiles([path.join(dir, 'missing.log'), path.join(dir, 'a.log'), path.join(dir, 'b.log')], 2)).toBe('still could not bind() | from b');
    expect(tailFiles([path.join(dir, 'missing.log')])).toBe('');
  });
});
