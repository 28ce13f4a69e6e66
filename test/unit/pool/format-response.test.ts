import { describe, expect, it } from 'vitest';
import { formatResponse, rawResponse } from '../../../src/pool/format-response.js';

describe('formatResponse', () => {
  it('writes the status line, the app headers, then its own framing headers and the body', () => {
    const bytes = Buffer.concat(formatResponse(200, { 'Content-Type': 'text/plain', 'content-length': '999', Connection: 'keep-alive' }, Buffer.from('hi')));
    expect(bytes.toString()).toBe('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi');
  });

  it('leaves the body out for HEAD but keeps its Content-Length', () => {
    const bytes = Buffer.concat(formatResponse(404, {}, Buffer.from('Not Found\n'), true));
    expect(bytes.toString()).toBe('HTTP/1.1 404 Not Found\r\nContent-Length: 10\r\nConnection: close\r\n\r\n');
  });

  it('builds one-line raw responses', () => {
    expect(rawResponse(503, 'queue full').toString()).toBe(
      'HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 11\r\nConnection: close\r\n\r\nqueue full\n',
    );
  });
});
