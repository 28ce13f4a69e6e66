import { childExit, isRunning, type ProcessExit } from '../process/index.js';
import type { RoleDeath } from './types.js';

/** How often a role process this process did not fork itself is checked, wall ms. */
export const ROLE_POLL_MS = 200;

/** One role process to watch: how it ends, and which role it plays. */
export interface RoleWatch {
  readonly role: RoleDeath['role'];
  readonly exited: Promise<ProcessExit>;
}

/**
 * How the role process `pid` ends: from its exit event when `forkChild`
 * started it in this process (code and signal known), else by polling
 * /proc every ROLE_POLL_MS (a zombie counts as dead; code and signal null).
 * The poll stops once `done()` is true.
 */
export function exitOf(pid: number, done: () => boolean): Promise<ProcessExit> {
  const known = childExit(pid);
  if (known) return known.then((status) => ({ pid, ...status }));
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (done()) clearInterval(timer);
      else if (!isRunning(pid)) {
        clearInterval(timer);
        resolve({ pid, code: null, signal: null });
      }
    }, ROLE_POLL_MS);
    timer.unref();
  });
}

/**
 * Resolves with the first role death while `stopping()` is false; a role
 * that ends once `stopping()` is true (its stop() was called) is no death,
 * and the promise then never resolves. A process reported as a keeper is
 * named 'keeper', whatever role its program plays.
 */
export function watchRoles(watches: readonly RoleWatch[], stopping: () => boolean): Promise<RoleDeath> {
  return new Promise((resolve) => {
    for (const { role, exited } of watches) {
      void exited.then((exit) => {
        if (stopping()) return;
        resolve({ role: exit.keeper ? 'keeper' : role, pid: exit.pid, code: exit.code, signal: exit.signal });
      });
    }
  });
}
