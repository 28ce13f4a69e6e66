import { describe, expect, it } from 'vitest';
import { startNginxProxy, startUwsgiPool } from '../../../src/stack/real/index.js';

// The real roles validate their options with the embedded roles' rules,
// before looking for or starting any program.
const UPSTREAM = { host: '127.0.0.1', port: 9001, protocol: 'uwsgi' as const };

describe('options of the real roles', () => {
  it('refuses a proxy host that is not loopback, as the embedded proxy does', async () => {
    await expect(startNginxProxy({ host: '10.0.0.1', upstream: UPSTREAM })).rejects.toMatchObject({ code: 'E_NOT_LOOPBACK', exitCode: 2 });
  });

  it('reports every bad proxy option at once', async () => {
    const err = await startNginxProxy({ upstream: UPSTREAM, readTimeoutMs: -1, staticPrefix: 'static' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_USAGE', exitCode: 2 });
    expect((err as Error).message).toMatch(/staticPrefix[^]*readTimeoutMs|readTimeoutMs[^]*staticPrefix/);
  });

  it('refuses a static dir that does not exist, as the embedded proxy does', async () => {
    const err = await startNginxProxy({ upstream: UPSTREAM, staticDir: '/nonexistent/caplab-static' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_USAGE' });
    expect((err as Error).message).toContain('staticDir /nonexistent/caplab-static is not a directory');
  });

  it('refuses pool options the embedded pool refuses, and any app but the Django sample', async () => {
    await expect(startUwsgiPool({ workers: 0 })).rejects.toMatchObject({ code: 'E_USAGE' });
    await expect(startUwsgiPool({ host: '192.168.1.1' })).rejects.toMatchObject({ code: 'E_NOT_LOOPBACK' });
    const err = await startUwsgiPool({ app: './my-app.js' as 'django' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_USAGE' });
    expect((err as Error).message).toContain("runs caplab's Django sample app only");
  });
});
