import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

/** The plan's queue line from --dry-run output. */
function queueLine(stdout: string): string {
  const line = stdout.split('\n').find((l) => /^ +queue (kernel|master) /.test(l));
  if (line === undefined) throw new Error(`no queue line in:\n${stdout}`);
  return line.trim();
}

async function masterScenario(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-queue-'));
  const file = path.join(dir, 'master-queue.yaml');
  await writeFile(file, 'name: master-queue\nstack: { queue: master, proxyProcesses: 2 }\nload:\n  - burst: { count: 1, path: /hello }\n');
  return file;
}

describe('--queue and --proxy-processes', () => {
  it('run --dry-run: kernel queue and 1 proxy process unless the scenario or a flag says otherwise', async () => {
    const plain = await runCli(['run', 'seed-three-slow-requests', '--dry-run']);
    expect(plain.code).toBe(0);
    expect(queueLine(plain.stdout)).toMatch(/^queue kernel .*SYN retries.*, 1 proxy process$/);

    const flagged = await runCli(['run', 'seed-three-slow-requests', '--dry-run', '--queue', 'master', '--proxy-processes', '3']);
    expect(flagged.code).toBe(0);
    expect(queueLine(flagged.stdout)).toMatch(/^queue master .*503.*, 3 proxy processes$/);
  });

  it('flags override the scenario, on run and on sweep', async () => {
    const file = await masterScenario();
    const fromFile = await runCli(['run', file, '--dry-run']);
    expect(queueLine(fromFile.stdout)).toMatch(/^queue master .*, 2 proxy processes$/);
    const run = await runCli(['run', file, '--dry-run', '--queue', 'kernel', '--proxy-processes', '1']);
    expect(queueLine(run.stdout)).toMatch(/^queue kernel .*, 1 proxy process$/);
    const sweep = await runCli(['sweep', file, '--workers', '1,2', '--dry-run', '--queue', 'kernel', '--proxy-processes', '4']);
    expect(sweep.code).toBe(0);
    expect(queueLine(sweep.stdout)).toMatch(/^queue kernel .*, 4 proxy processes$/);
  });

  it.each([
    [['run', '--queue', 'fifo'], /^caplab: E_FLAG: flags: --queue must be kernel or master, got "fifo"$/],
    [['sweep', '--workers', '1,2', '--queue', 'Kernel'], /^caplab: E_FLAG: flags: --queue must be kernel or master, got "Kernel"$/],
    [['run', '--proxy-processes', '0'], /^caplab: E_FLAG: flags: --proxy-processes must be >= 1, got "0"$/],
    [['sweep', '--workers', '1', '--proxy-processes', 'two'], /^caplab: E_FLAG: flags: --proxy-processes must be a whole number from 1 to 64, got "two"$/],
    [['run', '--proxy-processes', '65'], /^caplab: E_FLAG: flags: --proxy-processes must be <= 64, got "65"$/],
  ])('%j exits 2 with one line quoting the value', async ([command, ...flags], message) => {
    const r = await runCli([command!, 'seed-three-slow-requests', ...flags, '--dry-run']);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(message);
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(r.stdout).toBe('');
  });
});
