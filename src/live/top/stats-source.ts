import { caplabError } from '../../errors.js';
import { parseStats, readStats, type PoolStats } from '../../pool/index.js';

/** Where `caplab top` reads a pool's stats document from. */
export type StatsSource =
  /** A stats server that answers one JSON document per connection: caplab's pool, uWSGI's `--stats`. */
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number; readonly label: string }
  /** An HTTP URL that answers the document: uWSGI's `--stats-http`, or caplab's stats port (`http://host:port/`). */
  | { readonly kind: 'url'; readonly url: string; readonly label: string };

/** How long one read may take before it counts as unreachable. */
export const READ_TIMEOUT_MS = 2_000;

/**
 * The stats source of `--stats HOST:PORT` or `--url URL` (exactly one).
 * E_USAGE for both, neither, or a malformed address. Reading stats sends
 * no load, so any host is allowed.
 */
export function statsSource(flags: { readonly stats?: string | undefined; readonly url?: string | undefined }): StatsSource {
  if ((flags.stats === undefined) === (flags.url === undefined)) {
    throw caplabError('E_USAGE', flags.stats === undefined ? 'top needs --stats HOST:PORT or --url URL' : 'give --stats or --url, not both', {
      hint: '`caplab serve` prints the stats address: caplab top --stats 127.0.0.1:PORT',
    });
  }
  if (flags.stats !== undefined) {
    const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(flags.stats);
    const port = match ? Number(match[3]) : NaN;
    if (!match || port < 1 || port > 65535) throw caplabError('E_USAGE', `--stats must be HOST:PORT, got ${JSON.stringify(flags.stats)}`);
    const host = match[1] ?? match[2]!;
    return { kind: 'tcp', host, port, label: flags.stats };
  }
  let url: URL;
  try {
    url = new URL(flags.url!);
  } catch {
    throw caplabError('E_USAGE', `--url must be an http:// URL, got ${JSON.stringify(flags.url)}`);
  }
  if (url.protocol !== 'http:') throw caplabError('E_USAGE', `--url must be an http:// URL, got ${JSON.stringify(flags.url)}`);
  return { kind: 'url', url: url.href, label: url.href };
}

/** Reads one stats document from `source`; rejects with E_POOL_STATS when it cannot. */
export async function readSource(source: StatsSource): Promise<PoolStats> {
  if (source.kind === 'tcp') return readStats(source.host, source.port, READ_TIMEOUT_MS);
  let text: string;
  try {
    const res = await fetch(source.url, { signal: AbortSignal.timeout(READ_TIMEOUT_MS) });
    text = await res.text();
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  } catch (err) {
    const reason = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
    throw caplabError('E_POOL_STATS', `pool stats at ${source.url}: ${reason}`, { cause: err });
  }
  try {
    return parseStats(text);
  } catch (err) {
    throw caplabError('E_POOL_STATS', `pool stats at ${source.url}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}
