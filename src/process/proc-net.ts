import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** One row of /proc/net/tcp{,6}. */
export interface TcpRow {
  readonly localPort: number;
  /** '0A' LISTEN, '01' ESTABLISHED, … */
  readonly state: string;
  /** For a LISTEN socket, the accept queue's length (Linux prints sk_ack_backlog here). */
  readonly rxQueue: number;
  readonly inode: string;
}

/** The state column of a listening socket. */
export const TCP_LISTEN = '0A';
/** The state column of an established connection. */
export const TCP_ESTABLISHED = '01';

/** Parses /proc/net/tcp or tcp6 (header line first); malformed lines are skipped. Pure. */
export function parseTcpTable(text: string): TcpRow[] {
  const rows: TcpRow[] = [];
  for (const line of text.split('\n').slice(1)) {
    // sl local_address rem_address st tx_queue:rx_queue tr:when retrnsmt uid timeout inode
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const rx = f[4]!.split(':')[1] ?? '0';
    rows.push({ localPort: parseInt(f[1]!.slice(f[1]!.lastIndexOf(':') + 1), 16), state: f[3]!, rxQueue: parseInt(rx, 16) || 0, inode: f[9]! });
  }
  return rows;
}

/** Every row of /proc/net/tcp and tcp6; undefined when neither can be read. */
export function readTcpRows(): TcpRow[] | undefined {
  let readAny = false;
  const rows: TcpRow[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      rows.push(...parseTcpTable(readFileSync(table, 'utf8')));
      readAny = true;
    } catch {
      // not there (no IPv6, or no /proc): the other table may be
    }
  }
  return readAny ? rows : undefined;
}

/** Inodes of the sockets process `pid` holds open (from /proc/PID/fd); empty when it cannot be read. */
export function socketInodesOf(pid: number): Set<string> {
  const inodes = new Set<string>();
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return inodes;
  }
  for (const fd of fds) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // closed while we looked
    }
  }
  return inodes;
}
