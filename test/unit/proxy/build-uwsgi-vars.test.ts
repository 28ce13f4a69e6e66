import { describe, expect, it } from 'vitest';
import { decodeRequest, encodeRequest } from '../../../src/uwsgi/index.js';
import { buildHttpRequestHead, NOT_FORWARDED_TO_HTTP } from '../../../src/proxy/build-http-request-head.js';
import { buildUwsgiVars, type EnvironInput } from '../../../src/proxy/build-uwsgi-vars.js';
import { combineRequestHeaders } from '../../../src/proxy/request-headers.js';

const input = (over: Partial<EnvironInput> = {}): EnvironInput => ({
  method: 'POST',
  requestUri: '/caf%C3%A9/x?a=1&b=2',
  query: 'a=1&b=2',
  pathInfo: '/caf\xc3\xa9/x',
  httpVersion: '1.1',
  headers: [
    { name: 'Host', value: '127.0.0.1:8080' },
    { name: 'Content-Type', value: 'application/json' },
    { name: 'X-Forwarded-For', value: '10.0.0.1' },
  ],
  contentLength: 7,
  remoteAddress: '127.0.0.1',
  remotePort: 50123,
  serverName: '127.0.0.1',
  serverPort: 8080,
  documentRoot: '/srv/static',
  requestStartUs: 1_700_000_000_123_456,
  ...over,
});

describe('buildUwsgiVars', () => {
  it("sends Debian's uwsgi_params in order, then HTTP_* per header, then X-Request-Start", () => {
    expect(buildUwsgiVars(input())).toEqual([
      ['QUERY_STRING', 'a=1&b=2'],
      ['REQUEST_METHOD', 'POST'],
      ['CONTENT_TYPE', 'application/json'],
      ['CONTENT_LENGTH', '7'],
      ['REQUEST_URI', '/caf%C3%A9/x?a=1&b=2'],
      ['PATH_INFO', '/caf\xc3\xa9/x'],
      ['DOCUMENT_ROOT', '/srv/static'],
      ['SERVER_PROTOCOL', 'HTTP/1.1'],
      ['REQUEST_SCHEME', 'http'],
      ['REMOTE_ADDR', '127.0.0.1'],
      ['REMOTE_PORT', '50123'],
      ['SERVER_PORT', '8080'],
      ['SERVER_NAME', '127.0.0.1'],
      ['HTTP_HOST', '127.0.0.1:8080'],
      ['HTTP_CONTENT_TYPE', 'application/json'],
      ['HTTP_X_FORWARDED_FOR', '10.0.0.1'],
      ['HTTP_X_REQUEST_START', 't=1700000000123456'],
    ]);
  });

  it('sends CONTENT_TYPE and CONTENT_LENGTH empty when the request has no body', () => {
    const vars = Object.fromEntries(buildUwsgiVars(input({ method: 'GET', headers: [], contentLength: null })));
    expect(vars.CONTENT_TYPE).toBe('');
    expect(vars.CONTENT_LENGTH).toBe('');
    expect(vars).not.toHaveProperty('HTTPS');
  });

  it('round-trips through the uwsgi codec byte for byte (latin1 PATH_INFO included)', () => {
    const packet = encodeRequest(buildUwsgiVars(input()), Buffer.from('{"a":1}'));
    const { request, body } = decodeRequest(packet);
    expect(request.vars.PATH_INFO).toBe('/caf\xc3\xa9/x');
    expect(Buffer.from(request.vars.PATH_INFO as string, 'latin1').toString('utf8')).toBe('/café/x');
    expect(body.toString()).toBe('{"a":1}');
  });
});

describe('combineRequestHeaders', () => {
  it('joins repeats (Cookie with "; "), drops names nginx calls invalid and omitted ones', () => {
    const raw = ['Host', 'h', 'Cookie', 'a=1', 'X-A', '1', 'cookie', 'b=2', 'x-a', '2', 'X_Request_Start', 't=1', 'X-Request-Start', 't=2', 'Bad Name', 'v'];
    expect(combineRequestHeaders(raw, new Set(['x-request-start']))).toEqual([
      { name: 'Host', value: 'h' },
      { name: 'Cookie', value: 'a=1; b=2' },
      { name: 'X-A', value: '1, 2' },
    ]);
  });
});

describe('buildHttpRequestHead', () => {
  it('writes an HTTP/1.0 head with Connection: close, the buffered length and X-Request-Start', () => {
    const headers = combineRequestHeaders(
      ['Host', 'example.test', 'Connection', 'keep-alive', 'Transfer-Encoding', 'chunked', 'X-Request-Start', 't=1', 'Accept', '*/*'],
      NOT_FORWARDED_TO_HTTP,
    );
    const head = buildHttpRequestHead({ method: 'PUT', requestUri: '/p?q=1', headers, contentLength: 3, upstreamAuthority: '127.0.0.1:9', requestStartUs: 42 });
    expect(head.toString('latin1')).toBe(
      'PUT /p?q=1 HTTP/1.0\r\nHost: example.test\r\nConnection: close\r\nContent-Length: 3\r\nAccept: */*\r\nX-Request-Start: t=42\r\n\r\n',
    );
  });

  it('falls back to the upstream authority for Host and sends no Content-Length without a body', () => {
    const head = buildHttpRequestHead({ method: 'GET', requestUri: '/', headers: [], contentLength: null, upstreamAuthority: '127.0.0.1:9', requestStartUs: 1 });
    expect(head.toString('latin1')).toBe('GET / HTTP/1.0\r\nHost: 127.0.0.1:9\r\nConnection: close\r\nX-Request-Start: t=1\r\n\r\n');
  });
});
