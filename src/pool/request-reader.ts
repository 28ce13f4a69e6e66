/**
 * The interface between a worker's socket and a wire protocol: a streaming
 * reader is fed the connection's bytes as they arrive and yields one
 * complete request (environ and body). Both protocols the pool speaks
 * (uwsgi, and HTTP/1.x for uWSGI's http-socket) implement it.
 */

/** One request as read off the wire. */
export interface ParsedRequest {
  /** CGI/uwsgi vars; strings hold one byte per char (latin1). */
  readonly environ: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** A request the pool refuses to pass to the app, answered with `status` and a one-line `message`. */
export class RequestRefused extends Error {
  constructor(
    /** Stable short reason, e.g. 'truncated-header'. */
    readonly reason: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'RequestRefused';
  }
}

/** A streaming reader of one request per connection. */
export interface RequestReader {
  /**
   * Feeds the next bytes. Returns the request once it is complete (bytes
   * after it are ignored), else null. Throws RequestRefused for bytes that
   * can never form a valid request.
   */
  push(chunk: Buffer): ParsedRequest | null;
  /**
   * The client finished sending (EOF). Throws RequestRefused when some bytes
   * came but not a whole request; returns quietly when none came.
   */
  end(): void;
  /** Bytes fed so far. */
  readonly received: number;
}

/** Largest request body either reader accepts (64 MiB); a larger one gets 413. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * A declared body length (`field` names it in messages) as a number:
 * 'bad-content-length' (400) unless it is a whole number,
 * 'body-too-large' (413) over MAX_BODY_BYTES.
 */
export function checkBodyLength(raw: string, field: string): number {
  if (!/^\d+$/.test(raw)) throw new RequestRefused('bad-content-length', 400, `${field} must be a whole number, got ${JSON.stringify(raw.slice(0, 40))}`);
  const size = Number(raw);
  if (size > MAX_BODY_BYTES) throw new RequestRefused('body-too-large', 413, `${field} ${size} is over the ${MAX_BODY_BYTES}-byte limit`);
  return size;
}
