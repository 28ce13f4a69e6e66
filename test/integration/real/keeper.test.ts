import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { KeeperConfig } from '../../../src/stack/real/keeper-messages.js';
import { pickFreePort } from '../../../src/stack/real/pick-free-port.js';
import { groupMembers } from '../../../src/stack/real/process-group.js';
import { startKeeper } from '../../../src/stack/real/start-keeper.js';
import { firstLine } from '../../helpers/processes.js';
import { alive, waitUntil } from './helpers.js';

// The keeper on its own, over a small Node program standing in for nginx or
// uWSGI: runs without the real programs.
const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

async function keeperConfig(mode: string, overrides: Partial<KeeperConfig> = {}): Promise<KeeperConfig> {
  const port = await pickFreePort('127.0.0.1');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'caplab-keeper-test-'));
  return {
    name: 'program',
    command: process.execPath,
    args: [path.join(FIXTURES, 'program.mjs'), String(port), mode],
    env: {},
    cwd: dir,
    host: '127.0.0.1',
    readyPorts: [port],
    listenPorts: [port],
    startTimeoutMs: 10_000,
    graceMs: 300,
    logFile: path.join(dir, 'out.log'),
    tailFiles: [],
    removeDir: dir,
    ...overrides,
  };
}

describe('the keeper process', () => {
  it('reports ready once the program listens, and stop() ends its whole process group and removes its dir', async () => {
    const config = await keeperConfig('listen');
    const kept = await startKeeper(config);
    const members = groupMembers(kept.pid);
    expect(members).toContain(kept.pid);
    expect(members.length).toBe(2); // the program and its grandchild
    await kept.stop();
    expect(members.filter(alive)).toEqual([]);
    expect(alive(kept.keeperPid)).toBe(false);
    expect(existsSync(config.removeDir!)).toBe(false);
  });

  it('SIGKILLs a group that ignores SIGTERM once the grace period is over', async () => {
    const kept = await startKeeper(await keeperConfig('stubborn'));
    const members = groupMembers(kept.pid);
    const t0 = performance.now();
    await kept.stop();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(280);
    expect(members.filter(alive)).toEqual([]);
  });

  it('reports a program that exits before listening, quoting the end of its output', async () => {
    const config = await keeperConfig('fail');
    const err = await startKeeper(config).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_STACK_START', exitCode: 1 });
    expect((err as Error).message).toMatch(/^program exited \(code 3\) before it accepted connections on 127\.0\.0\.1:\d+: starting up \| fatal: cannot load the app$/);
    expect(existsSync(config.removeDir!)).toBe(false);
  });

  it('gives up after the start timeout and ends the program', async () => {
    const config = await keeperConfig('silent', { startTimeoutMs: 400 });
    const err = await startKeeper(config).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_STACK_START' });
    expect((err as Error).message).toMatch(/^program did not accept connections on 127\.0\.0\.1:\d+ within 400 ms/);
  });

  it('is not fooled by another process already listening on the port', async () => {
    const otherConfig = await keeperConfig('listen');
    const other = await startKeeper(otherConfig);
    try {
      // The port accepts connections, but no process of this program's group listens on it.
      const port = otherConfig.readyPorts[0]!;
      const config = await keeperConfig('silent', { readyPorts: [port], listenPorts: [port], startTimeoutMs: 400 });
      const err = await startKeeper(config).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'E_STACK_START' });
      expect((err as Error).message).toContain(`did not accept connections on 127.0.0.1:${port} within 400 ms`);
    } finally {
      await other.stop();
    }
  });

  it('ends the program when its parent is killed with SIGKILL', async () => {
    const port = await pickFreePort('127.0.0.1');
    const parent = spawn(process.execPath, [path.join(FIXTURES, 'start-keeper.mjs'), String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await firstLine(parent);
    const { pid, keeperPid, dir } = JSON.parse(line) as { pid: number; keeperPid: number; dir: string };
    const members = groupMembers(pid);
    expect(members.length).toBe(2);
    parent.kill('SIGKILL');
    // a stubborn program: SIGTERM ignored, SIGKILL after the 300 ms grace
    expect(await waitUntil(() => members.every((p) => !alive(p)) && !alive(keeperPid), 5000)).toBe(true);
    expect(existsSync(dir)).toBe(false);
  });
});
