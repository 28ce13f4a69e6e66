import type { Threshold } from './parse-threshold.js';
import type { Arrival } from './phase-schema.js';
import type { TraceData } from './trace-file.js';
import type { ScenarioRequest } from './request-schema.js';
import type { QueueMode, SocketKind } from './scenario-schema.js';

/** One entry of a phase's mix in a plan (the validated scenario request). */
export type PlannedRequest = ScenarioRequest;

interface PlannedPhaseCommon {
  /** Position in the scenario's `load` list. */
  readonly index: number;
  /** `<kind>#<index>`, e.g. `open#1`; request records carry it. */
  readonly name: string;
  /** Starts together with the previous phase instead of after it. */
  readonly parallel: boolean;
  /**
   * Planned start, scenario ms from the run's start. A phase that is not
   * parallel starts once every earlier phase has finished, responses
   * included, so its actual start can be later than this (after a burst,
   * whose planned duration is 0, or after the responses of an open phase).
   */
  readonly startMs: number;
  /** Planned sending time in scenario ms; 0 for a burst and for a closed phase bounded by `amount`. */
  readonly durationMs: number;
  /**
   * Requests the phase sends: exact for burst, open and ramp (counted from
   * the seeded schedule) and for closed phases with an `amount`; null for
   * closed phases bounded by time (their count depends on the server).
   */
  readonly expectedRequests: number | null;
  /** The weighted mix. */
  readonly requests: readonly PlannedRequest[];
}

/** `count` requests at one instant, each on its own connection. */
export interface BurstPhasePlan extends PlannedPhaseCommon {
  readonly kind: 'burst';
  readonly count: number;
}

/**
 * `clients` closed-loop clients for `durationMs` or until `amount` requests,
 * each waiting `thinkTimeMs` between its answer and its next request. Every
 * closed phase runs on caplab's own closed loop (load/run-closed-loop.ts).
 */
export interface ClosedPhasePlan extends PlannedPhaseCommon {
  readonly kind: 'closed';
  readonly clients: number;
  readonly amount: number | null;
  readonly thinkTimeMs: number;
}

/** Open arrivals at `rate` per second. */
export interface OpenPhasePlan extends PlannedPhaseCommon {
  readonly kind: 'open';
  readonly rate: number;
  readonly arrival: Arrival;
}

/** Open arrivals whose rate moves linearly from `from` to `to` per second. */
export interface RampPhasePlan extends PlannedPhaseCommon {
  readonly kind: 'ramp';
  readonly from: number;
  readonly to: number;
  readonly arrival: Arrival;
}

/**
 * A logged trace replayed at `speed` times its pace: request i leaves at
 * `trace.atMs[i] / speed`. `send` is resolved for the stack: `sample`
 * (the sample app's /sleep holds a worker for each logged service time) or
 * `logged` (the logged paths, for a user's own app). `requests` lists what
 * is sent per endpoint, weighted by count.
 */
export interface TracePhasePlan extends PlannedPhaseCommon {
  readonly kind: 'trace';
  /** The trace file, absolute. */
  readonly file: string;
  readonly speed: number;
  readonly send: 'sample' | 'logged';
  readonly trace: TraceData;
}

/** A planned load phase. */
export type PhasePlan = BurstPhasePlan | ClosedPhasePlan | OpenPhasePlan | RampPhasePlan | TracePhasePlan;

/** A WSGI app for a Python pool: `module:callable`, its directories absolute. */
export interface PlannedWsgi {
  readonly app: string;
  readonly chdir: string | null;
  readonly pythonpath: readonly string[];
}

/** The stack a plan runs against; times in scenario ms, paths absolute. */
export interface PlannedStack {
  readonly workers: number;
  readonly listen: number;
  readonly upstreamTimeoutMs: number;
  /** 'sample' or the absolute path of an app module. */
  readonly app: string;
  /** Absolute directory served under /static/, or null. */
  readonly staticDir: string | null;
  /** Kill a worker busy longer than this (scenario ms), or null for off. */
  readonly harakiriMs: number | null;
  /** Where the embedded pool's listen queue lives: the kernel's accept queue (SYN retries when full) or the master's (503 when full). */
  readonly queue: QueueMode;
  /** Embedded proxy processes sharing one listening socket. */
  readonly proxyProcesses: number;
  /** The proxy → pool link: a loopback TCP port or a unix socket in the run's temporary folder. */
  readonly socket: SocketKind;
  /** The WSGI app a Python pool serves (`--wsgi`, `stack.wsgi`), or null for caplab's Django sample. */
  readonly wsgi: PlannedWsgi | null;
  /** Requests each worker serves at once, each in its own thread (uWSGI's `threads`). */
  readonly threads: number;
  /** Recycle a worker after this many requests (uWSGI's `max-requests`); 0 = never. */
  readonly maxRequests: number;
  /** Recycle a worker whose RSS passes this many MiB (uWSGI's `reload-on-rss`), or null for off. */
  readonly reloadOnRssMb: number | null;
}

/** A `reload:` entry of the load: the pool reloads its workers at `atMs` (scenario ms from the run's start); it sends no request. */
export interface PlannedReload {
  /** Position in the scenario's `load` list. */
  readonly index: number;
  /** `reload#<index>`. */
  readonly name: string;
  readonly atMs: number;
}

/**
 * Everything a run needs, as plain JSON: `--dry-run` prints it and every
 * result records it. The request schedule is not stored; it is rebuilt
 * from `seed` and `phases` (see `buildSchedule`), identically every time.
 */
export interface RunPlan {
  readonly scenario: { readonly name: string; readonly description: string; readonly file: string | null };
  readonly stack: PlannedStack;
  /** Wall time = scenario time × timeScale. */
  readonly timeScale: number;
  readonly seed: number;
  readonly phases: readonly PhasePlan[];
  /** Reloads of the pool during the load (none in plans from before reloads existed). */
  readonly reloads: readonly PlannedReload[];
  readonly expect: readonly Threshold[];
  /** Planned end of the last phase, scenario ms (phases that wait for responses can end later). */
  readonly totalDurationMs: number;
  /** Sum of the phases' known `expectedRequests` (closed phases bounded by time count 0). */
  readonly totalRequests: number;
}

/**
 * A trace as a result file records it: a reference, not the requests.
 * `requests` is the trace's length, `spanMs` the logged time of its last
 * arrival (from the trace's start, before `speed`), and `sha256` the hex
 * digest of the trace's data (see `traceDigest`): two results with the
 * same digest replayed the same requests.
 */
export interface TraceRef {
  readonly requests: number;
  readonly spanMs: number;
  readonly sha256: string;
}

/**
 * A trace phase as a result file records it: the plan's phase with its
 * trace by reference. Files written before traces were recorded by
 * reference carry the whole `TraceData` instead; readers accept both.
 */
export interface RecordedTracePhasePlan extends Omit<TracePhasePlan, 'trace'> {
  readonly trace: TraceRef | TraceData;
}

/** A planned phase as a result file records it. */
export type RecordedPhasePlan = Exclude<PhasePlan, TracePhasePlan> | RecordedTracePhasePlan;

/**
 * A `RunPlan` as results.json and sweep.json record it (`recordPlan`):
 * the same plan, with each trace by reference, so a file's size does not
 * grow with its trace.
 */
export interface RecordedRunPlan extends Omit<RunPlan, 'phases'> {
  readonly phases: readonly RecordedPhasePlan[];
}
