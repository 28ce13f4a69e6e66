/**
 * A streaming decoder for `Transfer-Encoding: chunked` response bodies
 * (RFC 9112 §7.1). The proxy speaks HTTP/1.0 upstream, so a well-behaved
 * upstream never chunks; an app that does anyway still gets its body
 * relayed intact instead of with the framing inside it.
 */

/** A malformed chunked body; the response is aborted. */
export class ChunkedBodyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChunkedBodyError';
  }
}

type State = 'size' | 'data' | 'data-end' | 'trailer' | 'done';

const MAX_LINE = 4096;
const HEX = /^[0-9a-fA-F]{1,12}$/;

/** Feed it bytes as they arrive; it returns the payload pieces and knows when the body ended. */
export class ChunkedDecoder {
  private state: State = 'size';
  private line = '';
  private remaining = 0;

  /** True once the last chunk and the trailer section have been read. */
  get done(): boolean {
    return this.state === 'done';
  }

  /**
   * Decodes `chunk`, returning the payload bytes it held (subarrays of
   * `chunk`). Bytes after the end of the body are ignored. Throws
   * `ChunkedBodyError` on a bad chunk size or missing CRLF.
   */
  push(chunk: Buffer): Buffer[] {
    const out: Buffer[] = [];
    let at = 0;
    while (at < chunk.length && this.state !== 'done') {
      if (this.state === 'data') {
        const take = Math.min(this.remaining, chunk.length - at);
        out.push(chunk.subarray(at, at + take));
        at += take;
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'data-end';
        continue;
      }
      const lf = chunk.indexOf(0x0a, at);
      const end = lf === -1 ? chunk.length : lf;
      this.line += chunk.toString('latin1', at, end);
      if (this.line.length > MAX_LINE) throw new ChunkedBodyError('chunk line too long');
      if (lf === -1) break;
      at = lf + 1;
      const line = this.line.endsWith('\r') ? this.line.slice(0, -1) : this.line;
      this.line = '';
      this.onLine(line);
    }
    return out;
  }

  private onLine(line: string): void {
    switch (this.state) {
      case 'size': {
        const size = (line.split(';')[0] as string).trim();
        if (!HEX.test(size)) throw new ChunkedBodyError(`invalid chunk size ${JSON.stringify(line.slice(0, 40))}`);
        this.remaining = parseInt(size, 16);
        this.state = this.remaining === 0 ? 'trailer' : 'data';
        return;
      }
      case 'data-end':
        if (line !== '') throw new ChunkedBodyError('chunk data not followed by CRLF');
        this.state = 'size';
        return;
      case 'trailer':
        if (line === '') this.state = 'done';
        return;
      default:
        return;
    }
  }
}
