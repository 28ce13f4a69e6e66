// Lint rules that keep caplab's layout true (STYLE.md, lessons 1 and 15):
// a folder is imported only through its index.ts, type-only imports say so,
// no import cycles, and no promise is left floating.
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import { readdirSync, statSync } from 'node:fs';

/** The top-level folders of src/, each a role with its own index.ts. */
const FOLDERS = readdirSync('src').filter((name) => statSync(`src/${name}`).isDirectory());

/**
 * For a file `depth` folders below src/ in `src/<own>/`, importing another
 * top-level folder's internals is an error; its index.js is fine. The
 * relative prefix pins the folder to src/'s top level, so a subfolder of
 * the same name inside `own` (pool/uwsgi beside src/uwsgi) is not confused
 * with it.
 */
function throughIndexOnly(own, depth) {
  const up = '\\.\\./'.repeat(depth);
  return FOLDERS.filter((name) => name !== own).map((name) => ({
    regex: `^${up}${name}/(?!index\\.js$)`,
    message: `import ${name}/ through its index.ts (STYLE.md: the rest of the code imports a folder only through it)`,
  }));
}

/** src/<own>/x.ts is at depth 1, src/<own>/sub/x.ts at depth 2, … */
const DEPTHS = [1, 2, 3, 4];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'reports/**', 'src/app/django/**', 'src/pool/native/build/**', '**/*.cjs', 'test/fixtures/**'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: { allowDefaultProject: ['vitest.config.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin, 'import-x': importX },
    // Resolves './x.js' to './x.ts' as TypeScript does, so no-cycle sees the graph.
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'test/tsconfig.json' })],
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  ...FOLDERS.flatMap((own) =>
    DEPTHS.map((depth) => ({
      files: [`src/${own}/${'*/'.repeat(depth - 1)}*.ts`],
      rules: { 'no-restricted-imports': ['error', { patterns: throughIndexOnly(own, depth) }] },
    })),
  ),
);
