import { describe, expect, it } from 'vitest';
import { engineFromFlags } from '../../../src/cli/engine-flags.js';
import { versionAtLeast } from '../../../src/locust/index.js';

const base = { engine: 'caplab' as const, locustMasterOnly: false, allowRemote: false };

describe('engineFromFlags', () => {
  it('is caplab\'s own engine by default', () => {
    expect(engineFromFlags(base)).toEqual({ name: 'caplab' });
  });

  it('refuses Locust flags without --engine locust, naming the flag', () => {
    expect(() => engineFromFlags({ ...base, locustWorkers: 2 })).toThrow(/--locust-workers is for --engine locust/);
    expect(() => engineFromFlags({ ...base, locustMasterOnly: true })).toThrow(/--locust-master-only/);
  });

  it('defaults to one local worker on loopback with a 30 s wait, 300 s when the workers are started by hand', () => {
    expect(engineFromFlags({ ...base, engine: 'locust' })).toEqual({ name: 'locust', workers: 1, masterOnly: false, bindHost: '127.0.0.1', connectTimeoutMs: 30_000 });
    expect(engineFromFlags({ ...base, engine: 'locust', locustMasterOnly: true, locustWorkers: 3 })).toMatchObject({ workers: 3, masterOnly: true, connectTimeoutMs: 300_000 });
  });

  it('needs --allow-remote for a master or a target off this machine', () => {
    expect(() => engineFromFlags({ ...base, engine: 'locust', locustBind: '0.0.0.0' })).toThrow(expect.objectContaining({ code: 'E_NOT_LOOPBACK' }));
    expect(() => engineFromFlags({ ...base, engine: 'locust', locustTarget: 'http://10.0.0.5:8080' })).toThrow(expect.objectContaining({ code: 'E_NOT_LOOPBACK' }));
    expect(engineFromFlags({ ...base, engine: 'locust', allowRemote: true, locustBind: '0.0.0.0', locustTarget: 'http://10.0.0.5:8080/x' })).toMatchObject({
      bindHost: '0.0.0.0',
      target: 'http://10.0.0.5:8080',
    });
  });
});

describe('versionAtLeast', () => {
  it('compares Debian and plain versions by their numbers', () => {
    expect(versionAtLeast('2.12.1-1', '2.10.0')).toBe(true);
    expect(versionAtLeast('2.9.0', '2.10.0')).toBe(false);
    expect(versionAtLeast('2.10', '2.10.0')).toBe(true);
  });
});
