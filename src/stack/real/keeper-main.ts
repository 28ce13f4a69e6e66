/**
 * The keeper: a small Node process that owns one real program (nginx or
 * uWSGI) we cannot modify, so that no process outlives the command that
 * started it.
 *
 * Forked by `startKeeper` (through `forkChild`), it receives a KeeperConfig,
 * spawns the program detached, in its own process group (so a terminal's
 * Ctrl-C reaches caplab, which stops the roles in order, and not the program
 * directly), with stdout and stderr appended to a log file. Once every ready
 * port and ready unix socket path accepts connections and the listening
 * sockets are the program's own (not another program's on the same port),
 * it answers
 * `{type:'ready', pid}`. If the program exits or the start times out first,
 * it ends the group and answers `{type:'failed', code, message}` quoting
 * the last log lines.
 *
 * When its parent dies (even by kill -9: the IPC channel closes and the
 * parent pid changes, see watchParent) or sends SIGTERM, it SIGTERMs the
 * program, SIGKILLs its whole group after the grace period, removes the
 * program's temp dir and exits. If the program dies on its own, the keeper
 * first says so (`{type:'exited', pid, code, signal}`), then cleans up the
 * same way and exits 1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, rmSync } from 'node:fs';
import { watchParent } from '../../process/index.js';
import type { KeeperConfig, KeeperMessage } from './keeper-messages.js';
import { groupListensOn } from './listening-sockets.js';
import { terminateGroup } from './process-group.js';
import { tailFiles } from './tail-files.js';
import { waitForPorts } from './wait-for-ports.js';

let config: KeeperConfig | undefined;
let program: ChildProcess | undefined;
let programExit: string | undefined;
let ready = false;
let ending: Promise<void> | undefined;

function send(message: KeeperMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.connected || !process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

/** Ends the program's group, removes its dir; idempotent. */
function cleanUp(): Promise<void> {
  ending ??= (async () => {
    if (program?.pid !== undefined) await terminateGroup(program.pid, config?.graceMs ?? 2000);
    if (config?.removeDir) rmSync(config.removeDir, { recursive: true, force: true });
  })();
  return ending;
}

function exitAfterCleanUp(code: number): void {
  void cleanUp().finally(() => process.exit(code));
}

async function fail(cfg: KeeperConfig, why: string): Promise<void> {
  const tail = tailFiles([cfg.logFile, ...cfg.tailFiles]); // before cleanUp removes the logs
  await cleanUp();
  const code = /address already in use/i.test(tail) ? 'E_PORT_IN_USE' : 'E_STACK_START';
  await send({ type: 'failed', code, message: `${cfg.name} ${why}${tail ? `: ${tail}` : ''}` });
  process.exit(1);
}

async function start(cfg: KeeperConfig): Promise<void> {
  config = cfg;
  const log = openSync(cfg.logFile, 'a');
  try {
    program = spawn(cfg.command, [...cfg.args], { cwd: cfg.cwd, env: { ...cfg.env }, detached: true, stdio: ['ignore', log, log] });
  } finally {
    closeSync(log);
  }
  program.once('error', (err) => {
    programExit ??= `could not be started (${err.message})`;
  });
  program.once('exit', (code, signal) => {
    programExit ??= `exited (${signal ?? `code ${code}`})`;
    if (ready && program?.pid !== undefined) {
      const pid = program.pid;
      void send({ type: 'exited', pid, code, signal }).finally(() => exitAfterCleanUp(1));
    }
  });
  const ports = [...[...new Set([...cfg.listenPorts, ...cfg.readyPorts])].map((p) => `${cfg.host}:${p}`), ...(cfg.readyPaths ?? [])].join(', ');
  const pid = program.pid;
  const outcome = await waitForPorts(
    cfg.host,
    cfg.readyPorts,
    cfg.startTimeoutMs,
    () => programExit !== undefined,
    () => pid !== undefined && groupListensOn(pid, cfg.listenPorts),
    undefined,
    cfg.readyPaths,
  );
  if (outcome === 'ready' && pid !== undefined) {
    ready = true;
    await send({ type: 'ready', pid });
  } else if (outcome === 'timeout') {
    await fail(cfg, `did not accept connections on ${ports} within ${cfg.startTimeoutMs} ms`);
  } else {
    await fail(cfg, `${programExit ?? 'exited'} before it accepted connections on ${ports}`);
  }
}

watchParent(() => exitAfterCleanUp(0));
process.on('SIGTERM', () => exitAfterCleanUp(0));
// Ctrl-C reaches the whole foreground group; caplab itself decides when to stop us.
process.on('SIGINT', () => undefined);
process.on('message', (message: { type?: string; config?: KeeperConfig }) => {
  if (message?.type === 'config' && message.config && !config) void start(message.config);
});
