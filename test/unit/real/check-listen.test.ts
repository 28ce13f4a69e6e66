import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertListenFits, readSomaxconn } from '../../../src/stack/real/check-listen.js';

describe('listen vs net.core.somaxconn', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-somaxconn-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads the limit from a /proc-style file, and null when there is none', async () => {
    await writeFile(path.join(dir, 'somaxconn'), '4096\n');
    expect(readSomaxconn(path.join(dir, 'somaxconn'))).toBe(4096);
    expect(readSomaxconn(path.join(dir, 'absent'))).toBeNull();
  });

  it('accepts listen up to the limit and refuses above it with exit code 2 and a hint', () => {
    expect(() => assertListenFits(128, 128)).not.toThrow();
    expect(() => assertListenFits(100_000, null)).not.toThrow();
    let caught: unknown;
    try {
      assertListenFits(129, 128);
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ code: 'E_LISTEN_OVER_SOMAXCONN', exitCode: 2 });
    expect((caught as Error).message).toBe('listen 129 exceeds net.core.somaxconn (128); uWSGI would refuse to start');
    expect((caught as { hint: string }).hint).toContain('sysctl -w net.core.somaxconn=129');
  });
});
