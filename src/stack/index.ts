export { startStack } from './start-stack.js';
export type { StackConfig, RunningStack, ProxyKind, PoolKind } from './types.js';
