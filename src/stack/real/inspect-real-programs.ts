import { accessSync, constants } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { REAL_PACKAGES, REAL_PROGRAMS } from './programs.js';

/** One real program `caplab doctor` looks for. */
export interface ProgramCheck {
  /** What it is, e.g. "nginx" or "uWSGI python3 plugin". */
  readonly name: string;
  /** What caplab uses it for. */
  readonly use: string;
  /** The file caplab runs or loads. */
  readonly path: string;
  readonly found: boolean;
  /** Its version (Debian's package version, or Django's own), or null when missing or unknown. */
  readonly version: string | null;
  /** The Debian package that provides it. */
  readonly package: string;
}

/** Programs caplab runs outside stack/real, at Debian's paths: the bench's wrk and the browser tests' chromium. */
const OTHER = Object.freeze({
  wrk: { path: '/usr/bin/wrk', package: 'wrk' },
  chromium: { path: '/usr/bin/chromium', package: 'chromium' },
});

const TABLE: readonly { name: string; use: string; path: string; package: string; mode: number }[] = [
  { name: 'nginx', use: 'the real proxy (--proxy nginx)', path: REAL_PROGRAMS.nginx, package: REAL_PACKAGES.nginx, mode: constants.X_OK },
  { name: 'uWSGI', use: 'the real pool (--pool uwsgi)', path: REAL_PROGRAMS.uwsgi, package: REAL_PACKAGES.uwsgi, mode: constants.X_OK },
  { name: 'uWSGI python3 plugin', use: 'lets uWSGI run Python apps', path: REAL_PROGRAMS.uwsgiPython3Plugin, package: REAL_PACKAGES.uwsgiPython3, mode: constants.R_OK },
  { name: 'gunicorn', use: 'the real pool (--pool gunicorn)', path: REAL_PROGRAMS.gunicorn, package: REAL_PACKAGES.gunicorn, mode: constants.X_OK },
  { name: 'Django', use: `the sample app and runserver, for ${REAL_PROGRAMS.python3}`, path: REAL_PROGRAMS.python3, package: REAL_PACKAGES.django, mode: constants.X_OK },
  { name: 'wrk', use: 'the bench’s load generator (npm run bench)', path: OTHER.wrk.path, package: OTHER.wrk.package, mode: constants.X_OK },
  { name: 'chromium', use: 'the browser tests of the HTML reports', path: OTHER.chromium.path, package: OTHER.chromium.package, mode: constants.X_OK },
];

function usable(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

/** Installed Debian package versions by name, from one `dpkg-query` call; empty when dpkg is absent. */
function packageVersions(packages: readonly string[]): Map<string, string> {
  const out = spawnSync('dpkg-query', ['-W', '-f', '${Package} ${Version} ${db:Status-Abbrev}\\n', ...packages], {
    encoding: 'utf8',
    timeout: 10_000,
    env: { PATH: '/usr/bin:/bin' },
  });
  const versions = new Map<string, string>();
  for (const line of (out.stdout ?? '').split('\n')) {
    const [name, version, status] = line.trim().split(/\s+/);
    if (name && version && status?.startsWith('ii')) versions.set(name, version);
  }
  return versions;
}

/** Django's version as Debian's python3 imports it, or null when it cannot. */
function djangoVersion(): string | null {
  if (!usable(REAL_PROGRAMS.python3, constants.X_OK)) return null;
  const out = spawnSync(REAL_PROGRAMS.python3, ['-c', 'import django; print(django.get_version())'], {
    encoding: 'utf8',
    timeout: 10_000,
    env: { PATH: '/usr/bin:/bin' },
  });
  return out.status === 0 ? out.stdout.trim() || null : null;
}

/**
 * Looks for every real program caplab can use (nginx, uWSGI and its
 * python3 plugin, gunicorn, Django for Debian's python3, wrk, chromium) at
 * Debian's paths: found or not, its version, and its Debian package.
 * Django counts as found only when /usr/bin/python3 can import it.
 * Synchronous; two child processes (dpkg-query, python3), well under 1 s.
 */
export function inspectRealPrograms(): ProgramCheck[] {
  const versions = packageVersions(TABLE.map((t) => t.package));
  const django = djangoVersion();
  return TABLE.map((t) => {
    const found = t.name === 'Django' ? django !== null : usable(t.path, t.mode);
    const version = !found ? null : t.name === 'Django' ? django : (versions.get(t.package) ?? null);
    return { name: t.name, use: t.use, path: t.path, found, version, package: t.package };
  });
}

/** The one command that installs every missing program, or null when none is missing. */
export function installCommand(checks: readonly ProgramCheck[]): string | null {
  const missing = [...new Set(checks.filter((c) => !c.found).map((c) => c.package))];
  return missing.length === 0 ? null : `apt-get install -y ${missing.join(' ')}`;
}
