/**
 * Bounds on what one scenario may ask for, so that a typo (`rate: 21000`
 * for `21`) is refused when the file is loaded instead of exhausting memory,
 * file descriptors or patience during the run.
 */
export const LIMITS = Object.freeze({
  /** Most requests one phase may be expected to send (rate × duration, count or amount). */
  phaseRequests: 1_000_000,
  /** Most simultaneous connections a burst opens (each request has its own). */
  burstCount: 10_000,
  /** Most closed-loop clients (each holds a connection). */
  clients: 10_000,
  /** Longest service time a request may ask for (the sample app's limit for `ms`: one hour). */
  serviceMs: 3_600_000,
  /** Most phases in one scenario. */
  phases: 100,
});
