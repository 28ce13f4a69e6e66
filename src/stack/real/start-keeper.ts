import { ChildStartError, forkChild, resolveEntry, type ProcessExit } from '../../process/index.js';
import { CaplabError, ERROR_CODES, type ErrorCode } from '../../errors.js';
import type { KeeperConfig, KeeperMessage, KeeperReady } from './keeper-messages.js';
import { groupMembers, terminateGroup } from './process-group.js';

/** A real program under a keeper process. */
export interface KeptProgram {
  /** Pid of the program (also its process group id). */
  readonly pid: number;
  /** Pid of the keeper. */
  readonly keeperPid: number;
  /**
   * Resolves when the program or its keeper ends, for whatever reason
   * (stop() included): with the program's pid and status if the keeper
   * reported its death, else with the keeper's (`keeper: true`).
   */
  readonly exited: Promise<ProcessExit>;
  /**
   * SIGTERM to the keeper, which ends the program's group; resolves once the
   * keeper has exited and no process of the program's group is left.
   */
  stop(): Promise<void>;
}

function asErrorCode(code: string): ErrorCode {
  return code in ERROR_CODES ? (code as ErrorCode) : 'E_STACK_START';
}

/**
 * Forks a keeper (keeper-main.js) for `config` and waits until the program
 * accepts connections on its ready ports. A failed start rejects with a
 * CaplabError (E_PORT_IN_USE when the log says the address was taken,
 * otherwise E_STACK_START) whose message ends with the program's last log
 * lines; by then the keeper has already ended the program. A keeper that
 * dies without cleaning up (kill -9) has its program's group ended from
 * here (SIGTERM, SIGKILL after `graceMs`).
 */
export async function startKeeper(config: KeeperConfig): Promise<KeptProgram> {
  const entry = resolveEntry(import.meta.url, './keeper-main.js');
  // The keeper needs time to end the program after its own start timeout
  // before forkChild gives up and SIGKILLs it.
  const margin = config.graceMs + 5000;
  try {
    const kept = await forkChild<KeeperReady>(entry, config, { startTimeoutMs: config.startTimeoutMs + margin });
    let stopping: Promise<void> | undefined;
    const keeperPid = kept.child.pid ?? -1;
    const programExited = new Promise<ProcessExit>((resolve) => {
      const onMessage = (message: KeeperMessage): void => {
        if (message?.type !== 'exited') return;
        kept.child.off('message', onMessage);
        resolve({ pid: message.pid, code: message.code, signal: message.signal });
      };
      kept.child.on('message', onMessage);
    });
    const keeperExited = kept.exited.then((status): ProcessExit => ({ pid: keeperPid, keeper: true, ...status }));
    const programPid = kept.ready.pid;
    // Members left with the group's id keep that id reserved, so the signals reach only them.
    const orphansEnded = kept.exited.then(() => (groupMembers(programPid).length > 0 ? terminateGroup(programPid, config.graceMs) : undefined));
    return {
      pid: kept.ready.pid,
      keeperPid,
      exited: Promise.race([programExited, keeperExited]),
      stop() {
        stopping ??= kept.stop(margin).then(() => orphansEnded);
        return stopping;
      },
    };
  } catch (err) {
    if (err instanceof ChildStartError) throw new CaplabError(asErrorCode(err.code), err.message, { cause: err });
    throw err;
  }
}
