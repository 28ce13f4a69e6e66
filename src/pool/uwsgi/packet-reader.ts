import { MAX_BODY_BYTES, RequestRefused, type ParsedRequest, type RequestReader } from '../request-reader.js';
import { HEADER_SIZE, UwsgiPacketError, decodeHeader, decodeVars } from './codec.js';

const DIGITS = /^\d+$/;

/**
 * Reads one uwsgi request packet from a stream: the 4-byte header, then
 * `datasize` bytes of vars, then CONTENT_LENGTH bytes of body, however the
 * bytes are split into chunks. Refusals (RequestRefused, status 400 unless
 * noted) carry the codec's reasons:
 *   - 'truncated-header'  EOF within the 4-byte header;
 *   - 'datasize-overrun'  EOF before `datasize` bytes of vars, or a var
 *                         running past the end of the vars block;
 *   - 'empty-key'         a var with a zero-length key;
 *   - 'bad-content-length'  CONTENT_LENGTH that is not a whole number;
 *   - 'body-too-large'    CONTENT_LENGTH over 64 MiB (413);
 *   - 'truncated-body'    EOF before CONTENT_LENGTH bytes of body.
 * Modifiers are not checked (nginx always sends 0, 0).
 */
export class UwsgiPacketReader implements RequestReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private datasize = -1;
  private vars: Record<string, string> | null = null;
  private bodySize = 0;
  private total = 0;
  private complete = false;

  get received(): number {
    return this.total;
  }

  push(chunk: Buffer): ParsedRequest | null {
    if (this.complete) return null;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    this.total += chunk.length;
    if (this.datasize < 0) {
      if (this.buffered < HEADER_SIZE) return null;
      this.datasize = decodeHeader(this.take(HEADER_SIZE)).datasize;
    }
    if (this.vars === null) {
      if (this.buffered < this.datasize) return null;
      this.vars = refuseOnPacketError(() => decodeVars(this.take(this.datasize)));
      this.bodySize = contentLength(this.vars.CONTENT_LENGTH);
    }
    if (this.buffered < this.bodySize) return null;
    this.complete = true;
    return { environ: this.vars, body: this.take(this.bodySize) };
  }

  end(): void {
    if (this.total === 0 || this.complete) return;
    if (this.datasize < 0) {
      throw new RequestRefused('truncated-header', 400, `uwsgi header truncated: ${this.buffered} of ${HEADER_SIZE} bytes`);
    }
    if (this.vars === null) {
      throw new RequestRefused(
        'datasize-overrun',
        400,
        `uwsgi datasize ${this.datasize} runs past the end of the data (${this.buffered} bytes after the header)`,
      );
    }
    throw new RequestRefused('truncated-body', 400, `request body truncated: ${this.buffered} of CONTENT_LENGTH ${this.bodySize} bytes`);
  }

  /** Removes and returns the first `n` buffered bytes. */
  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
    this.chunks = all.length > n ? [all.subarray(n)] : [];
    this.buffered -= n;
    return all.subarray(0, n);
  }
}

function contentLength(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 0;
  if (!DIGITS.test(raw)) throw new RequestRefused('bad-content-length', 400, `CONTENT_LENGTH must be a whole number, got ${JSON.stringify(raw.slice(0, 40))}`);
  const size = Number(raw);
  if (size > MAX_BODY_BYTES) throw new RequestRefused('body-too-large', 413, `CONTENT_LENGTH ${size} is over the ${MAX_BODY_BYTES}-byte limit`);
  return size;
}

function refuseOnPacketError<T>(decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    if (err instanceof UwsgiPacketError) throw new RequestRefused(err.reason, 400, err.message);
    throw err;
  }
}
