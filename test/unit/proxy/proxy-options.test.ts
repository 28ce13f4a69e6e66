import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, isLoopbackHost } from '../../../src/config/index.js';
import { CaplabError } from '../../../src/errors.js';
import { parseProxyOptions, type ProxyOptions } from '../../../src/proxy/index.js';

const upstream = { host: '127.0.0.1', port: 9001, protocol: 'uwsgi' } as const;

function thrown(options: unknown): CaplabError {
  try {
    parseProxyOptions(options as ProxyOptions);
  } catch (err) {
    if (err instanceof CaplabError) return err;
    throw err;
  }
  throw new Error('expected parseProxyOptions to throw');
}

describe('parseProxyOptions', () => {
  it('fills in the defaults and freezes the result', () => {
    const config = parseProxyOptions({ upstream });
    expect(config).toEqual({
      host: '127.0.0.1',
      port: 0,
      upstream,
      staticPrefix: '/static/',
      connectTimeoutMs: DEFAULTS.upstreamTimeoutMs,
      sendTimeoutMs: DEFAULTS.upstreamTimeoutMs,
      readTimeoutMs: DEFAULTS.upstreamTimeoutMs,
      openFileCacheValidMs: 1_000,
      workerProcesses: 1,
    });
    expect(DEFAULTS.upstreamTimeoutMs).toBe(60_000);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.upstream)).toBe(true);
  });

  it('makes paths absolute', () => {
    const config = parseProxyOptions({ upstream, staticDir: 'test/fixtures/static', accessLog: 'access.jsonl' });
    expect(config.staticDir).toBe(path.resolve('test/fixtures/static'));
    expect(config.accessLog).toBe(path.resolve('access.jsonl'));
  });

  it('refuses non-loopback hosts with E_NOT_LOOPBACK', () => {
    expect(thrown({ host: '0.0.0.0', upstream }).code).toBe('E_NOT_LOOPBACK');
    expect(thrown({ upstream: { ...upstream, host: '10.1.2.3' } }).code).toBe('E_NOT_LOOPBACK');
    expect(isLoopbackHost('127.0.0.2')).toBe(true);
    expect(isLoopbackHost('::1')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('127.example.com')).toBe(false);
  });

  it('reports every problem at once, with its path and the bad value', () => {
    const err = thrown({ port: 70000, upstream: { host: '127.0.0.1', port: 0, protocol: 'fastcgi' }, readTimeoutMs: -5, staticPrefix: 'static', colour: 'red' });
    expect(err.code).toBe('E_USAGE');
    expect(err.exitCode).toBe(2);
    expect(err.message).toMatch(/^proxy options: /);
    expect(err.message).toContain('port must ');
    expect(err.message).toContain('got 70000');
    expect(err.message).toContain('upstream.port must ');
    expect(err.message).toContain('got 0');
    expect(err.message).toContain('upstream.protocol must ');
    expect(err.message).toContain('got "fastcgi"');
    expect(err.message).toContain('readTimeoutMs must ');
    expect(err.message).toContain('got -5');
    expect(err.message).toContain('staticPrefix must ');
    expect(err.message).toContain('colour is not a known key');
  });

  it('takes workerProcesses as an integer from 1 to 64', () => {
    expect(parseProxyOptions({ upstream, workerProcesses: 4 }).workerProcesses).toBe(4);
    for (const bad of [0, 1.5, 65, -1]) {
      const err = thrown({ upstream, workerProcesses: bad });
      expect(err.code).toBe('E_USAGE');
      expect(err.message).toContain('workerProcesses must ');
      expect(err.message).toContain(`got ${bad}`);
    }
  });
});
