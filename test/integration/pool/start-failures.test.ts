import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CaplabError } from '../../../src/errors.js';
import { startPool } from '../../../src/pool/index.js';
import { descendants, waitFor } from './helpers.js';

const APPS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/apps');

async function rejection(promise: Promise<unknown>): Promise<CaplabError> {
  const err = await promise.then(
    () => new Error('expected startPool to reject'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CaplabError);
  return err as CaplabError;
}

/** Nothing this test process started is still running. */
async function noChildrenLeft(): Promise<boolean> {
  return waitFor(async () => (await descendants(process.pid)).length === 0, 5_000);
}

describe('startPool failures', () => {
  it('rejects a busy port with E_PORT_IN_USE and leaves no process behind', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const err = await rejection(startPool({ port, workers: 1 }));
      expect(err.code).toBe('E_PORT_IN_USE');
      expect(err.message).toBe(`port 127.0.0.1:${port} is already in use`);
      expect(err.exitCode).toBe(2);
    } finally {
      taken.close();
    }
    expect(await noChildrenLeft()).toBe(true);
  });

  it('rejects a busy stats port the same way', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const statsPort = (taken.address() as net.AddressInfo).port;
    try {
      const err = await rejection(startPool({ statsPort, workers: 1 }));
      expect(err.code).toBe('E_PORT_IN_USE');
      expect(err.message).toBe(`port 127.0.0.1:${statsPort} is already in use`);
    } finally {
      taken.close();
    }
    expect(await noChildrenLeft()).toBe(true);
  });

  it('rejects a non-loopback host with E_NOT_LOOPBACK before starting anything', async () => {
    const err = await rejection(startPool({ host: '10.1.2.3' }));
    expect(err.code).toBe('E_NOT_LOOPBACK');
    expect(err.message).toContain('got "10.1.2.3"');
    expect(await descendants(process.pid)).toEqual([]);
  });

  it('rejects an app that cannot be loaded with E_APP_LOAD, and kills the workers that did start', async () => {
    const missing = await rejection(startPool({ workers: 2, app: path.join(APPS, 'missing.mjs') }));
    expect(missing.code).toBe('E_APP_LOAD');
    expect(missing.message).toMatch(/missing\.mjs does not exist/);
    const noHandler = await rejection(startPool({ workers: 2, app: path.join(APPS, 'no-handler.mjs') }));
    expect(noHandler.code).toBe('E_APP_LOAD');
    expect(noHandler.message).toMatch(/has no `handler` function export/);
    expect(await noChildrenLeft()).toBe(true);
  });
});
