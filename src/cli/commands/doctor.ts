import type { Command } from 'commander';
import { inspectLocust, MIN_LOCUST_VERSION } from '../../locust/index.js';
import { formatTextTable } from '../../report/index.js';
import { inspectRealPrograms, installCommand } from '../../stack/index.js';

/**
 * `caplab doctor`: which real programs this machine has (found or missing,
 * version, path, Debian package), Locust for `--engine locust` among them,
 * and the one `apt-get install -y …` that adds what is missing or too old.
 * Always exits 0: missing programs only limit which stacks and engines can run.
 */
export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('list the real programs caplab can use (nginx, uWSGI, gunicorn, Django, Locust, wrk, chromium), found or missing, and how to install what is missing')
    .action(() => {
      const checks = inspectRealPrograms();
      const locust = inspectLocust();
      const status = (found: boolean, tooOld = false): string => (!found ? 'MISSING' : tooOld ? `TOO OLD (needs ${MIN_LOCUST_VERSION})` : 'found');
      const table = formatTextTable(
        ['program', 'status', 'version', 'path', 'package', 'used for'],
        [
          ...checks.map((c) => [c.name, status(c.found), c.version ?? '—', c.path, c.package, c.use]),
          ['Locust', status(locust.found, locust.tooOld), locust.version ?? '—', locust.path, locust.package, 'the distributed engine (--engine locust)'],
        ],
        ['left', 'left', 'left', 'left', 'left', 'left'],
      );
      const install = installCommand([...checks, { ...locust, name: 'Locust', use: '', found: locust.found && !locust.tooOld }]);
      const missing = checks.filter((c) => !c.found).length + (locust.found && !locust.tooOld ? 0 : 1);
      const verdict = install === null ? 'Every real program is installed.' : `${missing} missing or too old; install with:\n  ${install}`;
      process.stdout.write(`${table}\n\n${verdict}\n`);
    });
}
