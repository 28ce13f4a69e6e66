/**
 * IPC between caplab and a keeper process (see keeper-main.ts). The parent
 * sends `{type:'config', config: KeeperConfig}` (forkChild does this); the
 * keeper answers once with `KeeperReady` or `KeeperFailed`, and after
 * `KeeperReady` sends `KeeperProgramExited` if the program dies by itself.
 */
export interface KeeperConfig {
  /** Short name for messages, e.g. 'nginx'. */
  readonly name: string;
  /** Absolute path of the program. */
  readonly command: string;
  readonly args: readonly string[];
  /** The program's whole environment (nothing is inherited from the keeper). */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** The program is ready once every one of `readyPorts` on `host` accepts a TCP connection... */
  readonly host: string;
  readonly readyPorts: readonly number[];
  /** ...and every one of these unix sockets accepts a connection (a pool bound to a path; none if absent). */
  readonly readyPaths?: readonly string[] | undefined;
  /** ...and a process of its group listens on every one of these (Linux /proc). */
  readonly listenPorts: readonly number[];
  readonly startTimeoutMs: number;
  /** Time between SIGTERM and SIGKILL of the program's process group. */
  readonly graceMs: number;
  /** The program's stdout and stderr are appended here. */
  readonly logFile: string;
  /** Files whose last lines explain a failed start (logFile is always included). */
  readonly tailFiles: readonly string[];
  /** A directory the keeper removes once the program is gone. */
  readonly removeDir?: string | undefined;
}

/** The program accepts connections; `pid` is its pid and process group id. */
export interface KeeperReady {
  readonly type: 'ready';
  readonly pid: number;
}

/** The program exited or timed out before it was ready. `code` is an ErrorCode. */
export interface KeeperFailed {
  readonly type: 'failed';
  readonly code: string;
  readonly message: string;
}

/** After `ready`: the program ended on its own; the keeper ends its group and exits 1 next. */
export interface KeeperProgramExited {
  readonly type: 'exited';
  readonly pid: number;
  readonly code: number | null;
  readonly signal: string | null;
}

export type KeeperMessage = KeeperReady | KeeperFailed | KeeperProgramExited;
