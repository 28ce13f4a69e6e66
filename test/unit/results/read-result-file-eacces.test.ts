import type * as fs from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { readResultFile } from '../../../src/results/index.js';

// Root may read any file whatever its mode, so a permission error is simulated.
vi.mock('node:fs/promises', async (importOriginal) => ({
  ...(await importOriginal<typeof fs>()),
  readFile: vi.fn(() => Promise.reject(Object.assign(new Error("EACCES: permission denied, open 'locked.json'"), { code: 'EACCES' }))),
}));

describe('readResultFile on a file it may not read', () => {
  it('says permission denied, exit 2, in one line', async () => {
    await expect(readResultFile('locked.json')).rejects.toMatchObject({
      code: 'E_RESULTS_INVALID',
      exitCode: 2,
      message: 'cannot read locked.json: permission denied',
    });
  });
});
