/**
 * Every default caplab uses, in one place. Values mirror the software the lab
 * models (see REFERENCE.md): uWSGI's `listen` 100, nginx's 60 s upstream
 * timeouts. Code further in receives validated, frozen configs built from
 * these and never reads `process.env` for settings.
 */
export const DEFAULTS = Object.freeze({
  /** Loopback address every role binds to. */
  host: '127.0.0.1',
  workers: 2,
  /** uWSGI's default listen queue size. */
  listen: 100,
  /** Where the embedded pool's listen queue lives: the kernel's accept queue, as in uWSGI. */
  queue: 'kernel' as 'kernel' | 'master',
  /** Embedded proxy processes (nginx's worker_processes). */
  proxyProcesses: 1,
  /** nginx's default uwsgi_read_timeout (and connect/send timeouts). */
  upstreamTimeoutMs: 60_000,
  /** Scenario time is multiplied by this to get wall-clock time. */
  timeScale: 1,
  seed: 1,
  staticPrefix: '/static/',
  /** results.json keeps every request up to this many, then samples uniformly. */
  requestRecordCap: 50_000,
  /** How often the pool's queue and busy workers are sampled, in scenario ms (scaled to wall time). */
  timelineIntervalMs: 100,
  /** Shortest wall-clock sampling interval: each sample is a connection to the pool's stats server. */
  timelineFloorMs: 20,
  /** How long a stopping role gets after SIGTERM before SIGKILL. */
  stopGraceMs: 2_000,
});

/**
 * The capacity planner's defaults (`caplab plan` and `planCapacity`): the
 * worker counts scanned, the error share a row may have, and the size of a
 * simulated row.
 */
export const PLAN_DEFAULTS = Object.freeze({
  /** Largest worker count scanned unless the load needs more (then 4 × the offered load, or 63 beyond the first row). */
  maxWorkers: 64,
  /** Largest `maxWorkers` anyone may ask for. */
  maxWorkersLimit: 100_000,
  /** Share of refused, killed or timed-out requests a row may have and still meet the objective. */
  maxErrorShare: 0.01,
  /** Rows scanned past the recommendation. */
  rowsAfterRecommended: 2,
  /** Requests in one simulated row, and the share of them discarded as warm-up. */
  requests: 200_000,
  warmupShare: 0.1,
  seed: 1,
  /** Independent replications a simulated row's requests are split over, for its 95 % intervals (Student t, 9 degrees of freedom). */
  replications: 10,
  /** Most replications anyone may ask for. */
  maxReplications: 1_000,
  /** Share of service time on a CPU assumed by a `cores` limit unless given: 1, a CPU-bound service. */
  cpuShare: 1,
  /** Largest arrival Ca² (gamma gaps of shape 0.01, as the service model's largest Cs²). */
  maxArrivalScv: 100,
});

export type Defaults = typeof DEFAULTS;
