import { parentGone } from '../process/index.js';

/** How often the busy loop looks up whether its parent is gone. */
const CHECK_EVERY_MS = 10;

/**
 * Keeps one core busy for `ms` wall-clock ms (a tight loop, no events run
 * meanwhile) and returns how many iterations it made. Like `sleepBlocking`
 * it calls `onGone` (default: exit the process) once `gone()` reports the
 * parent has disappeared.
 */
export function burnCpu(ms: number, gone: () => boolean = parentGone, onGone: () => void = () => process.exit(0)): number {
  const start = performance.now();
  const end = start + ms;
  let nextCheck = start;
  let spins = 0;
  for (let now = start; now < end; now = performance.now()) {
    spins += 1;
    if (now >= nextCheck) {
      if (gone()) {
        onGone();
        return spins;
      }
      nextCheck = now + CHECK_EVERY_MS;
    }
  }
  return spins;
}
