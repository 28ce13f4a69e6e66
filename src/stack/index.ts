export { startStack } from './start-stack.js';
export type { StackConfig, RunningStack } from './types.js';
