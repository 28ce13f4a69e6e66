import { describe, expect, it } from 'vitest';
import { normalizePath, splitRequestTarget } from '../../../src/routing/index.js';

describe('splitRequestTarget', () => {
  it('splits path and query, keeping the uri as sent', () => {
    expect(splitRequestTarget('/a/b?x=1&y=2?z')).toEqual({ uri: '/a/b?x=1&y=2?z', rawPath: '/a/b', query: 'x=1&y=2?z' });
    expect(splitRequestTarget('/')).toEqual({ uri: '/', rawPath: '/', query: '' });
  });

  it('reduces absolute-form to origin-form and refuses non-paths', () => {
    expect(splitRequestTarget('http://example.test/p?q')).toEqual({ uri: '/p?q', rawPath: '/p', query: 'q' });
    expect(splitRequestTarget('http://example.test')).toEqual({ uri: '/', rawPath: '/', query: '' });
    expect(splitRequestTarget('*')).toBeNull();
    expect(splitRequestTarget('etc/passwd')).toBeNull();
  });
});

describe('normalizePath', () => {
  it.each([
    ['/a/b', '/a/b'],
    ['/a//b///c', '/a/b/c'],
    ['/a/./b/../c', '/a/c'],
    ['/a/b/', '/a/b/'],
    ['/a/b/.', '/a/b/'],
    ['/a/b/..', '/a/'],
    ['/static/%2e%2e/x', '/x'],
    ['/static/a/..%2f..%2fx/y', '/x/y'],
    ['/static/..%2fx', '/x'],
    ['/%73tatic/a%20b', '/static/a b'],
    ['/caf%C3%A9', '/caf\xc3\xa9'],
    ['/', '/'],
  ])('%s → %s', (raw, path) => {
    expect(normalizePath(raw)).toEqual({ ok: true, path });
  });

  it.each([
    ['/..', 'escapes-root'],
    ['/a/../../etc/passwd', 'escapes-root'],
    ['/static/%2E%2E/%2e%2e/etc', 'escapes-root'],
    ['/a%zz', 'bad-encoding'],
    ['/a%2', 'bad-encoding'],
    ['/a%00b', 'nul-byte'],
  ])('refuses %s (%s)', (raw, reason) => {
    expect(normalizePath(raw)).toEqual({ ok: false, reason });
  });
});
