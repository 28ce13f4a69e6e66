import type { Command } from 'commander';
import { z } from 'zod';
import { caplabError } from '../errors.js';
import type { EngineChoice } from '../experiment/index.js';
import { checkLocustTarget, checkMasterBind } from '../locust/index.js';
import { ENGINE_NAMES } from '../results/index.js';
import { choiceFlag, intFlag, positiveFlag, textFlag } from './parse-flags.js';

/** The most Locust workers caplab starts on this machine. */
export const MAX_LOCUST_WORKERS = 64;

/** Default wait for Locust workers: local processes start in seconds; workers started by hand need longer. */
const CONNECT_TIMEOUT_S = { local: 30, masterOnly: 300 } as const;

/** The engine flags of `run` and `sweep`, as zod fields (commander gives text). */
export const engineFlagShape = {
  engine: choiceFlag(ENGINE_NAMES).default('caplab'),
  locustWorkers: intFlag(1, MAX_LOCUST_WORKERS).optional(),
  locustMasterOnly: z.boolean().default(false),
  locustBind: textFlag().optional(),
  locustTarget: textFlag().optional(),
  locustConnectTimeout: positiveFlag(3600).optional(),
  allowRemote: z.boolean().default(false),
};

type EngineFlags = z.output<z.ZodObject<typeof engineFlagShape>>;

/** Adds the engine flags to a command. */
export function addEngineOptions(command: Command): Command {
  return command
    .option('--engine <name>', 'what sends the load: caplab (its own engine) or locust (a Locust master and workers)', 'caplab')
    .option('--locust-workers <n>', 'with --engine locust: Locust worker processes (default 1); with --locust-master-only, the workers the master waits for')
    .option('--locust-master-only', 'with --engine locust: start only the master, and print the command that starts each worker')
    .option('--locust-bind <host>', 'with --engine locust: the address the master binds for its workers (default 127.0.0.1; another needs --allow-remote)')
    .option('--locust-target <url>', 'with --engine locust: the URL workers send to instead of the stack\'s own (a non-loopback one needs --allow-remote)')
    .option('--locust-connect-timeout <s>', `with --engine locust: seconds the master waits for every worker (default ${CONNECT_TIMEOUT_S.local}, or ${CONNECT_TIMEOUT_S.masterOnly} with --locust-master-only)`)
    .option('--allow-remote', 'with --engine locust: allow a master bound to, or load sent to, an address that is not loopback');
}

/**
 * The engine the flags choose. Locust flags without `--engine locust`
 * would be silently ignored, so they are a usage error (E_USAGE), as are a
 * non-loopback `--locust-bind` or `--locust-target` without
 * `--allow-remote` (E_NOT_LOOPBACK).
 */
export function engineFromFlags(flags: Readonly<EngineFlags>): EngineChoice {
  if (flags.engine === 'caplab') {
    const stray = (['locustWorkers', 'locustBind', 'locustTarget', 'locustConnectTimeout'] as const).find((k) => flags[k] !== undefined)
      ?? (flags.locustMasterOnly ? 'locustMasterOnly' : flags.allowRemote ? 'allowRemote' : undefined);
    if (stray !== undefined) throw caplabError('E_USAGE', `--${stray.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} is for --engine locust, and the engine is caplab`);
    return { name: 'caplab' };
  }
  const masterOnly = flags.locustMasterOnly;
  return {
    name: 'locust',
    workers: flags.locustWorkers ?? 1,
    masterOnly,
    bindHost: checkMasterBind(flags.locustBind ?? '127.0.0.1', flags.allowRemote),
    connectTimeoutMs: (flags.locustConnectTimeout ?? (masterOnly ? CONNECT_TIMEOUT_S.masterOnly : CONNECT_TIMEOUT_S.local)) * 1000,
    ...(flags.locustTarget !== undefined ? { target: checkLocustTarget(flags.locustTarget, flags.allowRemote) } : {}),
  };
}

/** What a command prints when a master-only Locust master is up: the worker command, on stderr. */
export function describeLocustMaster(workers: number, info: { readonly locustfile: string; readonly workerCommand: string }): string {
  return [
    `Locust master is waiting for ${workers} worker${workers === 1 ? '' : 's'}. On each machine (copy ${info.locustfile} there first, at the same path or change -f), run:`,
    `  ${info.workerCommand}`,
    'Each worker sends its records to the master once its share is done; caplab merges them into results.json.',
  ].join('\n');
}
