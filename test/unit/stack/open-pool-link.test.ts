import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPoolLink } from '../../../src/stack/open-pool-link.js';

describe('openPoolLink', () => {
  it('over TCP opens nothing', async () => {
    const link = await openPoolLink('tcp', 'embedded');
    expect(link.socketPath).toBeUndefined();
    await link.remove();
  });

  it('over unix gives a socket path in a fresh folder, which remove() deletes', async () => {
    const link = await openPoolLink('unix', 'uwsgi');
    const dir = path.dirname(link.socketPath!);
    expect(path.basename(dir)).toMatch(/^caplab-link-/);
    expect(Buffer.byteLength(link.socketPath!)).toBeLessThan(108);
    expect(existsSync(dir)).toBe(true);
    await link.remove();
    await link.remove();
    expect(existsSync(dir)).toBe(false);
  });

  it('opens a unix link for gunicorn too', async () => {
    const link = await openPoolLink('unix', 'gunicorn');
    expect(path.basename(link.socketPath!)).toBe('pool.sock');
    await link.remove();
  });

  it('refuses a pool that cannot listen on a unix socket, naming it', async () => {
    await expect(openPoolLink('unix', 'runserver')).rejects.toMatchObject({ code: 'E_USAGE', message: expect.stringContaining('"runserver"') });
  });
});
