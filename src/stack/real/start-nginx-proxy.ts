import { existsSync } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULTS } from '../../config/index.js';
import { caplabError, isCaplabError } from '../../errors.js';
import { parseProxyOptions, type ProxyConfig } from '../../proxy/index.js';
import { requireRealPrograms } from './check-real-programs.js';
import { pickFreePort } from './pick-free-port.js';
import { REAL_PROGRAMS } from './programs.js';
import { nginxAddress, renderNginxConf } from './render-nginx-conf.js';
import { keepInTempDir } from './keep-in-temp-dir.js';
import type { NginxProxyOptions, RunningNginx } from './types.js';

/** How long nginx gets to accept connections. */
const START_TIMEOUT_MS = 15_000;

async function startOnce(options: ProxyConfig, port: number): Promise<RunningNginx> {
  const kept = await keepInTempDir('caplab-nginx-', async (prefix) => {
    await mkdir(path.join(prefix, 'tmp'));
    const conf = path.join(prefix, 'nginx.conf');
    await writeFile(conf, renderNginxConf({
      prefix,
      host: options.host,
      port,
      upstream: options.upstream,
      staticDir: options.staticDir,
      staticPrefix: options.staticPrefix,
      connectTimeoutMs: options.connectTimeoutMs,
      sendTimeoutMs: options.sendTimeoutMs,
      readTimeoutMs: options.readTimeoutMs,
      accessLog: options.accessLog,
      asRoot: process.geteuid?.() === 0,
      uwsgiParams: REAL_PROGRAMS.nginxUwsgiParams,
      mimeTypes: existsSync(REAL_PROGRAMS.nginxMimeTypes) ? REAL_PROGRAMS.nginxMimeTypes : undefined,
    }));
    return {
      name: 'nginx',
      command: REAL_PROGRAMS.nginx,
      args: ['-p', `${prefix}/`, '-c', conf],
      env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
      cwd: prefix,
      host: options.host,
      readyPorts: [port],
      listenPorts: [port],
      startTimeoutMs: START_TIMEOUT_MS,
      graceMs: DEFAULTS.stopGraceMs,
      logFile: path.join(prefix, 'stderr.log'),
      // nginx copies its start-up errors to stderr; error.log adds nothing then
      tailFiles: [],
      removeDir: prefix,
    };
  });
  return Object.freeze({
    url: `http://${nginxAddress(options.host, port)}`,
    host: options.host,
    port,
    pid: kept.pid,
    pids: [kept.pid],
    exited: kept.exited,
    stop: kept.stop,
  });
}

/** As the embedded proxy: a static dir that is not a directory, or an access log nowhere to write, is E_USAGE. */
async function checkPaths(config: ProxyConfig): Promise<void> {
  if (config.staticDir !== undefined && !(await stat(config.staticDir).catch(() => undefined))?.isDirectory()) {
    throw caplabError('E_USAGE', `proxy options: staticDir ${config.staticDir} is not a directory`);
  }
  if (config.accessLog !== undefined && !(await stat(path.dirname(config.accessLog)).catch(() => undefined))?.isDirectory()) {
    throw caplabError('E_USAGE', `proxy options: accessLog ${config.accessLog} is in a directory that does not exist`);
  }
}

/**
 * Starts Debian's nginx as caplab's proxy, with the same options (validated
 * by the embedded proxy's parseProxyOptions: E_NOT_LOOPBACK or E_USAGE
 * before anything starts) and handle: it listens on host:port (0 = a free port picked
 * here), serves `staticDir` under `staticPrefix`, and forwards everything
 * else to the upstream over uwsgi (`uwsgi_pass`) or HTTP (`proxy_pass`),
 * stamping `X-Request-Start: t=<seconds.millis>` (nginx's $msec). An upstream
 * timeout gives 504, other upstream failures 502, as nginx does.
 *
 * nginx runs in the foreground under a keeper process with its own temp
 * prefix (config, pid file, error log, temp paths), removed on stop. Throws
 * E_USAGE for a static dir or access log that cannot be used,
 * E_REAL_MISSING if nginx is not installed, E_PORT_IN_USE or E_STACK_START
 * (with nginx's last log lines) if it does not start. A port picked here
 * that another process took first is picked again, once.
 */
export async function startNginxProxy(options: NginxProxyOptions): Promise<RunningNginx> {
  const config = parseProxyOptions(options);
  await checkPaths(config);
  requireRealPrograms(['nginx']);
  for (let attempt = 1; ; attempt += 1) {
    const port = config.port === 0 ? await pickFreePort(config.host) : config.port;
    try {
      return await startOnce(config, port);
    } catch (err) {
      const retry = config.port === 0 && attempt < 2 && isCaplabError(err) && err.code === 'E_PORT_IN_USE';
      if (!retry) throw err;
    }
  }
}
