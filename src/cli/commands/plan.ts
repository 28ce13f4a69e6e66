import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { z } from 'zod';
import { PLAN_DEFAULTS } from '../../config/index.js';
import { caplabError } from '../../errors.js';
import {
  isPlanInputError,
  parseRate,
  parseService,
  parseSizeBytes,
  parseSlo,
  parseDurationMs,
  planFromSources,
  type AnyCapacityPlan,
  type PlanField,
  type ResourceLimits,
} from '../../plan/index.js';
import { formatCapacityPlan } from '../../report/index.js';
import { readResultFile } from '../../results/index.js';
import { MAX_THREADS } from '../../scenario/index.js';
import { choiceFlag, intFlag, parseFlags, positiveFlag } from '../parse-flags.js';
import { planFromArgs } from '../plan-from-args.js';
import { planFromLog, type LogPlanContext } from '../plan-from-log.js';

/** A memory size flag such as 4GiB or 120MiB, in bytes. */
const sizeFlag = () =>
  z.string().transform((text, ctx) => {
    const bytes = parseSizeBytes(text);
    if (bytes !== null) return bytes;
    ctx.addIssue({ code: 'custom', message: 'must be a size with a unit, like 4GiB, 512MiB or 1.5G', input: text });
    return z.NEVER;
  });

/** Ca², a number from 0 to 100. */
const scvFlag = () =>
  z.string().transform((text, ctx) => {
    const v = /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
    if (v >= 0 && v <= 100) return v;
    ctx.addIssue({ code: 'custom', message: 'must be a number from 0 to 100 (1 is Poisson, 0 constant spacing)', input: text });
    return z.NEVER;
  });

const PlanFlags = z.object({
  slo: z.string({ message: 'is required' }).transform((s) => parseSlo(s)),
  rate: z.string().transform((s) => parseRate(s)).optional(),
  service: z.string().transform((s) => parseService(s)).optional(),
  ca2: scvFlag().optional(),
  from: z.string().optional(),
  fromLog: z.array(z.string().min(1)).min(1).optional(),
  format: z.string().default('auto'),
  peak: z.string().optional(),
  growth: positiveFlag(1000).optional(),
  listen: intFlag(1, 1_000_000).optional(),
  timeout: z.string().optional(),
  harakiri: z.string().optional(),
  maxWorkers: intFlag(1, PLAN_DEFAULTS.maxWorkersLimit).default(PLAN_DEFAULTS.maxWorkers),
  method: choiceFlag(['auto', 'analytic', 'simulated']).default('auto'),
  seed: intFlag(0, 2 ** 32 - 1).optional(),
  requests: intFlag(100, 100_000_000).optional(),
  replications: intFlag(2, PLAN_DEFAULTS.maxReplications).optional(),
  memory: sizeFlag().optional(),
  rss: sizeFlag().optional(),
  rssFrom: z.string().min(1).optional(),
  cores: intFlag(1, 100_000).optional(),
  cpuShare: positiveFlag(1).optional(),
  dbConnections: intFlag(1, 1_000_000).optional(),
  threads: intFlag(1, MAX_THREADS).optional(),
  json: z.boolean().default(false),
  debug: z.boolean().default(false),
});
type PlanFlagValues = z.output<typeof PlanFlags>;

/** The flag that sets each planner field: planner messages name fields, the CLI names its flags. */
const FLAG_OF: Readonly<Record<PlanField, string>> = {
  ratePerSec: '--rate',
  service: '--service',
  slo: '--slo',
  maxWorkers: '--max-workers',
  minWorkers: 'the first worker count',
  listen: '--listen',
  upstreamTimeoutMs: '--timeout',
  harakiriMs: '--harakiri',
  fromResult: '--from',
  method: '--method',
  seed: '--seed',
  requests: '--requests',
  replications: '--replications',
  memoryBytes: '--memory',
  rssBytes: '--rss',
  cores: '--cores',
  cpuShare: '--cpu-share',
  dbConnections: '--db-connections',
  arrivalScv: '--ca2',
  threads: '--threads',
};

/** A duration flag in ms, or an E_FLAG error naming it. */
function durationFlag(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseDurationMs(text);
  if (ms === null || !(ms > 0)) throw caplabError('E_FLAG', `--${name} must be a duration like 30s or 500ms, got "${text}"`);
  return ms;
}

/** `caplab plan`: how many workers a rate and a latency objective need. */
export function registerPlan(program: Command): void {
  program
    .command('plan')
    .description('recommend a worker count for a latency objective, from queueing models or simulation, within memory, core and connection limits')
    .argument('[scenario]', 'plan a scenario file or built-in scenario instead of --rate/--service')
    .requiredOption('--slo <objective>', "latency objective, e.g. 'p99<1s', 'p95<300ms', 'mean<200ms'")
    .option('--rate <rate>', 'arrival rate, e.g. 40/s or 1200/min')
    .option('--service <dist>', 'service time: exp:120ms, const:100ms, uniform:50ms..150ms, lognormal:100ms,0.5 (median 100ms, sigma 0.5; or lognormal:mean=100ms,0.5), gamma:120ms,0.5 (mean 120ms, Cs² 0.5)')
    .option('--ca2 <n>', 'squared coefficient of variation of the inter-arrival gaps (1 Poisson, 0 constant; otherwise gamma gaps, simulated)')
    .option('--from <results.json>', 'use the service times measured in an earlier run')
    .option('--from-log <logs...>', 'fit the rate, Ca² and service times from access logs (nginx, uWSGI, gunicorn; .gz too)')
    .option('--format <format>', 'with --from-log: auto, nginx-combined-timed, nginx-json, uwsgi or gunicorn', 'auto')
    .option('--peak <duration>', 'with --from-log: plan for the busiest window of this length, e.g. 5m')
    .option('--growth <factor>', 'with --from-log: multiply the fitted rate, e.g. 1.5 for 50 % growth')
    .option('--listen <n>', 'listen-queue size (default: unbounded, or the scenario’s)')
    .option('--timeout <duration>', 'upstream read timeout (504 after this)')
    .option('--harakiri <duration>', 'kill a worker busy longer than this (502)')
    .option('--max-workers <n>', 'largest worker count to consider', String(PLAN_DEFAULTS.maxWorkers))
    .option('--method <m>', 'auto | analytic | simulated', 'auto')
    .option('--seed <n>', 'seed for simulated rows')
    .option('--requests <n>', `requests per simulated row, over all replications (default ${PLAN_DEFAULTS.requests})`)
    .option('--replications <n>', `independent runs per simulated row, for the 95 % intervals (default ${PLAN_DEFAULTS.replications})`)
    .option('--memory <size>', 'memory the workers may use, e.g. 4GiB (with --rss)')
    .option('--rss <size>', 'resident memory of one worker, e.g. 120MiB (with --memory)')
    .option('--rss-from <results.json>', 'use the peak worker RSS measured in a run as --rss (with --memory)')
    .option('--cores <n>', 'cores the workers run on; caps workers × --cpu-share, and sets the (2 × cores) + 1 rule shown')
    .option('--cpu-share <x>', 'share of the service time spent on a CPU, 0 < x ≤ 1 (default 1: CPU-bound)')
    .option('--db-connections <n>', 'database connections available; one per worker')
    .option('--threads <n>', 'threads per worker (uWSGI\'s threads): each worker is n servers of the one queue (default 1, or the scenario\'s)')
    .option('--json', 'print the plan as JSON')
    .action(async (scenarioArg: string | undefined, raw: Record<string, unknown>, cmd: Command) => {
      try {
        await planCommand(scenarioArg, raw, cmd);
      } catch (err) {
        const rssFlag = raw.rssFrom !== undefined ? '--rss-from' : '--rss';
        throw isPlanInputError(err) ? err.renamed((field) => (field === 'rssBytes' ? rssFlag : FLAG_OF[field])) : err;
      }
    });
}

/**
 * The peak worker RSS a run measured (`poolMemory.peakWorkerRssBytes` in its
 * results.json), for `--rss-from`; E_RESULTS_INVALID (exit 2) naming the file
 * when it is not a run's results.json or carries no such figure.
 */
async function measuredRss(file: string): Promise<{ rssBytes: number; rssSource: string }> {
  const result = await readResultFile(file);
  if (result.schema !== 'caplab.run/1') throw caplabError('E_RESULTS_INVALID', `--rss-from takes a results.json; ${file} is a ${result.schema}`);
  if (result.poolMemory === undefined) {
    throw caplabError('E_RESULTS_INVALID', `${file} has no measured worker RSS (poolMemory.peakWorkerRssBytes): its run predates it, or its pool reports none (runserver)`);
  }
  return { rssBytes: result.poolMemory.peakWorkerRssBytes, rssSource: `peak worker RSS measured in ${file}` };
}

/** The resource limits the flags give, or undefined with none. */
function limitsOf(flags: PlanFlagValues, measured: { rssBytes: number; rssSource: string } | undefined): ResourceLimits | undefined {
  const limits: ResourceLimits = {
    ...(flags.memory !== undefined ? { memoryBytes: flags.memory } : {}),
    ...(flags.rss !== undefined ? { rssBytes: flags.rss } : {}),
    ...(measured ?? {}),
    ...(flags.cores !== undefined ? { cores: flags.cores } : {}),
    ...(flags.cpuShare !== undefined ? { cpuShare: flags.cpuShare } : {}),
    ...(flags.dbConnections !== undefined ? { dbConnections: flags.dbConnections } : {}),
  };
  return Object.keys(limits).length > 0 ? limits : undefined;
}

/** The command's body: flags → planFromSources → JSON or text on stdout. */
async function planCommand(scenarioArg: string | undefined, raw: Record<string, unknown>, cmd: Command): Promise<void> {
  const flags = parseFlags(PlanFlags, { ...cmd.optsWithGlobals(), ...raw });
  if (flags.rss !== undefined && flags.rssFrom !== undefined) throw caplabError('E_USAGE', '--rss and --rss-from both give the worker RSS; use one');
  const logOnly = ([['peak', flags.peak], ['growth', flags.growth], ['format', flags.format === 'auto' ? undefined : flags.format]] as const).find(([, v]) => v !== undefined);
  if (flags.fromLog === undefined && logOnly) throw caplabError('E_USAGE', `--${logOnly[0]} applies only with --from-log`);
  if (flags.fromLog !== undefined && (scenarioArg !== undefined || flags.from !== undefined || flags.rate !== undefined || flags.service !== undefined || flags.ca2 !== undefined)) {
    throw caplabError('E_USAGE', '--from-log fits the rate, Ca² and service itself; drop the scenario, --from, --rate, --service and --ca2');
  }
  const scenario = scenarioArg ? await planFromArgs(scenarioArg, { timeScale: 1, seed: flags.seed }) : undefined;
  const fromResult = flags.from ? await readResultFile(flags.from) : undefined;
  if (fromResult && fromResult.schema !== 'caplab.run/1') throw caplabError('E_RESULTS_INVALID', `--from takes a results.json; ${flags.from} is a ${fromResult.schema}`);
  const upstreamTimeoutMs = durationFlag('timeout', flags.timeout);
  const harakiriMs = durationFlag('harakiri', flags.harakiri);
  const peakMs = durationFlag('peak', flags.peak);
  const log: LogPlanContext | undefined =
    flags.fromLog === undefined ? undefined : await planFromLog(flags.fromLog, { format: flags.format, growth: flags.growth ?? 1, ...(peakMs !== undefined ? { peakMs } : {}) });
  const limits = limitsOf(flags, flags.rssFrom !== undefined ? await measuredRss(flags.rssFrom) : undefined);
  const plan: AnyCapacityPlan = planFromSources({
    slo: flags.slo,
    maxWorkers: flags.maxWorkers,
    method: flags.method,
    ruleOfThumbCores: flags.cores ?? availableParallelism(),
    ...(scenario ? { scenario } : {}),
    ...(fromResult && fromResult.schema === 'caplab.run/1' ? { fromResult } : {}),
    ...(log ? { ratePerSec: log.ratePerSec, service: log.service, arrivalScv: log.arrivalScv } : {}),
    ...(flags.rate !== undefined ? { ratePerSec: flags.rate } : {}),
    ...(flags.service !== undefined ? { service: flags.service } : {}),
    ...(flags.ca2 !== undefined ? { arrivalScv: flags.ca2 } : {}),
    ...(flags.listen !== undefined ? { listen: flags.listen } : {}),
    ...(upstreamTimeoutMs !== undefined ? { upstreamTimeoutMs } : {}),
    ...(harakiriMs !== undefined ? { harakiriMs } : {}),
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    ...(flags.requests !== undefined ? { requests: flags.requests } : {}),
    ...(flags.replications !== undefined ? { replications: flags.replications } : {}),
    ...(limits ? { limits } : {}),
    ...(flags.threads !== undefined ? { threads: flags.threads } : {}),
  });
  if (flags.json) {
    const { recommended, rows, ...rest } = plan;
    const out = {
      recommended:
        recommended === null
          ? null
          : { workers: recommended.workers, ...('interval' in recommended ? { interval: recommended.interval } : {}), headroomRps: recommended.headroomRps },
      rows,
      ...rest,
      ...(log ? { fromLog: log.json } : {}),
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    process.stdout.write(`${log ? `${log.lines.join('\n')}\n` : ''}${formatCapacityPlan(plan)}\n`);
  }
}
