import type { PhaseContext } from './phase-context.js';
import { runClosedLoop } from './run-closed-loop.js';
import { runScheduledPhase } from './run-scheduled-phase.js';

/**
 * Runs one phase: caplab's scheduler for burst, open, ramp and trace; caplab's own
 * closed loop (undici) for every closed phase, with or without think time.
 * Closed phases no longer go through autocannon: recording each request
 * needed its undocumented client events and `requestIterator.context`, and
 * it dropped the requests still in flight at the end, where the closed loop
 * records them as timeouts (issue 9, item 8). Resolves when the phase is
 * over (all responses in, or its deadline passed, or aborted).
 */
export async function runPhase(ctx: PhaseContext): Promise<void> {
  const { phase } = ctx;
  switch (phase.kind) {
    case 'burst':
    case 'open':
    case 'ramp':
    case 'trace':
      return runScheduledPhase(ctx);
    case 'closed':
      return runClosedLoop(ctx, phase);
  }
}
