import { describe, expect, it } from 'vitest';
import { HttpRequestReader, RequestRefused, type ParsedRequest } from '../../../src/pool/index.js';

const ADDRESSES = { remoteAddress: '127.0.0.1', remotePort: 50000, localAddress: '127.0.0.1', localPort: 9001 };

function refusal(fn: () => unknown): RequestRefused {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(RequestRefused);
    return err as RequestRefused;
  }
  throw new Error('expected a RequestRefused');
}

const REQUEST = Buffer.from(
  'POST /sleep%20now?ms=10&x=%41 HTTP/1.1\r\n' +
    'Host: localhost:9001\r\n' +
    'Content-Type: text/plain\r\n' +
    'Content-Length: 4\r\n' +
    'X-Request-Start: t=1700000000000000\r\n' +
    'Accept: a\r\n' +
    'accept: b\r\n' +
    '\r\n' +
    'ping',
);

describe('HttpRequestReader (http-socket)', () => {
  it('builds the environ uWSGI would, fed one byte at a time', () => {
    const reader = new HttpRequestReader(ADDRESSES);
    let result: ParsedRequest | null = null;
    for (let i = 0; i < REQUEST.length; i += 1) {
      result = reader.push(REQUEST.subarray(i, i + 1));
      if (i < REQUEST.length - 1) expect(result).toBeNull();
    }
    expect(result?.environ).toEqual({
      REQUEST_METHOD: 'POST',
      REQUEST_URI: '/sleep%20now?ms=10&x=%41',
      PATH_INFO: '/sleep now',
      QUERY_STRING: 'ms=10&x=%41',
      SERVER_PROTOCOL: 'HTTP/1.1',
      CONTENT_TYPE: 'text/plain',
      CONTENT_LENGTH: '4',
      REMOTE_ADDR: '127.0.0.1',
      REMOTE_PORT: '50000',
      SERVER_NAME: 'localhost',
      SERVER_PORT: '9001',
      HTTP_HOST: 'localhost:9001',
      HTTP_X_REQUEST_START: 't=1700000000000000',
      HTTP_ACCEPT: 'a, b',
    });
    expect(result?.body.toString()).toBe('ping');
  });

  it('reads a request without a body from one chunk', () => {
    const result = new HttpRequestReader(ADDRESSES).push(Buffer.from('GET /hello HTTP/1.0\r\n\r\n'));
    expect(result?.environ).toMatchObject({ REQUEST_METHOD: 'GET', PATH_INFO: '/hello', QUERY_STRING: '', CONTENT_LENGTH: '', SERVER_PROTOCOL: 'HTTP/1.0' });
    expect(result?.body.length).toBe(0);
  });

  it.each([
    ['a malformed request line', 'GARBAGE\r\n\r\n', 'bad-request-line', 400],
    ['HTTP/2 on an HTTP/1 socket', 'GET / HTTP/2.0\r\n\r\n', 'bad-request-line', 400],
    ['a header without a colon', 'GET / HTTP/1.1\r\nNoColon\r\n\r\n', 'bad-header', 400],
    ['conflicting Content-Lengths', 'POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n', 'bad-content-length', 400],
    ['a chunked body', 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n', 'length-required', 411],
  ])('refuses %s', (_what, text, reason, status) => {
    const err = refusal(() => new HttpRequestReader(ADDRESSES).push(Buffer.from(text)));
    expect([err.reason, err.status]).toEqual([reason, status]);
  });

  it('refuses EOF inside the head or the body, but not EOF before anything', () => {
    const head = new HttpRequestReader(ADDRESSES);
    head.push(Buffer.from('GET /hel'));
    expect(refusal(() => head.end()).reason).toBe('truncated-head');
    const body = new HttpRequestReader(ADDRESSES);
    body.push(Buffer.from('POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc'));
    expect(refusal(() => body.end()).reason).toBe('truncated-body');
    expect(() => new HttpRequestReader(ADDRESSES).end()).not.toThrow();
  });

  it('refuses a head over 64 KiB with 431', () => {
    const reader = new HttpRequestReader(ADDRESSES);
    const err = refusal(() => reader.push(Buffer.from(`GET / HTTP/1.1\r\nX: ${'a'.repeat(70_000)}`)));
    expect([err.reason, err.status]).toEqual(['head-too-large', 431]);
  });
});
