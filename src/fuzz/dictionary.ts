/**
 * The vocabulary valid requests are built from. Paths name the sample app's
 * routes with small values (the pool runs at a tiny time scale, so even a
 * mutated `ms=` stays short), plus static files, traversal attempts and
 * unknown paths. `/crash` is left out on purpose: it ends a worker by
 * design, which is not a defect.
 */
export const PATHS: readonly string[] = [
  '/hello',
  '/hello?name=x',
  '/',
  '/nope',
  '/status/200',
  '/status/204',
  '/status/304',
  '/status/404',
  '/status/503',
  '/status/999',
  '/sleep?ms=1',
  '/io?ms=2',
  '/cpu?ms=1',
  '/bytes?n=0',
  '/bytes?n=100',
  '/bytes?n=70000',
  '/sleep?ms=-1',
  '/io?ms=abc',
  '/static/a.txt',
  '/static/empty.txt',
  '/static/missing.txt',
  '/static/../package.json',
  '/static/%2e%2e/%2e%2e/etc/passwd',
  '/static/caf%C3%A9.txt',
  '/%00',
  '/a%zz',
  '//hello',
  '/hello#frag',
];

export const METHODS: readonly string[] = ['GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'FOO'];

/** Header names and example values, used in both protocols (as HTTP_* vars in uwsgi). */
export const HEADERS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['User-Agent', ['caplab-fuzz', '', 'x'.repeat(300)]],
  ['Accept', ['*/*', 'text/html']],
  ['X-Request-Start', ['t=1700000000.123', 't=1700000000123456', 't=', 'garbage', 't=-5']],
  ['Content-Type', ['text/plain', 'application/json', 'multipart/form-data; boundary=x']],
  ['Cookie', ['a=b; c=d', '']],
  ['X-Forwarded-For', ['10.0.0.1', '::1']],
  ['Accept-Encoding', ['gzip', 'identity']],
  ['Range', ['bytes=0-3', 'bytes=5-1', 'bytes=-1']],
  ['If-None-Match', ['"abc"', '*']],
];

/** Byte values that often find edge cases when written into a request. */
export const INTERESTING_BYTES: readonly number[] = [0x00, 0xff, 0x7f, 0x80, 0x0d, 0x0a, 0x20, 0x3a, 0x25, 0x3f, 0x23, 0x2f, 0x09];

/** 16-bit values that often find edge cases when written into a length field. */
export const INTERESTING_U16: readonly number[] = [0, 1, 2, 3, 4, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xfffe, 0xffff];

/** Texts that often find edge cases when spliced into an HTTP request. */
export const INTERESTING_TEXT: readonly string[] = [
  '\r\n',
  '\n',
  '\r',
  '\r\n\r\n',
  ': ',
  ' HTTP/1.1',
  'Content-Length: 5\r\n',
  'Content-Length: -1\r\n',
  'Content-Length: 99999999999999999999\r\n',
  'Transfer-Encoding: chunked\r\n',
  'Transfer-Encoding: chunked, identity\r\n',
  'Expect: 100-continue\r\n',
  'Connection: close\r\n',
  'Host: \r\n',
  '0\r\n\r\n',
  'ffffffffffffffff\r\n',
  '%',
  '\u0000',
];
