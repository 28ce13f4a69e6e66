/** The simulator draws from caplab's one generator, the same one that schedules real runs. */
export { createRng, type Rng } from '../../scenario/rng.js';
export { rngFromState } from '../../scenario/rng.js';
