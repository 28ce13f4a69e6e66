import type { Command } from 'commander';
import { z } from 'zod';
import { PLAN_DEFAULTS } from '../../config/index.js';
import { caplabError } from '../../errors.js';
import { isPlanInputError, parseRate, parseService, parseSlo, parseDurationMs, planFromSources, type PlanField } from '../../plan/index.js';
import { formatCapacityPlan } from '../../report/index.js';
import { readResultFile } from '../../results/index.js';
import { MAX_THREADS } from '../../scenario/index.js';
import { choiceFlag, intFlag, parseFlags } from '../parse-flags.js';
import { planFromArgs } from '../plan-from-args.js';

const PlanFlags = z.object({
  slo: z.string({ message: 'is required' }).transform((s) => parseSlo(s)),
  rate: z.string().transform((s) => parseRate(s)).optional(),
  service: z.string().transform((s) => parseService(s)).optional(),
  from: z.string().optional(),
  listen: intFlag(1, 1_000_000).optional(),
  timeout: z.string().optional(),
  harakiri: z.string().optional(),
  maxWorkers: intFlag(1, PLAN_DEFAULTS.maxWorkersLimit).default(PLAN_DEFAULTS.maxWorkers),
  method: choiceFlag(['auto', 'analytic', 'simulated']).default('auto'),
  seed: intFlag(0, 2 ** 32 - 1).optional(),
  threads: intFlag(1, MAX_THREADS).optional(),
  json: z.boolean().default(false),
  debug: z.boolean().default(false),
});

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
    .description('recommend a worker count for a latency objective, from queueing models or simulation')
    .argument('[scenario]', 'plan a scenario file or built-in scenario instead of --rate/--service')
    .requiredOption('--slo <objective>', "latency objective, e.g. 'p99<1s', 'p95<300ms', 'mean<200ms'")
    .option('--rate <rate>', 'arrival rate, e.g. 40/s or 1200/min')
    .option('--service <dist>', 'service time: exp:120ms, const:100ms, uniform:50ms..150ms, lognormal:100ms,0.5 (median 100ms, sigma 0.5; or lognormal:mean=100ms,0.5)')
    .option('--from <results.json>', 'use the service times measured in an earlier run')
    .option('--listen <n>', 'listen-queue size (default: unbounded, or the scenario’s)')
    .option('--timeout <duration>', 'upstream read timeout (504 after this)')
    .option('--harakiri <duration>', 'kill a worker busy longer than this (502)')
    .option('--max-workers <n>', 'largest worker count to consider', String(PLAN_DEFAULTS.maxWorkers))
    .option('--method <m>', 'auto | analytic | simulated', 'auto')
    .option('--seed <n>', 'seed for simulated rows')
    .option('--threads <n>', 'threads per worker (uWSGI\'s threads): each worker is n servers of the one queue (default 1, or the scenario\'s)')
    .option('--json', 'print the plan as JSON')
    .action(async (scenarioArg: string | undefined, raw: Record<string, unknown>, cmd: Command) => {
      try {
        await planCommand(scenarioArg, raw, cmd);
      } catch (err) {
        throw isPlanInputError(err) ? err.renamed((field) => FLAG_OF[field]) : err;
      }
    });
}

/** The command's body: flags → planFromSources → JSON or text on stdout. */
async function planCommand(scenarioArg: string | undefined, raw: Record<string, unknown>, cmd: Command): Promise<void> {
  const flags = parseFlags(PlanFlags, { ...cmd.optsWithGlobals(), ...raw });
  const scenario = scenarioArg ? await planFromArgs(scenarioArg, { timeScale: 1, seed: flags.seed }) : undefined;
  const fromResult = flags.from ? await readResultFile(flags.from) : undefined;
  if (fromResult && fromResult.schema !== 'caplab.run/1') throw caplabError('E_RESULTS_INVALID', `--from takes a results.json; ${flags.from} is a ${fromResult.schema}`);
  const upstreamTimeoutMs = durationFlag('timeout', flags.timeout);
  const harakiriMs = durationFlag('harakiri', flags.harakiri);
  const plan = planFromSources({
    slo: flags.slo,
    maxWorkers: flags.maxWorkers,
    method: flags.method,
    ...(scenario ? { scenario } : {}),
    ...(fromResult && fromResult.schema === 'caplab.run/1' ? { fromResult } : {}),
    ...(flags.rate !== undefined ? { ratePerSec: flags.rate } : {}),
    ...(flags.service !== undefined ? { service: flags.service } : {}),
    ...(flags.listen !== undefined ? { listen: flags.listen } : {}),
    ...(upstreamTimeoutMs !== undefined ? { upstreamTimeoutMs } : {}),
    ...(harakiriMs !== undefined ? { harakiriMs } : {}),
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    ...(flags.threads !== undefined ? { threads: flags.threads } : {}),
  });
  if (flags.json) {
    const { recommended, rows, ...rest } = plan;
    const out = { recommended: recommended === null ? null : { workers: recommended.workers, headroomRps: recommended.headroomRps }, rows, ...rest };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatCapacityPlan(plan)}\n`);
  }
}
