import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { formatJsonSchema, resultJsonSchemas } from '../../../src/results/index.js';

const committed = (name: string): Promise<string> => readFile(new URL(`../../../schemas/${name}`, import.meta.url), 'utf8');

describe('the published JSON Schemas in schemas/', () => {
  const docs = resultJsonSchemas();

  it.each(Object.keys(docs))('%s is what the zod schema gives (run `npm run schemas` after changing the contract)', async (name) => {
    expect(await committed(name)).toBe(formatJsonSchema(docs[name]));
  });

  it('describe every kind, with the plan and the optional fields typed', () => {
    const run = docs['caplab.run-1.json'] as { title: string; required: string[]; properties: Record<string, unknown>; $defs: Record<string, unknown> };
    expect(run.title).toBe('caplab.run/1');
    expect(run.required).toEqual(expect.arrayContaining(['schema', 'plan', 'requests', 'summary', 'timeline']));
    expect(run.required).not.toContain('aborted');
    expect(run.properties['aborted']).toEqual({ type: 'string', minLength: 1 });
    expect(run.properties['plan']).toEqual({ $ref: '#/$defs/RunPlan' });
    expect(Object.keys(run.$defs)).toEqual(expect.arrayContaining(['RunPlan', 'Summary', 'Stats', 'Prediction', 'LittlesLaw']));
    const sweep = docs['caplab.sweep-1.json'] as { title: string; required: string[] };
    expect(sweep.title).toBe('caplab.sweep/1');
    expect(sweep.required).toEqual(expect.arrayContaining(['runs', 'plan', 'recommended', 'usl', 'offeredRps']));
    const multi = docs['caplab.multi-1.json'] as { title: string; required: string[] };
    expect(multi.title).toBe('caplab.multi/1');
    expect(multi.required).toEqual(expect.arrayContaining(['schema', 'stacks', 'runs', 'seed']));
  });
});
