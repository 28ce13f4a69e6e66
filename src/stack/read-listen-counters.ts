import { readFile } from 'node:fs/promises';

/**
 * The kernel's listen-queue counters, as `/proc/net/netstat` shows them
 * (`TcpExtListenOverflows`, `TcpExtListenDrops`). They count for the whole
 * network namespace, every listening socket of every program, since boot.
 */
export interface ListenCounters {
  /** SYNs (or final ACKs) dropped because a listening socket's accept queue was full. */
  readonly listenOverflows: number;
  /** Every SYN dropped on a listening socket, overflows included. */
  readonly listenDrops: number;
}

/** Where Linux publishes the TcpExt counters. */
export const NETSTAT_FILE = '/proc/net/netstat';

/**
 * Parses `/proc/net/netstat` text: lines come in pairs, a header
 * (`TcpExt: SyncookiesSent … ListenOverflows ListenDrops …`) then the values
 * in the same order (`TcpExt: 0 … 5 5 …`). Returns null when the TcpExt pair
 * or either counter is missing or not a whole number.
 */
export function parseNetstat(text: string): ListenCounters | null {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const names = lines[i]!.trim().split(/\s+/);
    const values = lines[i + 1]!.trim().split(/\s+/);
    if (names[0] !== 'TcpExt:' || values[0] !== 'TcpExt:' || names.length !== values.length) continue;
    const read = (name: string): number | null => {
      const text = values[names.indexOf(name)];
      return text !== undefined && /^\d+$/.test(text) ? Number(text) : null;
    };
    const listenOverflows = read('ListenOverflows');
    const listenDrops = read('ListenDrops');
    return listenOverflows === null || listenDrops === null ? null : { listenOverflows, listenDrops };
  }
  return null;
}

/**
 * Reads the kernel's listen counters now. Resolves null (never rejects) where
 * the file cannot be read or parsed: another OS, or a sandbox without /proc.
 */
export async function readListenCounters(file: string = NETSTAT_FILE): Promise<ListenCounters | null> {
  try {
    return parseNetstat(await readFile(file, 'utf8'));
  } catch {
    return null;
  }
}
