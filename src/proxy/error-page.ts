import type { ServerResponse } from 'node:http';
import type { RequestState } from './request-state.js';

/** Reason phrases as nginx writes them in its status lines and error pages. */
const REASONS: Readonly<Record<number, string>> = Object.freeze({
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Not Allowed',
  408: 'Request Time-out',
  413: 'Request Entity Too Large',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  504: 'Gateway Time-out',
});

/** The reason phrase for `status` ('' for codes the proxy never generates). */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? '';
}

/** nginx's short built-in HTML page for `status`, signed by caplab instead of nginx. */
export function errorPageHtml(status: number): string {
  const title = `${status} ${reasonPhrase(status)}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>caplab</center>\r\n</body>\r\n</html>\r\n`;
}

/**
 * Answers with the proxy's own page for `status` (text/html with a
 * Content-Length; no body for HEAD) and counts the body in `state`.
 * `headers` are added (e.g. `Connection: close`, `Allow`).
 */
export function sendErrorPage(res: ServerResponse, status: number, state: RequestState, headers: Readonly<Record<string, string>> = {}): void {
  const body = Buffer.from(errorPageHtml(status), 'latin1');
  res.writeHead(status, reasonPhrase(status), {
    'Content-Type': 'text/html',
    'Content-Length': String(body.length),
    ...headers,
  });
  if (res.req?.method !== 'HEAD') state.bodyBytes += body.length;
  res.end(body);
}

/** Builds the raw bytes of an error response, for sockets that never became a request (clientError). */
export function rawErrorResponse(status: number): string {
  const body = errorPageHtml(status);
  return `HTTP/1.1 ${status} ${reasonPhrase(status)}\r\nContent-Type: text/html\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}
