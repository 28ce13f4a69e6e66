import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { readSomaxconn, startNginxProxy, startUwsgiPool } from '../../../src/stack/real/index.js';
import { descendants } from '../../helpers/cli.js';
import { HOST, SKIP_REAL, SKIP_REASON, commandLine } from './helpers.js';

describe.skipIf(SKIP_REAL)(`real roles that cannot start${SKIP_REASON}`, () => {
  it("reports a taken port as E_PORT_IN_USE in nginx's own words, and leaves no nginx behind", async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, HOST, () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const err = await startNginxProxy({
        host: HOST,
        port,
        upstream: { host: HOST, port: 9, protocol: 'uwsgi' },
        connectTimeoutMs: 1000,
        sendTimeoutMs: 1000,
        readTimeoutMs: 1000,
      }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'E_PORT_IN_USE', exitCode: 2 });
      expect((err as Error).message).toMatch(/nginx exited .*Address already in use/);
      const left = (await descendants(process.pid)).filter((pid) => commandLine(pid).includes('nginx'));
      expect(left).toEqual([]);
    } finally {
      blocker.close();
    }
  });

  it('refuses a listen above net.core.somaxconn before starting uWSGI (exit code 2)', async () => {
    const somaxconn = readSomaxconn();
    expect(somaxconn).toBeGreaterThan(0);
    const err = await startUwsgiPool({
      host: HOST,
      port: 0,
      protocol: 'uwsgi',
      workers: 1,
      listen: somaxconn! + 1,
      app: 'django',
      timeScale: 1,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_LISTEN_OVER_SOMAXCONN', exitCode: 2 });
    expect((err as Error).message).toContain(`exceeds net.core.somaxconn (${somaxconn})`);
  });
});
