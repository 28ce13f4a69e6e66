import { describe, expect, it } from 'vitest';
import { checkResponse } from '../../../src/fuzz/index.js';

const b = (s: string): Buffer => Buffer.from(s, 'latin1');

describe('checkResponse', () => {
  it('accepts a response framed by Content-Length, and waits for the rest of its body', () => {
    const whole = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello';
    expect(checkResponse(b(whole), false)).toEqual({ state: 'complete', status: 200, responses: 1 });
    expect(checkResponse(b(whole.slice(0, -2)), false)).toEqual({ state: 'partial' });
    expect(checkResponse(b('HTTP/1.'), false)).toEqual({ state: 'partial' });
  });

  it('accepts chunked bodies and bodies framed by the close', () => {
    expect(checkResponse(b('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n'), false)).toMatchObject({ state: 'complete' });
    expect(checkResponse(b('HTTP/1.0 200 OK\r\n\r\nbody'), false)).toEqual({ state: 'partial' });
    expect(checkResponse(b('HTTP/1.0 200 OK\r\n\r\nbody'), true)).toMatchObject({ state: 'complete', status: 200 });
  });

  it('skips interim 1xx responses and counts pipelined ones', () => {
    const two = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n';
    expect(checkResponse(b(two), false)).toEqual({ state: 'complete', status: 204, responses: 2 });
  });

  it('lets a HEAD answer announce a body it does not send', () => {
    expect(checkResponse(b('HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n'), false, true)).toMatchObject({ state: 'complete' });
    expect(checkResponse(b('HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n'), false, false)).toEqual({ state: 'partial' });
  });

  it("reads the answer after a HEAD's as the next response, with its own body", () => {
    const pipelined = 'HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nHTTP/1.1 400 Bad Request\r\nContent-Length: 3\r\n\r\nbad';
    expect(checkResponse(b(pipelined), true, true)).toEqual({ state: 'complete', status: 200, responses: 2 });
    expect(checkResponse(b(`${pipelined}x`), true, true)).toMatchObject({ state: 'invalid' });
  });

  it.each([
    ['garbage', 'hello there\r\n'],
    ['a bad status line', 'HTTP/1.1 20 OK\r\n\r\n'],
    ['a header without a colon', 'HTTP/1.1 200 OK\r\nbroken\r\n\r\n'],
    ['two different lengths', 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab'],
    ['a length and chunked together', 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n'],
    ['a bad chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'],
    ['bytes after the last response', 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nxyz\r\n'],
  ])('rejects %s', (_name, text) => {
    expect(checkResponse(b(text), true)).toMatchObject({ state: 'invalid' });
  });

  it('rejects a wrong prefix before the status line is complete', () => {
    expect(checkResponse(b('HTTX'), false)).toMatchObject({ state: 'invalid' });
  });
});
