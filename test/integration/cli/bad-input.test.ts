import { mkdtemp, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

/** Every bad input gets one clear line (plus an optional hint), exit code 2, and no stack trace. */
function expectUsageError(r: { code: number | null; stderr: string; stdout: string }, message: RegExp): void {
  expect(r.code).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines.length).toBeLessThanOrEqual(2);
  expect(lines[0]).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('caplab run: bad input', () => {
  it('an unknown flag', async () => {
    expectUsageError(await runCli(['run', 'seed-three-slow-requests', '--wrokers', '2']), /unknown option '--wrokers'/);
  });

  it('a missing scenario file', async () => {
    expectUsageError(await runCli(['run', 'no/such/file.yaml']), /no\/such\/file\.yaml/);
  });

  it('a malformed scenario file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-bad-'));
    const file = path.join(dir, 'broken.yaml');
    await writeFile(file, 'name: broken\nload: [\n  - burst: {count: 3\n');
    expectUsageError(await runCli(['run', file]), /broken\.yaml/);
  });

  it('an invalid scenario names the path and the bad value', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-bad-'));
    const file = path.join(dir, 'invalid.yaml');
    await writeFile(file, 'name: invalid\nload:\n  - open: { rate: -5, duration: 1s, path: /hello }\n');
    const r = await runCli(['run', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/load\[0\]\.open\.rate/);
    expect(r.stderr).toMatch(/-5/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a non-numeric --workers', async () => {
    expectUsageError(await runCli(['run', 'seed-three-slow-requests', '--workers', 'two']), /--workers .*"two"/);
  });

  it('a bad --time-scale', async () => {
    expectUsageError(await runCli(['run', 'seed-three-slow-requests', '--time-scale', '-1']), /--time-scale/);
  });

  it('a busy port', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      expectUsageError(await runCli(['run', 'seed-three-slow-requests', '--time-scale', '0.001', '--port', String(port)]), new RegExp(`${port}.*in use`));
    } finally {
      server.close();
    }
  });

  it('an unknown command', async () => {
    const r = await runCli(['rnu']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'rnu'/);
  });
});
