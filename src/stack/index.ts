export { startStack } from './start-stack.js';
export { assertAppFitsPool, type AppChoice } from './check-app-fits-pool.js';
export { poolObserved } from './pool-observed.js';
export type { StackConfig, RunningStack, RoleDeath, ProxyKind, PoolKind, QueueMode, PoolAddress, PoolSample, WorkerRssSample } from './types.js';
export { PROXY_KINDS, POOL_KINDS } from './types.js';
export { readListenCounters, parseNetstat, NETSTAT_FILE, type ListenCounters } from './read-listen-counters.js';
/** The real programs on their own, for side-by-side measurement (the bench). */
export { startNginxProxy, startUwsgiPool, startUwsgiNoMaster, requireRealPrograms, REAL_PROGRAMS, type BareUwsgi } from './real/index.js';
/** What `caplab doctor` reports. */
export { inspectRealPrograms, installCommand, type ProgramCheck } from './real/index.js';
/** The keeper and a free port, for Locust's master and workers (locust/). */
export { startKeeper, pickFreePort, type KeptProgram, type KeeperConfig } from './real/index.js';
export { checkPoolKnobs, poolOptionError } from './check-pool-knobs.js';
export type { StackReload } from './types.js';
