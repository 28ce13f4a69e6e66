import type { Rng } from './rng.js';

/**
 * A sampler draws one value (a duration in ms) from the generator it is
 * given. Samplers hold no generator of their own, so one seeded `Rng` drives
 * a whole schedule or simulation and the same seed replays the same draws.
 * Callers may rely on finite values ≥ 0.
 */
export type Sampler = (rng: Rng) => number;
