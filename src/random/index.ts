/**
 * random/: caplab's one seeded pseudo-random generator and the normal and
 * gamma draws built on it. Neutral ground: the scenario scheduler, the load engine
 * and the simulator all draw from here, so the same seed means the same
 * stream everywhere.
 */
export { createRng, rngFromState, type Rng } from './rng.js';
export { standardNormal } from './normal.js';
export { standardGamma } from './gamma.js';
export type { Sampler } from './sampler.js';
