import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { caplabError } from '../errors.js';
import type { PoolKind, SocketKind } from './types.js';

/** The pools that can listen on a unix socket (runserver binds TCP only). */
export const UNIX_SOCKET_POOLS: readonly PoolKind[] = ['embedded', 'uwsgi', 'gunicorn'];

/** The proxy → pool link of one run: over TCP nothing; over unix, a socket path in a temp folder of its own. */
export interface PoolLink {
  /** Where the pool listens and the proxy connects; undefined over TCP. */
  readonly socketPath?: string;
  /** Removes the temp folder and the socket in it; safe to call more than once. */
  remove(): Promise<void>;
}

/**
 * Opens the link for `socket`: for 'unix', a fresh 0700 folder under the
 * system's temp dir holding `pool.sock` (short enough for sun_path's 108
 * bytes). Throws E_USAGE before anything starts when `pool` cannot listen
 * on a unix socket.
 */
export async function openPoolLink(socket: SocketKind, pool: PoolKind): Promise<PoolLink> {
  if (socket === 'tcp') return { remove: () => Promise.resolve() };
  if (!UNIX_SOCKET_POOLS.includes(pool)) {
    throw caplabError('E_USAGE', `stack: socket unix needs a pool that listens on one (${UNIX_SOCKET_POOLS.join(', ')}), got pool ${JSON.stringify(pool)}`);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-link-'));
  return { socketPath: path.join(dir, 'pool.sock'), remove: () => rm(dir, { recursive: true, force: true }) };
}
