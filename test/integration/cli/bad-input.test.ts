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

  it('prints the error code with the message', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-bad-'));
    const file = path.join(dir, 'invalid.yaml');
    await writeFile(file, 'name: invalid\nload:\n  - open: { rate: -5, duration: 1s, path: /hello }\n');
    expect((await runCli(['run', file])).stderr).toMatch(/^caplab: E_SCENARIO_INVALID: /);
  });

  it('a negative --workers is told its bound, not that it is not a whole number', async () => {
    const r = await runCli(['run', 'seed-three-slow-requests', '--workers', '-3']);
    expectUsageError(r, /--workers must be >= 1, got "-3"/);
    expect(r.stderr).not.toMatch(/whole number/);
  });

  it('no zod wording reaches the user', async () => {
    for (const args of [['--out', ''], ['--proxy', 'x'], ['--queue', 'y']]) {
      const r = await runCli(['run', 'seed-three-slow-requests', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(/Too small|Invalid option|expected/);
    }
  });

  it('a time scale at which the stack\'s own cost would decide every request', async () => {
    expectUsageError(await runCli(['run', 'seed-three-slow-requests', '-t', '1e-9']), /^caplab: E_SCALE_TOO_SMALL: .*upstream timeout/);
  });

  it('an --app that calls process.exit(0) on import is named, not the internal worker-main.js', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-bad-'));
    const app = path.join(dir, 'exits.mjs');
    await writeFile(app, 'process.exit(0);\n');
    const r = await runCli(['run', 'seed-three-slow-requests', '--time-scale', '0.01', '--app', app, '--out', path.join(dir, 'out')]);
    expectUsageError(r, new RegExp(`^caplab: E_APP_LOAD: .*${app.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}.*exited \\(0\\)`));
    expect(r.stderr).not.toMatch(/worker-main/);
  });

  it('an unknown command', async () => {
    const r = await runCli(['rnu']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'rnu'/);
  });
});

describe('caplab with no command', () => {
  it('prints its usage and exits 2', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/Usage: caplab/);
  });
});

describe('caplab sweep: bad input', () => {
  it('a huge --workers range is refused at once with exit 2', async () => {
    const started = Date.now();
    const r = await runCli(['sweep', 'slow-10s-sweep', '--workers', '1..99999999999']);
    expectUsageError(r, /^caplab: E_FLAG: --workers counts must be between 1 and 512, got the range 1\.\.99999999999/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
