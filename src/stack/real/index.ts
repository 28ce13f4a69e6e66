/**
 * The real roles: Debian's nginx as the proxy and uWSGI running caplab's
 * Django project as the pool, with the same options and handles as the
 * embedded proxy and pool, so the lab's numbers can be checked against the
 * software people deploy. Each program runs under a keeper process that ends
 * it (and everything it forked) when caplab stops or dies.
 */
export { startNginxProxy } from './start-nginx-proxy.js';
export { startUwsgiPool } from './start-uwsgi-pool.js';
export { startUwsgiNoMaster, type BareUwsgi } from './start-uwsgi-no-master.js';
export { checkRealPrograms, requireRealPrograms, type RealPrograms, type RealRole } from './check-real-programs.js';
export { assertListenFits, readSomaxconn } from './check-listen.js';
export { harakiriSeconds } from './uwsgi-args.js';
export { REAL_PROGRAMS, REAL_PACKAGES } from './programs.js';
export type { NginxProxyOptions, RunningProxy, RunningNginx, UwsgiPoolOptions, RunningPool, UpstreamProtocol } from './types.js';
export { startRunserverPool, type RunserverPoolOptions, type RunningRunserver, type RunserverSample } from './start-runserver-pool.js';
export { RUNSERVER_BACKLOG } from './runserver-args.js';
export { parsePortSockets, readPortSockets, type PortSockets } from './port-sockets.js';
export { parseUnixPathSockets, readUnixPathSockets } from './unix-path-sockets.js';
export { inspectRealPrograms, installCommand, type ProgramCheck } from './inspect-real-programs.js';
export { checkWsgiApp, sampleWsgiApp } from './wsgi-app.js';
export type { WsgiApp } from './types.js';
export { startGunicornPool, type GunicornPoolOptions, type RunningGunicorn, type GunicornSample } from './start-gunicorn-pool.js';
/** The keeper, for other real programs caplab supervises (Locust's master and workers). */
export { startKeeper, type KeptProgram } from './start-keeper.js';
export type { KeeperConfig } from './keeper-messages.js';
export { pickFreePort } from './pick-free-port.js';
