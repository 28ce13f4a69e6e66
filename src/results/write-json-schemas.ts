/**
 * `npm run schemas`: writes `resultJsonSchemas()` to the package's
 * `schemas/` folder (two levels above this file once compiled to dist/).
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { formatJsonSchema, resultJsonSchemas } from './json-schemas.js';

const dir = new URL('../../schemas/', import.meta.url);
for (const [name, doc] of Object.entries(resultJsonSchemas())) {
  const file = fileURLToPath(new URL(name, dir));
  await writeFile(file, formatJsonSchema(doc), 'utf8');
  process.stdout.write(`wrote ${file}\n`);
}
