import { readFile } from 'node:fs/promises';
import type { PortSockets } from './port-sockets.js';

/** /proc/net/unix `St` (socket_state): waiting in a listener's accept queue, and accepted. */
const CONNECTING = '02';
const CONNECTED = '03';

/**
 * Counts, in the text of /proc/net/unix, the stream sockets bound to `path`
 * other than the listener: a connection still in the accept queue is a row
 * of state SS_CONNECTING (02) with inode 0, an accepted one a row of state
 * SS_CONNECTED (03), both carrying the listener's path (net/unix/af_unix.c,
 * unix_seq_show; the server side of a connection shares the listener's
 * address). The client side has no path and is not counted. Pure;
 * malformed lines are skipped.
 */
export function parseUnixPathSockets(text: string, path: string): PortSockets {
  let acceptQueue = 0;
  let accepted = 0;
  for (const line of text.split('\n').slice(1)) {
    // Num RefCount Protocol Flags Type St Inode Path
    const fields = line.trim().split(/\s+/);
    if (fields.length < 8 || fields.slice(7).join(' ') !== path) continue;
    if (fields[5] === CONNECTING) acceptQueue += 1;
    else if (fields[5] === CONNECTED) accepted += 1;
  }
  return { acceptQueue, established: acceptQueue + accepted };
}

/** Reads /proc/net/unix for `path`; rejects (naming the path) where it cannot be read, so a sampler counts the failure. */
export async function readUnixPathSockets(path: string): Promise<PortSockets> {
  try {
    return parseUnixPathSockets(await readFile('/proc/net/unix', 'utf8'), path);
  } catch (err) {
    throw new Error(`sockets of ${path}: /proc/net/unix cannot be read (${(err as Error).message})`, { cause: err });
  }
}
