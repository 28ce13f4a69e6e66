import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

/** Where Debian's python3-locust puts its command, and the package that provides it. */
export const LOCUST = Object.freeze({ path: '/usr/bin/locust', package: 'python3-locust', python3: '/usr/bin/python3' });

/** The oldest Locust whose master and workers this engine can drive (custom messages to one worker, worker indexes, shapes that stop). */
export const MIN_LOCUST_VERSION = '2.10.0';

/** What this machine has of Locust. */
export interface LocustCheck {
  readonly path: string;
  readonly package: string;
  /** The command exists and Debian's python3 imports `locust`. */
  readonly found: boolean;
  /** Debian's package version (e.g. `2.12.1-1`), else Locust's own, else null. */
  readonly version: string | null;
  /** Found but older than MIN_LOCUST_VERSION. */
  readonly tooOld: boolean;
}

/** Compares dotted versions by their leading numbers: `2.12.1-1` > `2.10.0`. */
export function versionAtLeast(version: string, min: string): boolean {
  const parts = (v: string): number[] => (v.match(/\d+/g) ?? []).slice(0, 3).map(Number);
  const a = parts(version);
  const b = parts(min);
  for (let i = 0; i < 3; i += 1) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}

function run(command: string, args: readonly string[]): string | null {
  const out = spawnSync(command, [...args], { encoding: 'utf8', timeout: 15_000, env: { PATH: '/usr/bin:/bin' } });
  return out.status === 0 ? out.stdout.trim() : null;
}

/**
 * Looks for Debian's Locust: /usr/bin/locust, importable by /usr/bin/python3,
 * and its version from dpkg (Debian's own build reports an empty
 * `locust.__version__`), else from Locust itself. Synchronous, under 2 s.
 */
export function inspectLocust(): LocustCheck {
  let found = true;
  try {
    accessSync(LOCUST.path, constants.X_OK);
  } catch {
    found = false;
  }
  if (found) found = run(LOCUST.python3, ['-c', 'import locust']) !== null;
  let version: string | null = null;
  if (found) {
    const dpkg = run('dpkg-query', ['-W', '-f', '${Version} ${db:Status-Abbrev}', LOCUST.package]);
    if (dpkg?.split(' ')[1]?.startsWith('ii')) version = dpkg.split(' ')[0] ?? null;
    version ??= run(LOCUST.python3, ['-c', 'import locust; print(locust.__version__)']) || null;
  }
  return { path: LOCUST.path, package: LOCUST.package, found, version, tooOld: found && version !== null && !versionAtLeast(version, MIN_LOCUST_VERSION) };
}
