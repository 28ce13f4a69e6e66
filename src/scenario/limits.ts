/**
 * Bounds on what one scenario may ask for, so that a typo (`rate: 21000`
 * for `21`) or a hostile file is refused when it is loaded instead of
 * exhausting memory, file descriptors or patience during the run.
 */
export const LIMITS = Object.freeze({
  /** Largest scenario file read, in bytes (a big scenario is a few KiB). */
  fileBytes: 1024 * 1024,
  /** Most problems listed one per line; the rest are counted ("… and 39990 more"). */
  problemsListed: 20,
  /** Largest trace file a `trace` phase reads (about 20 bytes a request: a million requests fit). */
  traceFileBytes: 64 * 1024 * 1024,
  /** Slowest and fastest `speed` of a trace replay. */
  traceSpeedMin: 0.01,
  traceSpeedMax: 1_000,
  /** Most requests one phase may be expected to send (rate × duration, count or amount). */
  phaseRequests: 1_000_000,
  /** Most simultaneous connections a burst opens (each request has its own). */
  burstCount: 10_000,
  /** Most closed-loop clients (each holds a connection). */
  clients: 10_000,
  /** Longest service time a request may ask for (the sample app's limit for `ms`: one hour), and the largest mean of a distribution. */
  serviceMs: 3_600_000,
  /** Largest log-space σ of a lognormal. */
  sigma: 10,
  /** Most values of an empirical distribution. */
  empiricalValues: 100_000,
  /** Longest upstream timeout or harakiri, scenario ms (one day). */
  timeoutMs: 86_400_000,
  /** Most phases in one scenario. */
  phases: 100,
  /** Most entries in one phase's request mix. */
  mixEntries: 1_000,
  /** Largest weight of a mix entry (so that sums and shares stay exact). */
  weight: 1_000_000,
  /** Lowest open rate, requests per second (one per 1000 s). */
  minRate: 0.001,
  /** Most thresholds in `expect`. */
  thresholds: 100,
  /** Longest scenario name (it names report folders). */
  nameChars: 64,
  /** Longest description (printed by --dry-run and in reports). */
  descriptionChars: 2_000,
  /** Longest path with query. */
  pathChars: 2_048,
  /** Most headers on one request, and the longest name and value. */
  headers: 64,
  headerNameChars: 256,
  headerValueChars: 8_192,
  /** Largest request body, in characters. */
  bodyChars: 1024 * 1024,
  /** Longest file path (`stack.app`, `stack.static`). */
  filePathChars: 4_096,
});
