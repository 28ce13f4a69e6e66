import { describe, expect, it } from 'vitest';
import { reachesPool } from '../../../src/routing/index.js';

const WITH_STATIC = { staticDir: '/srv/static' };
const WITHOUT_STATIC = { staticDir: null };

describe('reachesPool', () => {
  it.each([
    ['/hello', true, true],
    ['/sleep?ms=100', true, true],
    ['/static/app.css', false, true],
    ['/static/', false, true],
    ['/static/../hello', false, true], // the raw path is in the static location: refused there, never forwarded
    ['/a/../static/x.txt', false, true], // normalised into the static location
    ['/%73tatic/x.txt', false, true], // %73 is 's'
    ['/staticfile', true, true],
    ['/hello?path=/static/x', true, true],
    ['http://example.test/static/x', false, true],
    ['http://example.test/hello', true, true],
  ])('%s: with a static directory %s, without %s', (url, withStatic, withoutStatic) => {
    expect(reachesPool(url, WITH_STATIC)).toBe(withStatic);
    expect(reachesPool(url, WITHOUT_STATIC)).toBe(withoutStatic);
  });

  it.each(['*', 'hello', '/bad%zz', '/nul%00', '/../etc/passwd'])('%s is answered 400 by the proxy itself, with or without static files', (url) => {
    expect(reachesPool(url, WITH_STATIC)).toBe(false);
    expect(reachesPool(url, WITHOUT_STATIC)).toBe(false);
  });

  it('honours a static prefix other than the default', () => {
    const site = { staticDir: '/srv/assets', staticPrefix: '/assets/' };
    expect(reachesPool('/assets/x.png', site)).toBe(false);
    expect(reachesPool('/static/x.png', site)).toBe(true);
  });

  it('treats an empty static directory as none', () => {
    expect(reachesPool('/static/x', { staticDir: '' })).toBe(true);
    expect(reachesPool('/static/x', { staticDir: undefined })).toBe(true);
  });
});
