import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRealPrograms } from '../../../src/stack/real/index.js';
import { ROOT, runCli } from '../../helpers/cli.js';

const APPS = path.join(ROOT, 'test/fixtures/apps/wsgi');
const HAS_UWSGI = checkRealPrograms().uwsgi;
const SKIP = !HAS_UWSGI && process.env.CI !== 'true';
const run = (...args: string[]) => runCli(['run', 'seed-three-slow-requests', '--time-scale', '0.01', '--quiet', '--no-html', ...args]);

/** The one error line (no stack trace), and the exit code. */
function expectOneLine(result: { code: number | null; stderr: string }, pattern: RegExp): void {
  const lines = result.stderr.trim().split('\n').filter((l) => !l.startsWith('hint:'));
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.code).toBe(2);
}

describe('mismatched --app / --wsgi and --pool', () => {
  it('refuses a JavaScript --app on the uWSGI pool, rather than serving Django in its place', async () => {
    expectOneLine(await run('--pool', 'uwsgi', '--app', 'test/fixtures/apps/echo-app.mjs', '--dry-run'), /--app .*echo-app\.mjs is a JavaScript app.*--pool uwsgi runs WSGI apps/);
  });

  it('refuses --wsgi on the embedded pool', async () => {
    expectOneLine(await run('--wsgi', 'echo_wsgi:app', '--chdir', APPS, '--dry-run'), /--wsgi echo_wsgi:app needs a Python pool/);
  });

  it('refuses --chdir or --pythonpath without --wsgi', async () => {
    expectOneLine(await run('--pool', 'uwsgi', '--chdir', APPS, '--dry-run'), /--chdir is for the app of --wsgi, and --wsgi is missing/);
  });

  it('refuses a --wsgi that is not module:callable, quoting it', async () => {
    expectOneLine(await run('--pool', 'uwsgi', '--wsgi', 'echo_wsgi.py', '--dry-run'), /--wsgi must be module:callable.*got "echo_wsgi\.py"/);
  });
});

describe.skipIf(SKIP)(`bad --wsgi apps, before any load${SKIP ? ' (SKIPPED: uWSGI is missing; apt-get install uwsgi-core uwsgi-plugin-python3)' : ''}`, () => {
  it.each([
    ['a missing module', ['--wsgi', 'nope_wsgi:app', '--chdir', APPS], /--wsgi nope_wsgi:app: no module nope_wsgi \(looked in .*fixtures\/apps\/wsgi\)/],
    ['a missing callable', ['--wsgi', 'echo_wsgi:nope', '--chdir', APPS], /--wsgi echo_wsgi:nope: module echo_wsgi \(.*echo_wsgi\.py\) has no nope/],
    ['an import error', ['--wsgi', 'import_error_wsgi:app', '--chdir', APPS], /importing import_error_wsgi failed \(from .*apps\/wsgi\): ModuleNotFoundError: .*caplab_no_such_dependency/],
    ['a callable that is not one', ['--wsgi', 'not_callable_wsgi:app', '--chdir', APPS], /app in .*not_callable_wsgi\.py is not callable/],
    ['a wrong --chdir', ['--wsgi', 'echo_wsgi:app', '--chdir', path.join(APPS, 'no-such-dir')], /chdir .*no-such-dir is not a directory/],
    ['a wrong --pythonpath', ['--wsgi', 'echo_wsgi:app', '--pythonpath', path.join(APPS, 'nowhere')], /pythonpath .*nowhere is not a directory/],
  ])('names %s and the path tried, in one line, exit 2', async (_what, args, pattern) => {
    const result = await run('--pool', 'uwsgi', '--out', path.join(ROOT, 'reports', `wsgi-bad-${process.pid}-${Math.random().toString(36).slice(2)}`), ...args);
    expectOneLine(result, pattern);
    expect(result.stdout).not.toMatch(/results:/);
  });
});
