import type { Command } from 'commander';
import { formatTextTable } from '../../report/index.js';
import { inspectRealPrograms, installCommand } from '../../stack/index.js';

/**
 * `caplab doctor`: which real programs this machine has (found or missing,
 * version, path, Debian package) and the one `apt-get install -y …` that
 * adds what is missing. Always exits 0: missing programs only limit which
 * stacks can run.
 */
export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('list the real programs caplab can use (nginx, uWSGI, gunicorn, Django, wrk, chromium), found or missing, and how to install what is missing')
    .action(() => {
      const checks = inspectRealPrograms();
      const table = formatTextTable(
        ['program', 'status', 'version', 'path', 'package', 'used for'],
        checks.map((c) => [c.name, c.found ? 'found' : 'MISSING', c.version ?? '—', c.path, c.package, c.use]),
        ['left', 'left', 'left', 'left', 'left', 'left'],
      );
      const install = installCommand(checks);
      const missing = checks.filter((c) => !c.found).length;
      const verdict = install === null ? 'Every real program is installed.' : `${missing} missing; install with:\n  ${install}`;
      process.stdout.write(`${table}\n\n${verdict}\n`);
    });
}
