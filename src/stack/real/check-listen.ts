import { readFileSync } from 'node:fs';
import { caplabError } from '../../errors.js';

/** net.core.somaxconn from /proc, or null where it cannot be read. */
export function readSomaxconn(path = '/proc/sys/net/core/somaxconn'): number | null {
  try {
    const value = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

/**
 * uWSGI refuses to start when `listen` exceeds net.core.somaxconn (the kernel
 * would silently cap the accept queue). This says so up front, as a
 * CaplabError with exit code 2, instead of a failed start. With no known
 * limit (null: /proc unreadable) it lets uWSGI decide.
 */
export function assertListenFits(listen: number, somaxconn: number | null = readSomaxconn()): void {
  if (somaxconn === null || listen <= somaxconn) return;
  throw caplabError('E_LISTEN_OVER_SOMAXCONN', `listen ${listen} exceeds net.core.somaxconn (${somaxconn}); uWSGI would refuse to start`, {
    hint: `lower listen to at most ${somaxconn}, or raise the limit: sysctl -w net.core.somaxconn=${listen}`,
  });
}
