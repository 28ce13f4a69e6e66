/**
 * The client's request headers as the proxy passes them upstream. Like
 * nginx with `ignore_invalid_headers on` (its default), a header whose name
 * has characters other than letters, digits and '-' is dropped: otherwise
 * `X_Request_Start` could pose as `HTTP_X_REQUEST_START`. Repeated headers
 * are joined into one field (with '; ' for Cookie, ', ' otherwise), so each
 * name reaches the app once.
 */

/** One request header field, name as first sent, value joined over repeats. */
export interface HeaderField {
  readonly name: string;
  readonly value: string;
}

const NO_NAMES: ReadonlySet<string> = new Set();

/**
 * Joins Node's flat `rawHeaders` ([name, value, name, value, …]) into one
 * field per case-insensitive name, in order of first appearance, dropping
 * invalid names and every name in `omit` (lowercase).
 */
export function combineRequestHeaders(rawHeaders: readonly string[], omit: ReadonlySet<string> = NO_NAMES): HeaderField[] {
  const fields: HeaderField[] = [];
  const at = new Map<string, number>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    if (!isValidName(name)) continue;
    const key = name.toLowerCase();
    if (omit.has(key)) continue;
    const value = rawHeaders[i + 1] as string;
    const seen = at.get(key);
    if (seen === undefined) {
      at.set(key, fields.length);
      fields.push({ name, value });
    } else {
      const first = fields[seen] as HeaderField;
      fields[seen] = { name: first.name, value: `${first.value}${key === 'cookie' ? '; ' : ', '}${value}` };
    }
  }
  return fields;
}

/** Letters, digits and '-', at least one. */
function isValidName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d)) return false;
  }
  return true;
}

/** The value of header `name` (lowercase) among `fields`, or undefined. */
export function headerValue(fields: readonly HeaderField[], name: string): string | undefined {
  return fields.find((f) => f.name.toLowerCase() === name)?.value;
}
