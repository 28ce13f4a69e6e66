import { durationToMs } from '../scenario/index.js';

/**
 * Reads a duration for the planner's flags with the scenarios' grammar
 * (`250ms`, `1s`, `2min`, `500us`, a plain number of ms). Returns null when
 * the text is not one: callers raise their own catalogued error, naming
 * the flag.
 */
export function parseDurationMs(text: string): number | null {
  return durationToMs(text) ?? null;
}
