import { describe, expect, it } from 'vitest';
import { MAX_RESPONSE_HEAD_BYTES, parseResponseHead } from '../../../src/proxy/parse-response-head.js';

const bytes = (s: string): Buffer => Buffer.from(s, 'latin1');

describe('parseResponseHead', () => {
  it('parses a CRLF head and hands back the bytes after it', () => {
    const result = parseResponseHead(bytes('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\nbody!'));
    expect(result.state).toBe('complete');
    if (result.state !== 'complete') return;
    expect(result.head).toEqual({
      httpVersion: '1.1',
      statusCode: 200,
      statusMessage: 'OK',
      headers: [
        ['Content-Type', 'text/plain'],
        ['Set-Cookie', 'a=1'],
        ['Set-Cookie', 'b=2'],
      ],
    });
    expect(result.rest.toString()).toBe('body!');
  });

  it('accepts bare LF line ends, an empty reason and trims header whitespace', () => {
    const result = parseResponseHead(bytes('HTTP/1.0 404\nX-A:   spaced  \n\n'));
    expect(result.state).toBe('complete');
    if (result.state !== 'complete') return;
    expect(result.head.httpVersion).toBe('1.0');
    expect(result.head.statusCode).toBe(404);
    expect(result.head.statusMessage).toBe('');
    expect(result.head.headers).toEqual([['X-A', 'spaced']]);
    expect(result.rest.length).toBe(0);
  });

  it('keeps latin1 bytes in values', () => {
    const result = parseResponseHead(bytes('HTTP/1.1 200 OK\r\nX-Name: caf\xe9\r\n\r\n'));
    expect(result.state === 'complete' && result.head.headers[0]).toEqual(['X-Name', 'caf\xe9']);
  });

  it('is partial until the blank line arrives, even split inside CRLF CRLF', () => {
    const full = 'HTTP/1.1 200 OK\r\nA: b\r\n\r\n';
    for (let cut = 1; cut < full.length; cut++) {
      expect(parseResponseHead(bytes(full.slice(0, cut))).state, `cut at ${cut}`).toBe('partial');
    }
    expect(parseResponseHead(bytes(full)).state).toBe('complete');
  });

  it('fails fast on bytes that cannot start a status line', () => {
    expect(parseResponseHead(bytes('hello'))).toEqual({ state: 'invalid', reason: 'no HTTP/1.x status line' });
    expect(parseResponseHead(bytes('HTTP/2 200'))).toMatchObject({ state: 'invalid' });
    expect(parseResponseHead(bytes('H')).state).toBe('partial');
  });

  it.each([
    ['HTTP/1.1 2000 OK\r\n\r\n', 'invalid status line'],
    ['HTTP/1.1 OK\r\n\r\n', 'invalid status line'],
    ['HTTP/1.1 200OK\r\n\r\n', 'invalid status line'],
    ['HTTP/1.1 100 Continue\r\n\r\n', 'unsupported status 100'],
    ['HTTP/1.1 200 OK\r\nno colon here\r\n\r\n', 'invalid header line'],
    ['HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n', 'invalid header line'],
    ['HTTP/1.1 200 OK\r\nA: b\r\n folded\r\n\r\n', 'invalid header line'],
    ['HTTP/1.1 200 OK\r\nA: b\x01c\r\n\r\n', 'invalid header line'],
  ])('rejects %j', (text, reason) => {
    expect(parseResponseHead(bytes(text))).toEqual({ state: 'invalid', reason });
  });

  it('bounds the head size', () => {
    const long = `HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(MAX_RESPONSE_HEAD_BYTES)}`;
    expect(parseResponseHead(bytes(long))).toEqual({ state: 'invalid', reason: 'too big header' });
    expect(parseResponseHead(bytes(`${long}\r\n\r\n`))).toEqual({ state: 'invalid', reason: 'too big header' });
    expect(parseResponseHead(bytes('HTTP/1.1 200 OK\r\nX: 1234\r\n\r\n'), 20)).toEqual({ state: 'invalid', reason: 'too big header' });
  });
});
