import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { caplabError } from '../errors.js';
import type { EngineDescription, RequestRecord } from '../results/index.js';
import type { RunPlan } from '../scenario/index.js';
import { pickFreePort, type KeptProgram } from '../stack/index.js';
import { inspectLocust, MIN_LOCUST_VERSION } from './inspect-locust.js';
import { locustPlan } from './locust-plan.js';
import { createLineCounter } from './count-lines.js';
import { degradedReason, type ProcessEnd } from './degraded-reason.js';
import { mergeRecords, readRecordsDir, type WorkerRecords } from './read-records.js';
import { renderLocustfile } from './render-locustfile.js';
import { startMaster, startWorker, workerCommand, type MasterAddress } from './start-locust.js';

/** How `--engine locust` runs: validated flags. */
export interface LocustEngineOptions {
  /** Workers the master waits for: started here, or (master-only) by hand elsewhere. */
  readonly workers: number;
  /** Start only the master; print the command that starts each worker. */
  readonly masterOnly: boolean;
  /** The address the master binds (loopback unless --allow-remote). */
  readonly bindHost: string;
  /** How long the master waits for every worker to connect, wall ms. */
  readonly connectTimeoutMs: number;
}

/** What the caller hears while Locust runs. */
export interface LocustHooks {
  /** Stops Locust at once; the records written so far are still read. */
  readonly signal?: AbortSignal | undefined;
  /** Called once with t0, the epoch ms every worker's schedule starts from. */
  readonly onStart?: ((t0: number) => void) | undefined;
  /** Called about twice a second with the requests recorded so far (local workers only) and the plan's total. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** Master-only: called once the master listens, with the command each worker must run. */
  readonly onMaster?: ((info: { readonly locustfile: string; readonly workerCommand: string }) => void) | undefined;
}

/** What a Locust run produced. */
export interface LocustOutcome {
  /** Every worker's records merged, scenario ms from t0 (see `mergeRecords`). */
  readonly records: RequestRecord[];
  /** t0 as epoch ms. */
  readonly startedAt: number;
  readonly engine: EngineDescription;
}

const StartFileSchema = z.object({ t0: z.number(), workers: z.number().int().nonnegative(), locust: z.string() });

/** Extra wall time, after the plan's hard limit, before caplab stops a master that has not ended by itself. */
const OVERRUN_MS = 30_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Checks that Debian's Locust is installed and new enough; returns its version. Throws E_LOCUST_MISSING. */
export function requireLocust(): string {
  const check = inspectLocust();
  if (!check.found) throw caplabError('E_LOCUST_MISSING', `--engine locust needs Locust (${check.path} importable by /usr/bin/python3), and it is missing`);
  if (check.tooOld) throw caplabError('E_LOCUST_MISSING', `--engine locust needs Locust ${MIN_LOCUST_VERSION} or newer, found ${check.version ?? 'an unknown version'}`);
  return check.version ?? 'unknown';
}

function connectedWorkers(dir: string): number {
  try {
    return (readFileSync(path.join(dir, 'master.log'), 'utf8').match(/reported as ready/g) ?? []).length;
  } catch {
    return 0;
  }
}

/** The last lines of a Locust log in the run's folder, on one line. */
function logTail(dir: string, name: string): string {
  try {
    return readFileSync(path.join(dir, name), 'utf8').trim().split('\n').slice(-3).join(' | ');
  } catch {
    return '';
  }
}

async function readStartFile(file: string): Promise<z.infer<typeof StartFileSchema> | null> {
  if (!existsSync(file)) return null;
  try {
    return StartFileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return null;
  }
}

/**
 * Runs `plan` on Locust against `target`: writes the locustfile into a
 * fresh temporary folder, starts a headless master and (unless
 * master-only) `workers` worker processes on this machine, each under a
 * keeper in its own process group, so none outlives caplab even after
 * kill -9. Waits for the master to end by itself (every live worker done,
 * or the plan's hard limit), then merges every worker's records. Local
 * workers write their own files; in master-only mode each remote worker
 * sends its file to the master once its share is done, and the master
 * writes them into the folder caplab reads. A worker that dies mid-run
 * leaves a run marked degraded with the records it wrote.
 *
 * Throws E_LOCUST_MISSING (no or too old Locust), E_LOCUST_WORKERS (not
 * every worker connected within the timeout) or E_LOCUST_FAILED (the master
 * ended before starting).
 */
export async function runLocustLoad(plan: RunPlan, target: string, options: LocustEngineOptions, hooks: LocustHooks = {}): Promise<LocustOutcome> {
  const version = requireLocust();
  const data = locustPlan(plan, target);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-locust-'));
  const recordsDir = path.join(dir, 'records');
  await mkdir(recordsDir);
  const locustfile = path.join(dir, 'locustfile.py');
  await writeFile(locustfile, renderLocustfile(data), 'utf8');
  const startFile = path.join(dir, 'start.json');
  const kept: KeptProgram[] = [];
  let files: WorkerRecords[] = [];
  const workerPids: number[] = [];
  const exits = new Map<number, ProcessEnd>();
  let t0 = Date.now();
  let masterExit: ProcessEnd | null = null;
  // Exits after caplab began stopping Locust are its own doing, not deaths.
  let stopping = false;
  let masterDied: ProcessEnd | null = null;
  let overran = false;
  try {
    try {
      const address: MasterAddress = { host: options.bindHost, port: await pickFreePort(options.bindHost) };
      const master = await startMaster({
        ...address,
        dir,
        locustfile,
        target,
        expectWorkers: options.workers,
        connectTimeoutMs: options.connectTimeoutMs,
        startFile,
        collectDir: options.masterOnly ? recordsDir : undefined,
      });
      kept.push(master);
      void master.exited.then((e) => {
        masterExit = { pid: master.pid, code: e.code, signal: e.signal, atMs: Date.now() - t0 };
        if (!stopping && (e.code !== 0 || e.signal !== null)) masterDied = masterExit;
      });
      if (options.masterOnly) {
        hooks.onMaster?.({ locustfile, workerCommand: workerCommand(locustfile, address).join(' ') });
      } else {
        const workers = await Promise.all(
          Array.from({ length: options.workers }, (_, k) => startWorker(dir, locustfile, address, k, path.join(recordsDir, `worker-${k}.jsonl`))),
        );
        for (const w of workers) {
          kept.push(w);
          workerPids.push(w.pid);
          void w.exited.then((e) => {
            if (!stopping) exits.set(w.pid, { pid: w.pid, code: e.code, signal: e.signal, atMs: Date.now() - t0 });
          });
        }
      }

      // Wait for the master to start the test (it writes t0), or to give up on its workers.
      const startBy = Date.now() + options.connectTimeoutMs + 15_000;
      let started = await readStartFile(startFile);
      while (started === null && masterExit === null && exits.size === 0 && !hooks.signal?.aborted && Date.now() < startBy) {
        await sleep(50);
        started = await readStartFile(startFile);
      }
      const early = [...exits.values()][0];
      if (started === null && early !== undefined && !hooks.signal?.aborted) {
        const k = workerPids.indexOf(early.pid);
        throw caplabError('E_LOCUST_FAILED', `Locust worker ${k} ${early.signal !== null ? `was killed (${early.signal})` : `exited (code ${early.code})`} before the test started${logTail(dir, `worker-${k}.log`) ? `: ${logTail(dir, `worker-${k}.log`)}` : ''}`);
      }
      if (started === null && !hooks.signal?.aborted) {
        const connected = connectedWorkers(dir);
        if (connected < options.workers) {
          throw caplabError('E_LOCUST_WORKERS', `${connected} of ${options.workers} Locust workers connected to the master within the ${Math.round(options.connectTimeoutMs / 1000)} s timeout (--locust-connect-timeout)`, {
            hint: options.masterOnly ? 'start every worker with the command printed above, or raise --locust-connect-timeout' : 'see `caplab doctor`; a loaded machine may need a longer --locust-connect-timeout',
          });
        }
        throw caplabError('E_LOCUST_FAILED', `the Locust master ended before the test started${logTail(dir, 'master.log') ? `: ${logTail(dir, 'master.log')}` : ''}`);
      }
      if (started !== null) {
        t0 = Math.round(started.t0 * 1000);
        hooks.onStart?.(t0);
      }

      // Wait for the master to end the test by itself.
      const endBy = t0 + data.hardLimitS * 1000 + OVERRUN_MS;
      // Each file has a header line, and a trailer once done: the progress counts what is left.
      const countLines = createLineCounter(options.masterOnly ? [] : Array.from({ length: options.workers }, (_, k) => path.join(recordsDir, `worker-${k}.jsonl`)));
      let nextProgress = 0;
      while (masterExit === null && !hooks.signal?.aborted && Date.now() < endBy) {
        await sleep(50);
        if (hooks.onProgress && !options.masterOnly && Date.now() >= nextProgress) {
          nextProgress = Date.now() + 500;
          const done = Math.max(0, (await countLines()) - options.workers);
          hooks.onProgress(done, Math.max(done, plan.totalRequests));
        }
      }
      overran = masterExit === null && !hooks.signal?.aborted;
    } finally {
      stopping = true;
      await Promise.all(kept.map((k) => k.stop()));
    }
    const found = await readRecordsDir(recordsDir);
    // Local workers: one file each by name, an empty one for a worker that died before writing.
    files = options.masterOnly
      ? found
      : Array.from({ length: options.workers }, (_, k) => {
          const file = path.join(recordsDir, `worker-${k}.jsonl`);
          return found.find((f) => f.file === file) ?? { file, header: null, lines: [], done: false, unreadable: 0 };
        });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const died = masterDied as ProcessEnd | null;
  const reasons = [
    overran ? `the Locust master had not ended ${OVERRUN_MS / 1000} s after the plan's hard limit, and was stopped` : null,
    died !== null
      ? `the Locust master (pid ${died.pid}) ${died.signal !== null ? `was killed (${died.signal})` : `exited (code ${died.code})`} at t = ${(died.atMs / plan.timeScale / 1000).toFixed(1)} s`
      : null,
    // An interrupted run is marked aborted; only the workers that died before it count here.
    degradedReason(files, options.workers, exits, workerPids, plan.timeScale, { deathsOnly: hooks.signal?.aborted === true }),
  ].filter((r): r is string => r !== null);
  const degraded = reasons.length > 0 ? reasons.join('; ') : null;
  const records = mergeRecords(files, plan.timeScale);
  const reported = files.find((f) => f.header !== null)?.header?.locust;
  return {
    records,
    startedAt: t0,
    engine: {
      name: 'locust',
      workers: options.workers,
      version: version !== 'unknown' ? version : reported || 'unknown',
      workerRecords: files.map((f) => f.lines.length),
      ...(degraded !== null ? { degraded } : {}),
    },
  };
}
