import { describe, expect, it } from 'vitest';
import { assertLoopback } from '../../../src/load/index.js';

describe('assertLoopback', () => {
  it.each(['http://127.0.0.1:8080', 'http://127.9.8.7/', 'http://localhost:3000', 'http://[::1]:9000'])('accepts %s', (url) => {
    expect(assertLoopback(url).protocol).toBe('http:');
  });
  it.each(['http://10.0.0.1:80', 'http://example.com', 'http://0.0.0.0:8080', 'http://[::2]:80', 'http://128.0.0.1'])('refuses %s with E_NOT_LOOPBACK', (url) => {
    expect(() => assertLoopback(url)).toThrow(expect.objectContaining({ code: 'E_NOT_LOOPBACK', exitCode: 2 }));
  });
  it('refuses malformed and non-http URLs with E_USAGE', () => {
    expect(() => assertLoopback('not a url')).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
    expect(() => assertLoopback('https://127.0.0.1')).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
  });
});
