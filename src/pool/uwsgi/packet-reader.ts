import { ByteQueue } from '../byte-queue.js';
import { RequestRefused, checkBodyLength, type ParsedRequest, type RequestReader } from '../request-reader.js';
import { HEADER_SIZE, UwsgiPacketError, decodeHeader, decodeVars } from '../../uwsgi/index.js';

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
  private readonly bytes = new ByteQueue();
  private datasize = -1;
  private vars: Record<string, string> | null = null;
  private bodySize = 0;
  private complete = false;

  get received(): number {
    return this.bytes.total;
  }

  push(chunk: Buffer): ParsedRequest | null {
    if (this.complete) return null;
    this.bytes.push(chunk);
    if (this.datasize < 0) {
      if (this.bytes.length < HEADER_SIZE) return null;
      this.datasize = decodeHeader(this.bytes.take(HEADER_SIZE)).datasize;
    }
    if (this.vars === null) {
      if (this.bytes.length < this.datasize) return null;
      this.vars = refuseOnPacketError(() => decodeVars(this.bytes.take(this.datasize)));
      const raw = this.vars.CONTENT_LENGTH;
      this.bodySize = raw === undefined || raw === '' ? 0 : checkBodyLength(raw, 'CONTENT_LENGTH');
    }
    if (this.bytes.length < this.bodySize) return null;
    this.complete = true;
    return { environ: this.vars, body: this.bytes.take(this.bodySize) };
  }

  end(): void {
    if (this.bytes.total === 0 || this.complete) return;
    if (this.datasize < 0) {
      throw new RequestRefused('truncated-header', 400, `uwsgi header truncated: ${this.bytes.length} of ${HEADER_SIZE} bytes`);
    }
    if (this.vars === null) {
      throw new RequestRefused(
        'datasize-overrun',
        400,
        `uwsgi datasize ${this.datasize} runs past the end of the data (${this.bytes.length} bytes after the header)`,
      );
    }
    throw new RequestRefused('truncated-body', 400, `request body truncated: ${this.bytes.length} of CONTENT_LENGTH ${this.bodySize} bytes`);
  }
}

function refuseOnPacketError<T>(decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    if (err instanceof UwsgiPacketError) throw new RequestRefused(err.reason, 400, err.message);
    throw err;
  }
}
