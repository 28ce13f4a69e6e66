import { ByteQueue } from '../byte-queue.js';
import { RequestRefused, checkBodyLength, type ParsedRequest, type RequestReader } from '../request-reader.js';

/** Where the connection comes from and arrived at, for REMOTE_* and SERVER_* vars. */
export interface ConnectionAddresses {
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly localAddress: string;
  readonly localPort: number;
}

/** Largest request head (request line and headers), like nginx's large_client_header_buffers order of size. */
export const MAX_HEAD_BYTES = 64 * 1024;

const HEAD_END = Buffer.from('\r\n\r\n');
const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) HTTP\/(1\.[01])$/;
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/;

/**
 * Reads one HTTP/1.0 or 1.1 request, as uWSGI's http-socket does, and
 * turns it into the environ uWSGI would build: REQUEST_METHOD, REQUEST_URI,
 * PATH_INFO (percent-decoded, one byte per char), QUERY_STRING,
 * SERVER_PROTOCOL, CONTENT_TYPE, CONTENT_LENGTH, REMOTE_ADDR/PORT,
 * SERVER_NAME/PORT, and HTTP_<NAME> per header (repeats joined with ', ').
 * The body is Content-Length bytes. Refusals (RequestRefused): a malformed
 * request line or header, a bad or conflicting Content-Length, or EOF
 * before the end → 400; a head over 64 KiB → 431; Transfer-Encoding → 411
 * (bodies need a Content-Length); a body over 64 MiB → 413.
 */
export class HttpRequestReader implements RequestReader {
  private readonly bytes = new ByteQueue();
  private environ: Record<string, string> | null = null;
  private bodySize = 0;
  private complete = false;

  constructor(private readonly addresses: ConnectionAddresses) {}

  get received(): number {
    return this.bytes.total;
  }

  push(chunk: Buffer): ParsedRequest | null {
    if (this.complete) return null;
    this.bytes.push(chunk);
    if (this.environ === null) {
      const all = this.bytes.all();
      const end = all.indexOf(HEAD_END, Math.max(0, all.length - chunk.length - HEAD_END.length));
      if (end < 0) {
        if (all.length > MAX_HEAD_BYTES) throw new RequestRefused('head-too-large', 431, `request head is over ${MAX_HEAD_BYTES} bytes`);
        return null;
      }
      this.environ = this.parseHead(this.bytes.take(end + HEAD_END.length).toString('latin1', 0, end));
    }
    if (this.bytes.length < this.bodySize) return null;
    this.complete = true;
    return { environ: this.environ, body: this.bytes.take(this.bodySize) };
  }

  end(): void {
    if (this.bytes.total === 0 || this.complete) return;
    if (this.environ === null) throw new RequestRefused('truncated-head', 400, `connection closed inside the request head (${this.bytes.length} bytes)`);
    throw new RequestRefused('truncated-body', 400, `request body truncated: ${this.bytes.length} of Content-Length ${this.bodySize} bytes`);
  }

  private parseHead(head: string): Record<string, string> {
    const [requestLine = '', ...lines] = head.split('\r\n');
    const request = REQUEST_LINE.exec(requestLine);
    if (!request) throw new RequestRefused('bad-request-line', 400, `malformed request line ${JSON.stringify(requestLine.slice(0, 80))}`);
    const [, method = '', target = '', version = ''] = request;
    const fields = new Map<string, string>();
    for (const line of lines) {
      const header = HEADER_LINE.exec(line);
      if (!header) throw new RequestRefused('bad-header', 400, `malformed header line ${JSON.stringify(line.slice(0, 80))}`);
      const name = header[1]!.toLowerCase();
      const previous = fields.get(name);
      fields.set(name, previous === undefined ? header[2]! : `${previous}, ${header[2]!}`);
    }
    if (fields.has('transfer-encoding')) {
      throw new RequestRefused('length-required', 411, 'Transfer-Encoding request bodies are not supported; send Content-Length');
    }
    this.bodySize = bodySize(fields.get('content-length'));
    const pathAndQuery = target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?]*/i, '');
    const queryAt = pathAndQuery.indexOf('?');
    const rawPath = queryAt < 0 ? pathAndQuery : pathAndQuery.slice(0, queryAt);
    const host = fields.get('host')?.replace(/:\d+$/, '') ?? this.addresses.localAddress;
    const environ: Record<string, string> = {
      REQUEST_METHOD: method,
      REQUEST_URI: target,
      PATH_INFO: percentDecode(rawPath || '/'),
      QUERY_STRING: queryAt < 0 ? '' : pathAndQuery.slice(queryAt + 1),
      SERVER_PROTOCOL: `HTTP/${version}`,
      CONTENT_TYPE: fields.get('content-type') ?? '',
      CONTENT_LENGTH: fields.has('content-length') ? String(this.bodySize) : '',
      REMOTE_ADDR: this.addresses.remoteAddress,
      REMOTE_PORT: String(this.addresses.remotePort),
      SERVER_NAME: host,
      SERVER_PORT: String(this.addresses.localPort),
    };
    for (const [name, value] of fields) {
      if (name === 'content-type' || name === 'content-length') continue;
      environ[`HTTP_${name.toUpperCase().replace(/-/g, '_')}`] = value;
    }
    return environ;
  }
}

function bodySize(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const values = new Set(raw.split(/\s*,\s*/));
  const [only] = values;
  if (values.size !== 1 || only === undefined || !/^\d+$/.test(only)) {
    throw new RequestRefused('bad-content-length', 400, `Content-Length must be one whole number, got ${JSON.stringify(raw.slice(0, 40))}`);
  }
  return checkBodyLength(only, 'Content-Length');
}

/** %XX → the byte XX as one latin1 char; malformed escapes stay as they are. */
function percentDecode(path: string): string {
  return path.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
