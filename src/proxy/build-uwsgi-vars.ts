import { headerValue, type HeaderField } from './request-headers.js';

/** What the uwsgi environ is built from; every string is latin1 (one byte per char). */
export interface EnvironInput {
  readonly method: string;
  /** `$request_uri`: path and query as sent. */
  readonly requestUri: string;
  /** `$args`: the query string without '?'. */
  readonly query: string;
  /** `$document_uri`: the decoded, normalised path. */
  readonly pathInfo: string;
  /** '1.1' or '1.0', as the client spoke. */
  readonly httpVersion: string;
  /** The client's headers, already combined and filtered (X-Request-Start left out). */
  readonly headers: readonly HeaderField[];
  /** Length of the (buffered) request body, or null when the request has none. */
  readonly contentLength: number | null;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly serverName: string;
  readonly serverPort: number;
  readonly documentRoot: string;
  /** When the proxy received the request, integer µs since the epoch. */
  readonly requestStartUs: number;
}

/**
 * The vars nginx sends with `include uwsgi_params` (Debian's
 * /etc/nginx/uwsgi_params, in its order), then one `HTTP_*` var per request
 * header (uppercased, '-' → '_'), then `HTTP_X_REQUEST_START: t=<µs>`.
 * `HTTPS` is declared `if_not_empty` there, and it is always empty on this
 * plain-HTTP proxy, so it is not sent. Values absent from the request
 * (CONTENT_TYPE, CONTENT_LENGTH) are sent empty, as nginx does.
 */
export function buildUwsgiVars(input: EnvironInput): Array<[string, string]> {
  const contentType = headerValue(input.headers, 'content-type') ?? '';
  const vars: Array<[string, string]> = [
    ['QUERY_STRING', input.query],
    ['REQUEST_METHOD', input.method],
    ['CONTENT_TYPE', contentType],
    ['CONTENT_LENGTH', input.contentLength === null ? '' : String(input.contentLength)],
    ['REQUEST_URI', input.requestUri],
    ['PATH_INFO', input.pathInfo],
    ['DOCUMENT_ROOT', input.documentRoot],
    ['SERVER_PROTOCOL', `HTTP/${input.httpVersion}`],
    ['REQUEST_SCHEME', 'http'],
    ['REMOTE_ADDR', input.remoteAddress],
    ['REMOTE_PORT', String(input.remotePort)],
    ['SERVER_PORT', String(input.serverPort)],
    ['SERVER_NAME', input.serverName],
  ];
  for (const { name, value } of input.headers) {
    vars.push([httpVarName(name), value]);
  }
  vars.push(['HTTP_X_REQUEST_START', requestStartValue(input.requestStartUs)]);
  return vars;
}

/** The `X-Request-Start` value for a start time in µs: `t=<integer µs>`. */
export function requestStartValue(requestStartUs: number): string {
  return `t=${Math.round(requestStartUs)}`;
}

/** Header names seen so far → their `HTTP_*` var names; bounded, since names come from clients. */
const HTTP_VAR_NAMES = new Map<string, string>();
const MAX_CACHED_NAMES = 512;

/** `X-Foo-Bar` → `HTTP_X_FOO_BAR`, computed once per distinct spelling. */
function httpVarName(header: string): string {
  let name = HTTP_VAR_NAMES.get(header);
  if (name === undefined) {
    name = `HTTP_${header.toUpperCase().replaceAll('-', '_')}`;
    if (HTTP_VAR_NAMES.size < MAX_CACHED_NAMES) HTTP_VAR_NAMES.set(header, name);
  }
  return name;
}
