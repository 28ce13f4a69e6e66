import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../../src/config/index.js';
import { CaplabError } from '../../../src/errors.js';
import { parsePoolOptions } from '../../../src/pool/index.js';

function failure(fn: () => unknown): CaplabError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CaplabError);
    return err as CaplabError;
  }
  throw new Error('expected a CaplabError');
}

describe('parsePoolOptions', () => {
  it('fills every default and freezes the result', () => {
    const config = parsePoolOptions({});
    expect(config).toEqual({
      host: DEFAULTS.host,
      port: 0,
      statsPort: 0,
      protocol: 'uwsgi',
      workers: DEFAULTS.workers,
      listen: DEFAULTS.listen,
      queue: 'kernel',
      maxRequests: 0,
      threads: 1,
      stopTimeoutMs: 1500,
      timeScale: DEFAULTS.timeScale,
      app: 'sample',
      socketTimeoutMs: 4000,
    });
    expect(config.harakiriMs).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('makes an app path absolute', () => {
    expect(parsePoolOptions({ app: 'apps/mine.js' }).app).toBe(path.resolve('apps/mine.js'));
  });

  it('refuses a non-loopback host with E_NOT_LOOPBACK', () => {
    const err = failure(() => parsePoolOptions({ host: '0.0.0.0' }));
    expect(err.code).toBe('E_NOT_LOOPBACK');
    expect(err.message).toContain('host must be a loopback address');
    expect(err.message).toContain('got "0.0.0.0"');
  });

  it('reports every other problem at once, with the bad values, as E_USAGE', () => {
    const err = failure(() => parsePoolOptions({ workers: 0, listen: -5, protocol: 'fastcgi' as 'http', bogus: 1 } as never));
    expect(err.code).toBe('E_USAGE');
    expect(err.message).toMatch(/workers must .*got 0/);
    expect(err.message).toMatch(/listen must .*got -5/);
    expect(err.message).toMatch(/protocol must .*got "fastcgi"/);
    expect(err.message).toMatch(/bogus is not a known key/);
  });
});
