import type { PhaseContext } from './phase-context.js';
import { runClosedAutocannon } from './run-closed-autocannon.js';
import { runClosedLoop } from './run-closed-loop.js';
import { runScheduledPhase } from './run-scheduled-phase.js';

/**
 * Runs one phase with the engine its kind needs: caplab's scheduler for
 * burst, open and ramp; autocannon for closed phases without think time;
 * caplab's closed loop for closed phases with think time. Resolves when the
 * phase is over (all responses in, or its deadline passed, or aborted).
 */
export async function runPhase(ctx: PhaseContext): Promise<void> {
  const { phase } = ctx;
  switch (phase.kind) {
    case 'burst':
    case 'open':
    case 'ramp':
      return runScheduledPhase(ctx);
    case 'closed':
      return phase.engine === 'autocannon' ? runClosedAutocannon(ctx, phase) : runClosedLoop(ctx, phase);
  }
}
