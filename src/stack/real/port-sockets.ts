import { readFile } from 'node:fs/promises';

/** What /proc/net/tcp{,6} shows of one local port: the listen socket's accept queue and the open connections. */
export interface PortSockets {
  /** Connections completed by the kernel and not yet accepted (the LISTEN socket's rx_queue). */
  readonly acceptQueue: number;
  /** ESTABLISHED connections on the port, those still in the accept queue included. */
  readonly established: number;
}

const LISTEN = '0A';
const ESTABLISHED = '01';

/**
 * Counts, in the text of /proc/net/tcp or tcp6, the sockets whose local
 * port is `port`. For a LISTEN socket Linux prints the accept-queue length
 * as rx_queue (and the backlog as tx_queue; net/ipv4/tcp_ipv4.c,
 * get_tcp4_sock). Pure; malformed lines are skipped.
 */
export function parsePortSockets(text: string, port: number): PortSockets {
  let acceptQueue = 0;
  let established = 0;
  for (const line of text.split('\n').slice(1)) {
    // sl local_address rem_address st tx_queue:rx_queue ...
    const fields = line.trim().split(/\s+/);
    if (fields.length < 5) continue;
    const local = fields[1]!;
    if (parseInt(local.slice(local.lastIndexOf(':') + 1), 16) !== port) continue;
    if (fields[3] === LISTEN) acceptQueue += parseInt(fields[4]!.split(':')[1] ?? '0', 16) || 0;
    else if (fields[3] === ESTABLISHED) established += 1;
  }
  return { acceptQueue, established };
}

/**
 * Reads /proc/net/tcp and tcp6 for `port`. Rejects (naming the port) where
 * neither table can be read, so a sampler counts the failure.
 */
export async function readPortSockets(port: number): Promise<PortSockets> {
  const texts = await Promise.allSettled(['/proc/net/tcp', '/proc/net/tcp6'].map((f) => readFile(f, 'utf8')));
  const read = texts.flatMap((t) => (t.status === 'fulfilled' ? [parsePortSockets(t.value, port)] : []));
  if (read.length === 0) throw new Error(`sockets of port ${port}: /proc/net/tcp cannot be read`);
  return read.reduce((a, b) => ({ acceptQueue: a.acceptQueue + b.acceptQueue, established: a.established + b.established }));
}
