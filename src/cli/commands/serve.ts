import type { Command } from 'commander';
import { z } from 'zod';
import { CaplabError } from '../../errors.js';
import { stackConfig } from '../../experiment/index.js';
import { formatServeBanner, holdUntilSignal, METRICS_SOURCES, metricsSourceFor, serveStack } from '../../live/index.js';
import { assertAppFitsPool } from '../../stack/index.js';
import { choiceFlag, intFlag, parseFlags, runFlagShape } from '../parse-flags.js';
import { MAX_WORKERS } from '../parse-worker-list.js';
import { planFromArgs } from '../plan-from-args.js';
import { addStackOptions } from '../stack-options.js';
import { signalExitCode } from '../interrupt.js';

const { timeScale, debug, app, wsgi, chdir, pythonpath, proxy, pool, nothreading, queue, proxyProcesses, socket, threads, maxRequests, reloadOnRss } = runFlagShape;
const ServeFlags = z.object({
  timeScale,
  debug,
  app,
  wsgi,
  chdir,
  pythonpath,
  proxy,
  pool,
  nothreading,
  queue,
  proxyProcesses,
  socket,
  threads,
  maxRequests,
  reloadOnRss,
  workers: intFlag(1, MAX_WORKERS).optional(),
  port: intFlag(0, 65535).optional(),
  metricsFrom: choiceFlag(METRICS_SOURCES).optional(),
});

/** `caplab serve [scenario]`: a stack kept up until Ctrl-C, its addresses printed. */
export function registerServe(program: Command): void {
  const command = program
    .command('serve')
    .description('start proxy, pool and app and keep them up until Ctrl-C: poke at them with curl, a browser or your own load tool, watch them with `caplab top`, scrape /metrics')
    .argument('[scenario]', 'take the stack from this scenario (file or built-in name); default: 2 workers, the sample app')
    .option('-w, --workers <n>', 'worker processes in the pool (overrides stack.workers)')
    .option('-t, --time-scale <f>', 'multiply the app\'s sleeps and the stack\'s timeouts by f')
    .option('--port <n>', 'port for the proxy (default: any free port)');
  addStackOptions(command)
    .option('--metrics-from <source>', 'caplab (the embedded pool\'s own /metrics on its stats port) or uwsgi (caplab translates real uWSGI\'s stats JSON, on a port of its own); default: the pool\'s')
    .action(async (scenarioArg: string | undefined, raw: Record<string, unknown>, cmd: Command) => {
      const flags = parseFlags(ServeFlags, { ...cmd.optsWithGlobals(), ...raw });
      const plan = await planFromArgs(scenarioArg ?? null, flags);
      assertAppFitsPool({ pool: flags.pool, app: plan.stack.app, wsgi: plan.stack.wsgi?.app });
      metricsSourceFor(flags.pool, flags.metricsFrom);
      const config = stackConfig(plan, {
        port: flags.port,
        roles: { proxy: flags.proxy, pool: flags.pool, ...(flags.nothreading ? { threading: false } : {}) },
      });
      // A closed stdout or stderr (`caplab serve | tee`, and tee ended by the same Ctrl-C) must not end caplab before it stops the stack.
      for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
      const served = await serveStack(config, flags.metricsFrom);
      const log = (line: string): void => void process.stderr.write(`caplab serve: ${line}\n`);
      const hold = holdUntilSignal(served, log);
      process.stdout.write(formatServeBanner(served));
      const ending = await hold.ended;
      try {
        await served.stop();
      } finally {
        hold.dispose();
      }
      if ('death' in ending) {
        const d = ending.death;
        throw new CaplabError('E_ROLE_DIED', `${d.role} (pid ${d.pid}) died${d.signal !== null ? ` (${d.signal})` : d.code !== null ? ` (exit ${d.code})` : ''}; the rest of the stack is stopped`, {
          hint: 'run `caplab serve --debug` again, or `caplab run` for a report',
        });
      }
      log('stopped; no process left');
      throw new CaplabError('E_INTERRUPTED', `interrupted by ${ending.signal}; the stack is stopped`, { exitCode: signalExitCode(ending.signal) });
    });
}
