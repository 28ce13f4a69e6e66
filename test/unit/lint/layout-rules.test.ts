import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The lint rules that keep the layout true (eslint.config.js) must catch
// what they are there for: each case is a small file written into src/ for
// the test alone, linted with the project's own config, then removed.
const ROOT = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: ROOT });
let dir: string;

async function lint(files: Record<string, string>): Promise<string[]> {
  const paths = await Promise.all(
    Object.entries(files).map(async ([name, text]) => {
      const file = path.join(dir, name);
      await writeFile(file, text);
      return file;
    }),
  );
  const results = await eslint.lintFiles(paths);
  return results.flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)} ${m.ruleId ?? 'parse'}`));
}

describe('lint rules that keep the layout', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(ROOT, 'src/config/lint-case-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('refuses an import of another folder past its index.ts, and allows the index', async () => {
    expect(await lint({ 'inside.ts': "import { startPool } from '../../pool/start-pool.js';\nexport const f = startPool;\n" })).toEqual(['inside.ts no-restricted-imports']);
    expect(await lint({ 'through.ts': "import { startPool } from '../../pool/index.js';\nexport const f = startPool;\n" })).toEqual([]);
  });

  it('refuses an import cycle', async () => {
    const found = await lint({
      'cycle-a.ts': "import { b } from './cycle-b.js';\nexport const a = (): unknown => b;\n",
      'cycle-b.ts': "import { a } from './cycle-a.js';\nexport const b = (): unknown => a;\n",
    });
    expect(found.sort()).toEqual(['cycle-a.ts import-x/no-cycle', 'cycle-b.ts import-x/no-cycle']);
  });

  it('refuses a floating promise and a type used through a value import', async () => {
    expect(await lint({ 'floating.ts': 'async function f(): Promise<void> {}\nexport function g(): void {\n  f();\n}\n' })).toEqual(['floating.ts @typescript-eslint/no-floating-promises']);
    expect(await lint({ 'types.ts': "import { PoolConfig } from '../../pool/index.js';\nexport type C = PoolConfig;\n" })).toEqual(['types.ts @typescript-eslint/consistent-type-imports']);
  });
});
