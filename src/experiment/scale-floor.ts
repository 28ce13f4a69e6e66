import { caplabError } from '../errors.js';
import type { RunPlan } from '../scenario/index.js';

/**
 * The stack's own wall-clock cost per request, in ms: about 0.9 ms of CPU
 * through proxy and pool on these machines, with process wake-ups whose p99
 * is near 1 ms (see REFERENCE.md, "caplab's own cost").
 */
export const STACK_COST_WALL_MS = 1;

/**
 * Shortest wall-clock upstream timeout or harakiri a run accepts. Below it,
 * the stack's own cost alone (a few ms under load, with GC pauses) ends
 * requests with 504 or 502, and every latency is the lab's, not the model's.
 */
export const MIN_WALL_LIMIT_MS = 50;

/** Scenario time above which the stack's own cost per request is worth a warning. */
const COST_WARNING_SCENARIO_MS = 1000;

/** The smallest scale, rounded up to two significant figures, at which `scenarioMs` lasts `wallMs` of wall time. */
function scaleFor(scenarioMs: number, wallMs: number): number {
  const exact = wallMs / scenarioMs;
  const magnitude = 10 ** (Math.floor(Math.log10(exact)) - 1);
  return Number((Math.ceil(exact / magnitude - 1e-9) * magnitude).toPrecision(2));
}

/**
 * Refuses (E_SCALE_TOO_SMALL, exit 2) a time scale that leaves the upstream
 * timeout or harakiri shorter than `MIN_WALL_LIMIT_MS` of wall time, where
 * the stack's own cost would decide every request; names the smallest scale
 * that works.
 */
export function assertScaleFloor(plan: RunPlan): void {
  const limits: Array<[string, number | null]> = [
    ['upstream timeout', plan.stack.upstreamTimeoutMs],
    ['harakiri', plan.stack.harakiriMs],
  ];
  for (const [what, scenarioMs] of limits) {
    if (scenarioMs === null || scenarioMs * plan.timeScale >= MIN_WALL_LIMIT_MS) continue;
    const wall = scenarioMs * plan.timeScale;
    throw caplabError(
      'E_SCALE_TOO_SMALL',
      `--time-scale ${plan.timeScale} leaves the ${what} of ${scenarioMs / 1000} s only ${wall < 0.01 ? wall.toExponential(1) : wall.toFixed(2)} ms of wall time, under the stack's own cost; every request would fail`,
      { hint: `use --time-scale ${scaleFor(scenarioMs, MIN_WALL_LIMIT_MS)} or more` },
    );
  }
}

/**
 * A one-line warning when the stack's own cost per request, seen in
 * scenario time (`STACK_COST_WALL_MS` ÷ time scale), passes a second; null
 * otherwise.
 */
export function stackCostWarning(plan: RunPlan): string | null {
  const scenarioMs = STACK_COST_WALL_MS / plan.timeScale;
  if (scenarioMs <= COST_WARNING_SCENARIO_MS) return null;
  return `warning: at time scale ${plan.timeScale} the stack's own cost of about ${STACK_COST_WALL_MS} ms per request counts as ${(scenarioMs / 1000).toPrecision(2)} s of scenario time in every latency; use --time-scale ${scaleFor(COST_WARNING_SCENARIO_MS, STACK_COST_WALL_MS)} or more for figures the lab does not dominate.`;
}
