import { describe, expect, it } from 'vitest';
import { ChunkedBodyError, ChunkedDecoder } from '../../../src/proxy/chunked-decoder.js';
import type { ResponseHead } from '../../../src/proxy/parse-response-head.js';
import { relayHeaders } from '../../../src/proxy/relay-headers.js';
import { createBodyReader, responseFraming } from '../../../src/proxy/response-body.js';

const head = (statusCode: number, headers: Array<[string, string]>): ResponseHead => ({ httpVersion: '1.1', statusCode, statusMessage: '', headers });
const text = (pieces: Buffer[]): string => Buffer.concat(pieces).toString('latin1');

describe('responseFraming', () => {
  it('picks the body framing like RFC 9112 §6.3', () => {
    expect(responseFraming(head(200, [['Content-Length', '5']]), 'GET')).toEqual({ kind: 'length', length: 5 });
    expect(responseFraming(head(200, [['Transfer-Encoding', 'chunked']]), 'GET')).toEqual({ kind: 'chunked' });
    expect(responseFraming(head(200, []), 'GET')).toEqual({ kind: 'close' });
    expect(responseFraming(head(200, [['Content-Length', '5']]), 'HEAD')).toEqual({ kind: 'none' });
    expect(responseFraming(head(204, []), 'GET')).toEqual({ kind: 'none' });
    expect(responseFraming(head(304, [['Content-Length', '9']]), 'GET')).toEqual({ kind: 'none' });
    expect(responseFraming(head(200, [['Content-Length', '5'], ['content-length', '5']]), 'GET')).toEqual({ kind: 'length', length: 5 });
  });

  it('reports malformed framing headers as a reason string', () => {
    expect(responseFraming(head(200, [['Content-Length', '5'], ['Content-Length', '6']]), 'GET')).toBe('differing Content-Length values');
    expect(responseFraming(head(200, [['Content-Length', '-1']]), 'GET')).toBe('invalid Content-Length');
    expect(responseFraming(head(200, [['Content-Length', '5'], ['Transfer-Encoding', 'chunked']]), 'GET')).toBe('both Content-Length and Transfer-Encoding');
    expect(responseFraming(head(200, [['Transfer-Encoding', 'gzip']]), 'GET')).toMatch(/unsupported Transfer-Encoding/);
  });
});

describe('createBodyReader', () => {
  it('stops at Content-Length and drops extra bytes', () => {
    const reader = createBodyReader({ kind: 'length', length: 5 });
    expect(text(reader.push(Buffer.from('abc')))).toBe('abc');
    expect(reader.complete).toBe(false);
    expect(text(reader.push(Buffer.from('defgh')))).toBe('de');
    expect(reader.complete).toBe(true);
    expect(reader.endsAtClose).toBe(false);
  });

  it('passes everything through until close when there is no length', () => {
    const reader = createBodyReader({ kind: 'close' });
    expect(text(reader.push(Buffer.from('abc')))).toBe('abc');
    expect(reader.complete).toBe(false);
    expect(reader.endsAtClose).toBe(true);
  });

  it('decodes a chunked body fed one byte at a time', () => {
    const wire = '4;ext=1\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nTrailer: x\r\n\r\nIGNORED';
    const reader = createBodyReader({ kind: 'chunked' });
    const out: Buffer[] = [];
    for (const byte of Buffer.from(wire, 'latin1')) out.push(...reader.push(Buffer.from([byte])));
    expect(text(out)).toBe('Wikipedia in\r\n\r\nchunks.');
    expect(reader.complete).toBe(true);
  });
});

describe('ChunkedDecoder', () => {
  it('decodes a body given whole, LF-only line ends included', () => {
    const decoder = new ChunkedDecoder();
    expect(text(decoder.push(Buffer.from('3\nabc\n0\n\n')))).toBe('abc');
    expect(decoder.done).toBe(true);
  });

  it('throws on a bad size or a missing CRLF after the data', () => {
    expect(() => new ChunkedDecoder().push(Buffer.from('zz\r\n'))).toThrow(ChunkedBodyError);
    expect(() => new ChunkedDecoder().push(Buffer.from('2\r\nabc\r\n'))).toThrow(ChunkedBodyError);
  });
});

describe('relayHeaders', () => {
  it('drops hop-by-hop headers and those named in Connection, keeps repeats and order', () => {
    const upstream = head(200, [
      ['Content-Type', 'text/plain'],
      ['Connection', 'close, X-Private'],
      ['Keep-Alive', 'timeout=5'],
      ['X-Private', 'secret'],
      ['Set-Cookie', 'a=1'],
      ['Set-Cookie', 'b=2'],
      ['Content-Length', '3'],
    ]);
    expect(relayHeaders(upstream, { kind: 'length', length: 3 })).toEqual(['Content-Type', 'text/plain', 'Set-Cookie', 'a=1', 'Set-Cookie', 'b=2', 'Content-Length', '3']);
  });

  it('re-emits a repeated Content-Length once, and keeps the declared one for a body-less response', () => {
    expect(relayHeaders(head(200, [['Content-Length', '5, 5']]), { kind: 'length', length: 5 })).toEqual(['Content-Length', '5']);
    expect(relayHeaders(head(200, [['Content-Length', '1234'], ['X-A', '1']]), { kind: 'none' })).toEqual(['X-A', '1', 'Content-Length', '1234']);
    expect(relayHeaders(head(200, [['X-A', '1']]), { kind: 'close' })).toEqual(['X-A', '1']);
  });

  it('drops Transfer-Encoding so Node re-frames a decoded chunked body', () => {
    const upstream = head(200, [['Transfer-Encoding', 'chunked'], ['X-A', '1']]);
    expect(relayHeaders(upstream, { kind: 'chunked' })).toEqual(['X-A', '1']);
  });
});
