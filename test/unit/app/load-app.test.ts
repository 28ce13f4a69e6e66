import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CaplabError } from '../../../src/errors.js';
import { loadApp, sampleHandler } from '../../../src/app/index.js';

const APPS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/apps');

async function failure(spec: string): Promise<CaplabError> {
  const err = await loadApp(spec).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CaplabError);
  expect((err as CaplabError).code).toBe('E_APP_LOAD');
  return err as CaplabError;
}

describe('loadApp', () => {
  it("'sample' is the built-in sample app", async () => {
    expect(await loadApp('sample')).toBe(sampleHandler);
  });

  it("loads a user's module by path and uses its handler", async () => {
    const handler = await loadApp(path.join(APPS, 'echo-app.mjs'));
    const res = await handler({ environ: { PATH_INFO: '/x' }, body: Buffer.from('b'), worker: 2, timeScale: 0.5 });
    expect(JSON.parse(String(res.body))).toMatchObject({ environ: { PATH_INFO: '/x' }, body: 'b', worker: 2, timeScale: 0.5 });
  });

  it('refuses a missing module', async () => {
    expect((await failure(path.join(APPS, 'missing.mjs'))).message).toMatch(/missing\.mjs does not exist/);
  });

  it('refuses a module without a handler export', async () => {
    expect((await failure(path.join(APPS, 'no-handler.mjs'))).message).toMatch(/has no `handler` function export/);
  });

  it('refuses a module that throws while loading', async () => {
    expect((await failure(path.join(APPS, 'broken-app.mjs'))).message).toMatch(/failed to load: broken on purpose/);
  });
});
