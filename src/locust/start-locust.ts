import path from 'node:path';
import { startKeeper, type KeptProgram } from '../stack/index.js';
import { LOCUST } from './inspect-locust.js';

/** How long Locust gets between SIGTERM and SIGKILL of its process group. */
const GRACE_MS = 2000;
/** How long a Locust process may take to start (the master: until its port accepts). */
const START_TIMEOUT_MS = 30_000;

/** Locust's environment: nothing inherited but what Python needs, plus caplab's own variables. */
function locustEnv(extra: Readonly<Record<string, string>>): Record<string, string> {
  return { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', PYTHONUNBUFFERED: '1', HOME: process.env['HOME'] ?? '/tmp', ...extra };
}

/** Where a master listens for its workers. */
export interface MasterAddress {
  readonly host: string;
  readonly port: number;
}

/** What the master needs beyond its locustfile. */
export interface MasterOptions extends MasterAddress {
  readonly dir: string;
  readonly locustfile: string;
  readonly target: string;
  readonly expectWorkers: number;
  readonly connectTimeoutMs: number;
  /** The file the locustfile writes t0 into once the test starts. */
  readonly startFile: string;
  /** Master-only: the folder the master writes the records its workers send it. */
  readonly collectDir?: string | undefined;
}

/**
 * Starts a headless Locust master under a keeper (its own process group,
 * ended when caplab stops or dies): it waits for `expectWorkers` workers
 * for at most `connectTimeoutMs`, then runs the locustfile's shape, and
 * exits 0 whatever the requests' outcome (`--exit-code-on-error 0`).
 * Resolves once its port accepts connections.
 */
export function startMaster(o: MasterOptions): Promise<KeptProgram> {
  return startKeeper({
    name: 'Locust master',
    command: LOCUST.path,
    args: [
      '-f', o.locustfile, '--headless', '--master', '--master-bind-host', o.host, '--master-bind-port', String(o.port),
      '--expect-workers', String(o.expectWorkers), '--expect-workers-max-wait', String(Math.ceil(o.connectTimeoutMs / 1000)),
      '--host', o.target, '--only-summary', '--exit-code-on-error', '0', '--loglevel', 'INFO',
    ],
    env: locustEnv({ CAPLAB_START_FILE: o.startFile, ...(o.collectDir !== undefined ? { CAPLAB_COLLECT_DIR: o.collectDir } : {}) }),
    cwd: o.dir,
    host: o.host,
    readyPorts: [o.port],
    listenPorts: [o.port],
    startTimeoutMs: START_TIMEOUT_MS,
    graceMs: GRACE_MS,
    logFile: path.join(o.dir, 'master.log'),
    tailFiles: [],
  });
}

/** The command that starts one more worker for `master`, on this machine or another (the locustfile copied there). */
export function workerCommand(locustfile: string, master: MasterAddress): string[] {
  return [LOCUST.path, '-f', locustfile, '--worker', '--master-host', master.host, '--master-port', String(master.port)];
}

/** Starts worker `index` under a keeper, writing its records to `recordsFile`. Resolves once it is spawned. */
export function startWorker(dir: string, locustfile: string, master: MasterAddress, index: number, recordsFile: string): Promise<KeptProgram> {
  const [command, ...args] = workerCommand(locustfile, master);
  return startKeeper({
    name: `Locust worker ${index}`,
    command: command as string,
    args,
    env: locustEnv({ CAPLAB_RECORDS: recordsFile }),
    cwd: dir,
    host: master.host,
    readyPorts: [],
    listenPorts: [],
    startTimeoutMs: START_TIMEOUT_MS,
    graceMs: GRACE_MS,
    logFile: path.join(dir, `worker-${index}.log`),
    tailFiles: [],
  });
}
