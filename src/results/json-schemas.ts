import { z } from 'zod';
import { RunResultSchema } from './run-result-schema.js';
import { SweepResultSchema } from './sweep-result-schema.js';
import { MultiResultSchema } from './multi-result-schema.js';

/**
 * Parts with an `id` meta (Stats, Summary, RunPlan, …) become `$defs`;
 * the rest is inline. zod's `readOnly` (from `.readonly()`, which only freezes the
 * parsed object) is left out: result files are plain data to their readers.
 */
const OPTIONS = {
  override: (ctx: { jsonSchema: Record<string, unknown> }): void => {
    delete ctx.jsonSchema['readOnly'];
  },
} as const;

/**
 * The JSON Schema (draft 2020-12) of each result file kind, keyed by the
 * file name it is published under in the package's `schemas/` folder.
 * Pure: the same schemas give the same documents. `npm run schemas`
 * writes them; a unit test fails when the committed files are stale.
 */
export function resultJsonSchemas(): Record<string, unknown> {
  return {
    'caplab.run-1.json': z.toJSONSchema(RunResultSchema, OPTIONS),
    'caplab.sweep-1.json': z.toJSONSchema(SweepResultSchema, OPTIONS),
    'caplab.multi-1.json': z.toJSONSchema(MultiResultSchema, OPTIONS),
  };
}

/** A JSON Schema document as committed: 2-space indent, trailing newline. */
export function formatJsonSchema(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
