/**
 * Field readers shared by the log parsers: nginx's `$time_local`, the
 * request line, and the upstream lists. Each returns null for text it
 * cannot read, so a parser can reject the line.
 */

const MONTHS: Readonly<Record<string, number>> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };
const TIME_LOCAL = /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;

/** nginx's and gunicorn's `10/Oct/2026:13:55:36 +0200` as epoch ms (1 s resolution). */
export function parseTimeLocal(text: string): number | null {
  const m = TIME_LOCAL.exec(text);
  if (!m) return null;
  const month = MONTHS[m[2] as string];
  if (month === undefined) return null;
  const utc = Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
  const offsetMin = (Number(m[8]) * 60 + Number(m[9])) * (m[7] === '-' ? -1 : 1);
  return utc - offsetMin * 60_000;
}

const CTIME = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

/** uWSGI's `Mon Oct 10 13:55:36 2026` (ctime, the server's local zone, read as UTC) as epoch ms. */
export function parseCtime(text: string): number | null {
  const m = CTIME.exec(text);
  if (!m) return null;
  const month = MONTHS[m[1] as string];
  if (month === undefined) return null;
  return Date.UTC(Number(m[6]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
}

/** `GET /a/b?x=1 HTTP/1.1` as method and path (query dropped), or null. */
export function parseRequestLine(text: string): { method: string; path: string } | null {
  const m = /^([A-Z]{3,10}) (\S+)(?: HTTP\/[\d.]+)?$/.exec(text);
  if (!m) return null;
  return { method: m[1] as string, path: stripQuery(m[2] as string) };
}

/** A path without its query string or fragment. */
export function stripQuery(uri: string): string {
  const cut = uri.search(/[?#]/);
  return cut === -1 ? uri : uri.slice(0, cut);
}

/** A decimal number of seconds (`0.012`) as ms, or null. */
export function secondsToMs(text: string | undefined): number | null {
  if (text === undefined || !/^\d+(\.\d+)?$/.test(text)) return null;
  return Number(text) * 1000;
}

/**
 * nginx's `$upstream_response_time`: `-` (no upstream), one value, or
 * several separated by `, ` (retries) or ` : ` (internal redirects).
 * Returns the attempts and the last timed value in ms (the attempt that
 * answered), or null when the text is not such a list.
 */
export function parseUpstreamList(text: string): { attempts: number; lastMs: number | null } | null {
  const t = text.trim();
  if (t === '-' || t === '') return { attempts: 0, lastMs: null };
  const parts = t.split(/\s*[,:]\s*/);
  let lastMs: number | null = null;
  for (const part of parts) {
    if (part === '-') continue;
    const ms = secondsToMs(part);
    if (ms === null) return null;
    lastMs = ms;
  }
  return { attempts: parts.length, lastMs };
}
