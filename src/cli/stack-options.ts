import type { Command } from 'commander';

/**
 * The options that choose and shape a stack, the same on `run`, `sweep` and
 * `serve` (their values are validated by `runFlagShape` in parse-flags.ts):
 * the app, the real or embedded roles, the queue and the link, and uWSGI's
 * knobs. Returns the command for chaining.
 */
export function addStackOptions(command: Command): Command {
  return command
    .option('--app <module>', 'with the embedded pool: serve a module exporting handler(req) instead of the sample app')
    .option('--wsgi <module:callable>', 'with a Python pool (uwsgi, gunicorn, runserver): serve your WSGI app, e.g. mysite.wsgi:application, instead of the Django sample')
    .option('--chdir <dir>', 'with --wsgi: the directory your app runs in (put first on sys.path)')
    .option('--pythonpath <dir>', 'with --wsgi: one more directory for sys.path')
    .option('--proxy <kind>', 'embedded (caplab\'s own) or nginx (Debian\'s)', 'embedded')
    .option('--pool <kind>', 'embedded (caplab\'s own), uwsgi or gunicorn (Debian\'s, running the Django project) or runserver (Django\'s development server, one thread per request)', 'embedded')
    .option('--nothreading', 'with --pool runserver: Django\'s --nothreading, one request at a time')
    .option('--queue <mode>', 'kernel (workers accept from the kernel\'s queue; overflow waits on SYN retries) or master (overflow gets 503); overrides stack.queue')
    .option('--proxy-processes <n>', 'embedded proxy processes on one listening socket (overrides stack.proxyProcesses)')
    .option('--socket <kind>', 'proxy → pool link: tcp (a full backlog: SYN retries) or unix (a unix socket in the run\'s temp folder; a full backlog: 502 at once); overrides stack.socket')
    .option('--threads <n>', 'requests each worker serves at once, each in its own thread (uWSGI\'s threads; gunicorn: gthread); overrides stack.threads')
    .option('--max-requests <n>', 'recycle a worker after n requests, 0 = never (uWSGI\'s max-requests); overrides stack.maxRequests')
    .option('--reload-on-rss <MiB>', 'recycle a worker whose RSS passes this (uWSGI\'s reload-on-rss; not gunicorn); overrides stack.reloadOnRss');
}
