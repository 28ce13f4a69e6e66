export { startStack } from './start-stack.js';
export type { StackConfig, RunningStack, ProxyKind, PoolKind, QueueMode } from './types.js';
