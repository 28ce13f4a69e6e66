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

const VALID_NAME = /^[A-Za-z0-9-]+$/;

/**
 * Joins Node's flat `rawHeaders` ([name, value, name, value, …]) into one
 * field per case-insensitive name, in order of first appearance, dropping
 * invalid names and every name in `omit` (lowercase).
 */
export function combineRequestHeaders(rawHeaders: readonly string[], omit: ReadonlySet<string> = new Set()): HeaderField[] {
  const byName = new Map<string, { name: string; values: string[] }>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    const value = rawHeaders[i + 1] as string;
    if (!VALID_NAME.test(name)) continue;
    const key = name.toLowerCase();
    if (omit.has(key)) continue;
    const entry = byName.get(key);
    if (entry) entry.values.push(value);
    else byName.set(key, { name, values: [value] });
  }
  return [...byName.entries()].map(([key, { name, values }]) => ({
    name,
    value: values.join(key === 'cookie' ? '; ' : ', '),
  }));
}

/** The value of header `name` (lowercase) among `fields`, or undefined. */
export function headerValue(fields: readonly HeaderField[], name: string): string | undefined {
  return fields.find((f) => f.name.toLowerCase() === name)?.value;
}
