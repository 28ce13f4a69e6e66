import { fork, type ChildProcess } from 'node:child_process';

/** A child process started by `forkChild`, ready to be used. */
export interface Supervised<Ready> {
  readonly child: ChildProcess;
  /** The child's first IPC message, of type 'ready'. */
  readonly ready: Ready;
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
  /** Inherit stdio (for debugging); default: stdout ignored, stderr piped into the error. */
  readonly inheritStdio?: boolean;
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
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

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
      void stop(0);
      reject(new ChildStartError(`${entry} did not start within ${options.startTimeoutMs ?? 15000} ms`, 'E_STACK_START'));
    }, options.startTimeoutMs ?? 15000);
    const onMessage = (msg: ReadyMessage | FailedMessage): void => {
      if (msg?.type === 'ready') {
        cleanup();
        resolve({ child, ready: msg as Ready, stop });
      } else if (msg?.type === 'failed') {
        cleanup();
        void stop(0);
        reject(new ChildStartError(msg.message, msg.code));
      }
    };
    const onExit = (code: number | null, signal: string | null): void => {
      cleanup();
      const detail = stderr.trim().split('\n').slice(-3).join(' | ');
      reject(new ChildStartError(`${entry} exited (${signal ?? code}) before it was ready${detail ? `: ${detail}` : ''}`, 'E_STACK_START'));
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
