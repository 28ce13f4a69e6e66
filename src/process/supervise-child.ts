import { fork, type ChildProcess } from 'node:child_process';

/** How a child process ended: its exit code, or the name of the signal that ended it. */
export interface ExitStatus {
  readonly code: number | null;
  readonly signal: string | null;
}

/** A role's process that ended, and how. */
export interface ProcessExit extends ExitStatus {
  readonly pid: number;
  /**
   * True when the process that ended is a keeper (the supervisor of a real
   * program such as nginx), not the program itself.
   */
  readonly keeper?: boolean;
}

/** A child process started by `forkChild`, ready to be used. */
export interface Supervised<Ready> {
  readonly child: ChildProcess;
  /** The child's first IPC message, of type 'ready'. */
  readonly ready: Ready;
  /** Resolves once the child has exited, for whatever reason (stop() included). */
  readonly exited: Promise<ExitStatus>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface ForkOptions {
  readonly args?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** How long to wait for the 'ready' message. */
  readonly startTimeoutMs?: number;
  /**
   * File descriptors of this process to share with the child, which finds
   * them at 4, 5, … in order (after stdin, stdout, stderr and the IPC channel).
   */
  readonly shareFds?: readonly number[];
  /** What the child is, for error messages (e.g. "worker 1 loading app ./my-app.mjs"); default: the entry's path. */
  readonly name?: string;
  /** Inherit stdio (for debugging); default: stdout ignored, stderr piped into the error. */
  readonly inheritStdio?: boolean;
  /**
   * The child leads a new process group (and session: Node's `detached`),
   * which everything it forks joins; whenever the child exits, before or
   * after it is ready, whatever is left of its group is SIGKILLed. This is
   * how a grandchild blocked in JavaScript, which cannot notice its parent's
   * death, is still ended when the child is killed with SIGKILL. A terminal's
   * Ctrl-C then reaches only this process, which stops the child itself.
   */
  readonly ownGroup?: boolean;
}

/** Children forked here and not yet exited, and how each ends. */
const live = new Map<number, { child: ChildProcess; exited: Promise<ExitStatus> }>();
/** The latest exits, for `childExit` asked just after a child ended (bounded: a master respawns workers for ever). */
const ended = new Map<number, ExitStatus>();
const ENDED_KEPT = 64;

/**
 * How the child `pid`, forked by `forkChild` in this process, ends:
 * resolves with its exit status once it exits (at once if it already has).
 * Undefined for a pid this process did not fork through `forkChild`.
 */
export function childExit(pid: number): Promise<ExitStatus> | undefined {
  const done = ended.get(pid);
  return done ? Promise.resolve(done) : live.get(pid)?.exited;
}

/**
 * Sends `signal` to every child `forkChild` started in this process that
 * has not exited yet, ready or still starting. Synchronous, so a process
 * may call it from its 'exit' hook.
 */
export function signalChildren(signal: NodeJS.Signals): void {
  for (const { child } of live.values()) {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // the group is empty
  }
}

interface ReadyMessage { readonly type: 'ready' }
interface FailedMessage { readonly type: 'failed'; readonly code: string; readonly message: string }

/** Error raised when a child reports failure or dies before it is ready. */
export class ChildStartError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'ChildStartError';
  }
}

/**
 * Forks `entry` with an IPC channel and waits for its `{type:'ready'}`
 * message. A child that sends `{type:'failed', code, message}` or exits first
 * rejects with `ChildStartError` carrying that code (or 'E_STACK_START').
 */
export function forkChild<Ready extends ReadyMessage>(entry: string, config: unknown, options: ForkOptions = {}): Promise<Supervised<Ready>> {
  const child = fork(entry, [...(options.args ?? [])], {
    env: options.env ?? process.env,
    stdio: [
      options.inheritStdio ? 'inherit' : 'ignore',
      options.inheritStdio ? 'inherit' : 'ignore',
      options.inheritStdio ? 'inherit' : 'pipe',
      'ipc',
      ...(options.shareFds ?? []),
    ],
    serialization: 'advanced',
    detached: options.ownGroup ?? false,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const pid = child.pid;
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('exit', (code, signal) => {
      // The group's leader is gone; its pid stays reserved while members remain, so -pid reaches only them.
      if (options.ownGroup && pid !== undefined) killGroup(pid);
      const status = { code, signal };
      if (pid !== undefined) {
        live.delete(pid);
        ended.set(pid, status);
        if (ended.size > ENDED_KEPT) ended.delete(ended.keys().next().value!);
      }
      resolve(status);
    });
  });
  if (pid !== undefined) live.set(pid, { child, exited });

  const stop = async (graceMs = 2000): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
  };

  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => {
      // stuck (perhaps blocked in JavaScript, deaf to SIGTERM): no grace
      child.kill('SIGKILL');
      reject(new ChildStartError(`${options.name ?? entry} did not start within ${options.startTimeoutMs ?? 15000} ms`, 'E_STACK_START'));
    }, options.startTimeoutMs ?? 15000);
    const onMessage = (msg: ReadyMessage | FailedMessage): void => {
      if (msg?.type === 'ready') {
        cleanup();
        resolve({ child, ready: msg as Ready, exited, stop });
      } else if (msg?.type === 'failed') {
        cleanup();
        void stop(0);
        reject(new ChildStartError(msg.message, msg.code));
      }
    };
    const onExit = (code: number | null, signal: string | null): void => {
      cleanup();
      const detail = stderr.trim().split('\n').slice(-3).join(' | ');
      reject(new ChildStartError(`${options.name ?? entry} exited (${signal ?? code}) before it was ready${detail ? `: ${detail}` : ''}`, 'E_STACK_START'));
    };
    const cleanup = (): void => {
      clearTimeout(timeout);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send({ type: 'config', config });
  });
}
