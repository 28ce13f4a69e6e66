export { startStack } from './start-stack.js';
export type { StackConfig, RunningStack, RoleDeath, ProxyKind, PoolKind, QueueMode } from './types.js';
export { readListenCounters, parseNetstat, NETSTAT_FILE, type ListenCounters } from './read-listen-counters.js';
