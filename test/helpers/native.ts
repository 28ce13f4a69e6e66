/**
 * Whether the pool's native addon loads here, for the tests of the kernel
 * queue mode. Locally they are skipped, with a message, when it does not
 * (another OS, no compiler, CAPLAB_NATIVE=0); under CI=true they run and
 * fail, since CI builds the addon.
 */
import { loadNative } from '../../src/pool/native/load-native.js';

const load = loadNative();

/** True when kernel-mode tests should be skipped (never under CI). */
export const SKIP_KERNEL = load.native === null && process.env.CI !== 'true';

/** Why, for `describe.skipIf`'s title. */
export const NO_NATIVE = load.native === null ? ` (SKIPPED: ${load.reason}; build it with npm ci)` : '';
