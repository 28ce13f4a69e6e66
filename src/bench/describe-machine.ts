import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { REAL_PROGRAMS } from '../stack/index.js';

function firstLine(command: string, args: readonly string[]): string | null {
  const probe = spawnSync(command, [...args], { encoding: 'utf8', timeout: 10_000, env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' } });
  if (probe.error || probe.status !== 0) return null;
  return `${probe.stdout}${probe.stderr}`.trim().split('\n')[0] ?? null;
}

function distro(): string {
  try {
    return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os.type();
  } catch {
    return os.type();
  }
}

/**
 * The machine the figures belong to: cores, CPU model, memory, OS, Node,
 * the load average when the bench started (other work on the machine
 * shows here), and the versions of the real programs (null: not installed).
 */
export function describeMachine(): { cpus: number; cpuModel: string; node: string; [key: string]: unknown } {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryMiB: Math.round(os.totalmem() / 2 ** 20),
    os: `${distro()}, ${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
    programs: {
      nginx: firstLine(REAL_PROGRAMS.nginx, ['-v'])?.replace(/^nginx version: /, '') ?? null,
      uwsgi: firstLine(REAL_PROGRAMS.uwsgi, ['--version']),
      django: firstLine(REAL_PROGRAMS.python3, ['-c', 'import django; print(django.get_version())']),
    },
  };
}
