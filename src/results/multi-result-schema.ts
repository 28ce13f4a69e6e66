import { z } from 'zod';
import { ScenarioRefSchema } from './plan-schema.js';
import { RunResultSchema } from './run-result-schema.js';

/** One stack of a multi-stack run that ran: its label (`embedded`, `nginx+uwsgi`) and its full run result. */
export const MultiStackRunSchema = z
  .strictObject({
    stack: z.string().min(1),
    result: RunResultSchema,
  })
  .readonly();

/** One stack of a multi-stack run that did not run (e.g. a real program is missing): why, in one line. */
export const MultiStackErrorSchema = z
  .strictObject({
    stack: z.string().min(1),
    error: z.string().min(1),
  })
  .readonly();

/** `multi.json`, schema `caplab.multi/1`: one scenario's schedule (same seed) run on several stacks, one after another. */
export const MultiResultSchema = z
  .object({
    schema: z.literal('caplab.multi/1'),
    scenario: ScenarioRefSchema,
    timeScale: z.number().positive(),
    seed: z.number(),
    startedAt: z.string(),
    /** The stacks asked for, in order. */
    stacks: z.array(z.string().min(1)).min(1).readonly(),
    /** One entry per stack tried, in order: its run, or why it did not run. */
    runs: z.array(z.union([MultiStackRunSchema, MultiStackErrorSchema])).readonly(),
    /** What stopped the series early; absent when every stack was tried. */
    aborted: z.string().min(1).optional(),
  })
  .readonly()
  .meta({ title: 'caplab.multi/1', description: 'One caplab scenario run on several stacks with the same schedule (multi.json).' });
