import path from 'node:path';
import { DEFAULTS } from '../../config/index.js';
import { requireRealPrograms } from './check-real-programs.js';
import { wsgiWrapperDir } from './django-project-dir.js';
import { pickFreePort } from './pick-free-port.js';
import { REAL_PROGRAMS } from './programs.js';
import { keepInTempDir } from './keep-in-temp-dir.js';
import { uwsgiArgs } from './uwsgi-args.js';
import { pythonPoolEnv, sampleWsgiApp } from './wsgi-app.js';

/** A uWSGI started here; `url` is its http-socket. */
export interface BareUwsgi {
  readonly url: string;
  stop(): Promise<void>;
}

/** The caplab command line without a master (and so without the stats server, which the master runs). */
function withoutMaster(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--master') continue;
    if (args[i] === '--stats') {
      i++;
      continue;
    }
    out.push(args[i] as string);
  }
  return out;
}

/**
 * Starts Debian's uWSGI as one process with no master (`--processes 1`,
 * no `--master`): the process that loads the Django project accepts and
 * serves on an http-socket itself: uWSGI's side of the bench's hop-pool-p50.
 * Everything else is caplab's usual uWSGI command line (uwsgiArgs), run
 * under the same keeper process as startUwsgiPool, so it ends with the
 * bench even after kill -9 of it. Ready once the socket accepts.
 */
export async function startUwsgiNoMaster(): Promise<BareUwsgi> {
  requireRealPrograms(['uwsgi', 'django']);
  const host = DEFAULTS.host;
  const port = await pickFreePort(host);
  const kept = await keepInTempDir('caplab-bench-uwsgi-', async (dir) => {
    const args = uwsgiArgs({ host, port, statsPort: 0, protocol: 'http', workers: 1, listen: DEFAULTS.listen, wrapperDir: wsgiWrapperDir() });
    return {
      name: 'uwsgi (no master)',
      command: REAL_PROGRAMS.uwsgi,
      args: withoutMaster(args),
      env: pythonPoolEnv(1, sampleWsgiApp()),
      cwd: dir,
      host,
      readyPorts: [port],
      listenPorts: [port],
      startTimeoutMs: 30_000,
      graceMs: DEFAULTS.stopGraceMs,
      logFile: path.join(dir, 'uwsgi.log'),
      tailFiles: [],
      removeDir: dir,
    };
  });
  return { url: `http://${host}:${port}`, stop: kept.stop };
}
