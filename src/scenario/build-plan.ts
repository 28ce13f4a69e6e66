import path from 'node:path';
import { DEFAULTS } from '../config/index.js';
import { CaplabError } from '../errors.js';
import type { PhasePlan, PlannedReload, PlannedStack, PlannedWsgi, RunPlan } from './plan-types.js';
import type { ScenarioPhase } from './phase-schema.js';
import { MAX_PROXY_PROCESSES, MAX_THREADS, QUEUE_MODES, type QueueMode, type Scenario, type SocketKind } from './scenario-schema.js';
import { phaseArrivals, planStreams, traceSamplePath } from './schedule-phase.js';

/** What the CLI (or a caller) may set on top of a scenario. */
export interface PlanOptions {
  /** The scenario's file: recorded in the plan and the base of its relative paths (else the working directory). */
  readonly file?: string | null;
  /** Overrides `stack.workers`. */
  readonly workers?: number;
  /** Wall time = scenario time × timeScale (default 1). */
  readonly timeScale?: number;
  /** Seed of every random draw (default DEFAULTS.seed). */
  readonly seed?: number;
  /** Overrides `stack.listen`. */
  readonly listen?: number;
  /** Overrides `stack.upstreamTimeout`, scenario ms. */
  readonly upstreamTimeoutMs?: number;
  /** Overrides `stack.queue`. */
  readonly queue?: QueueMode;
  /** Overrides `stack.proxyProcesses`. */
  readonly proxyProcesses?: number;
  /** Overrides `stack.socket`. */
  readonly socket?: SocketKind;
  /** Overrides `stack.wsgi` (directories already absolute). */
  readonly wsgi?: PlannedWsgi;
  /** Overrides `stack.threads`. */
  readonly threads?: number;
  /** Overrides `stack.maxRequests`. */
  readonly maxRequests?: number;
  /** Overrides `stack.reloadOnRss`, MiB. */
  readonly reloadOnRssMb?: number;
}

/** The longest delay a Node timer holds (2^31 − 1 ms, about 24.8 days); longer ones fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

function check(ok: boolean, what: string, value: unknown): void {
  if (!ok) throw new CaplabError('E_USAGE', `${what}, got ${JSON.stringify(value)}`);
}

/** A phase's plan with its count still unknown (filled in by buildPlan). */
function planPhase(p: ScenarioPhase, index: number, startMs: number, stack: PlannedStack, baseDir: string): PhasePlan {
  const common = { index, name: `${p.kind}#${index}`, parallel: p.parallel, startMs, requests: p.requests, expectedRequests: null };
  switch (p.kind) {
    case 'burst':
      return { ...common, kind: 'burst', durationMs: 0, count: p.count };
    case 'closed':
      return {
        ...common,
        kind: 'closed',
        durationMs: p.duration ?? 0,
        clients: p.clients,
        amount: p.amount,
        thinkTimeMs: p.thinkTime,
      };
    case 'open':
      return { ...common, kind: 'open', durationMs: p.duration, rate: p.rate, arrival: p.arrival };
    case 'ramp':
      return { ...common, kind: 'ramp', durationMs: p.duration, from: p.from, to: p.to, arrival: p.arrival };
    case 'trace': {
      const send = p.send !== 'auto' ? p.send : stack.app === 'sample' && stack.wsgi === null ? 'sample' : 'logged';
      const last = p.trace.atMs[p.trace.atMs.length - 1] ?? 0;
      const requests = send === 'sample' ? p.requests.map((r) => ({ ...r, path: traceSamplePath(r.path) })) : p.requests;
      return { ...common, requests, kind: 'trace', durationMs: last / p.speed, file: path.resolve(baseDir, p.file), speed: p.speed, send, trace: p.trace };
    }
  }
}

/**
 * Turns a validated scenario into a plain, JSON-serialisable run plan:
 * overrides applied, relative paths resolved against the scenario file,
 * each phase named `<kind>#<index>` with its planned start (phases run one
 * after another; `parallel: true` starts a phase with the previous one)
 * and its exact request count where the seed fixes it.
 */
/** `stack.wsgi` with its directories resolved against `baseDir`. */
export function resolveWsgi(wsgi: Scenario['stack']['wsgi'], baseDir: string): PlannedWsgi | null {
  if (wsgi === null) return null;
  return {
    app: wsgi.app,
    chdir: wsgi.chdir === null ? null : path.resolve(baseDir, wsgi.chdir),
    pythonpath: wsgi.pythonpath.map((p) => path.resolve(baseDir, p)),
  };
}

export function buildPlan(scenario: Scenario, options: PlanOptions = {}): RunPlan {
  const timeScale = options.timeScale ?? DEFAULTS.timeScale;
  const seed = options.seed ?? DEFAULTS.seed;
  check(Number.isFinite(timeScale) && timeScale > 0, 'the time scale must be a number > 0', timeScale);
  check(Number.isSafeInteger(seed), 'the seed must be a whole number', seed);
  check(options.workers === undefined || (Number.isInteger(options.workers) && options.workers >= 1), 'workers must be a whole number >= 1', options.workers);
  check(options.listen === undefined || (Number.isInteger(options.listen) && options.listen >= 1), 'listen must be a whole number >= 1', options.listen);
  check(options.upstreamTimeoutMs === undefined || options.upstreamTimeoutMs > 0, 'the upstream timeout must be > 0 ms', options.upstreamTimeoutMs);
  check(options.queue === undefined || QUEUE_MODES.includes(options.queue), `the queue must be ${QUEUE_MODES.join(' or ')}`, options.queue);
  const pp = options.proxyProcesses;
  check(pp === undefined || (Number.isInteger(pp) && pp >= 1 && pp <= MAX_PROXY_PROCESSES), `proxy processes must be a whole number from 1 to ${MAX_PROXY_PROCESSES}`, pp);

  const th = options.threads;
  check(th === undefined || (Number.isInteger(th) && th >= 1 && th <= MAX_THREADS), `threads must be a whole number from 1 to ${MAX_THREADS}`, th);
  const mr = options.maxRequests;
  check(mr === undefined || (Number.isInteger(mr) && mr >= 0), 'max requests must be a whole number >= 0', mr);
  const rss = options.reloadOnRssMb;
  check(rss === undefined || (Number.isFinite(rss) && rss > 0), 'reload-on-rss must be a number of MiB > 0', rss);

  const longest = Math.max(options.upstreamTimeoutMs ?? scenario.stack.upstreamTimeout, scenario.stack.harakiri ?? 0);
  check(
    longest * timeScale <= MAX_TIMER_MS,
    `the upstream timeout or harakiri (${longest} ms) at time scale ${timeScale} is more than ${MAX_TIMER_MS} ms of wall time, the longest timer Node keeps; lower the timeout or the time scale`,
    longest * timeScale,
  );

  const file = options.file ? path.resolve(options.file) : null;
  const baseDir = file ? path.dirname(file) : process.cwd();
  const s = scenario.stack;
  const stack: PlannedStack = {
    workers: options.workers ?? s.workers,
    listen: options.listen ?? s.listen,
    upstreamTimeoutMs: options.upstreamTimeoutMs ?? s.upstreamTimeout,
    app: s.app === 'sample' ? 'sample' : path.resolve(baseDir, s.app),
    staticDir: s.static === null ? null : path.resolve(baseDir, s.static),
    harakiriMs: s.harakiri,
    queue: options.queue ?? s.queue,
    proxyProcesses: options.proxyProcesses ?? s.proxyProcesses,
    socket: options.socket ?? s.socket,
    wsgi: options.wsgi !== undefined ? options.wsgi : resolveWsgi(s.wsgi, baseDir),
    threads: options.threads ?? s.threads,
    maxRequests: options.maxRequests ?? s.maxRequests,
    reloadOnRssMb: options.reloadOnRssMb ?? s.reloadOnRss,
  };

  const drafts: PhasePlan[] = [];
  let groupStart = 0;
  let groupEnd = 0;
  const reloads: PlannedReload[] = [];
  scenario.load.forEach((p, index) => {
    if (p.kind === 'reload') {
      reloads.push({ index, name: `reload#${index}`, atMs: p.at });
      return;
    }
    if (!(p.parallel && index > 0)) groupStart = groupEnd;
    const draft = planPhase(p, index, groupStart, stack, baseDir);
    groupEnd = Math.max(groupEnd, groupStart + draft.durationMs);
    drafts.push(draft);
  });
  const streams = planStreams({ seed, phases: drafts });
  const phases = drafts.map((d, i): PhasePlan => {
    if (d.kind === 'closed') return { ...d, expectedRequests: d.amount };
    const arrivals = streams[i]?.arrivals;
    let count = 0;
    if (arrivals) for (const _ of phaseArrivals(d, arrivals)) count += 1;
    return { ...d, expectedRequests: count };
  });

  const totalDurationMs = phases.reduce((m, p) => Math.max(m, p.startMs + p.durationMs), 0);
  if (phases.length === 0) throw new CaplabError('E_USAGE', 'the load has only reload entries; add a phase that sends requests');
  for (const r of reloads) {
    check(r.atMs <= totalDurationMs, `${r.name}: at must fall within the phases' planned ${totalDurationMs} ms (a reload after the load has ended measures nothing)`, r.atMs);
  }
  return {
    scenario: { name: scenario.name, description: scenario.description, file },
    stack,
    timeScale,
    seed,
    phases,
    reloads,
    expect: scenario.expect,
    totalDurationMs,
    totalRequests: phases.reduce((n, p) => n + (p.expectedRequests ?? 0), 0),
  };
}
