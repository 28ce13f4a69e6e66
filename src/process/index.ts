export { resolveEntry } from './resolve-entry.js';
export { watchParent, parentGone } from './watch-parent.js';
export { forkChild, ChildStartError, type Supervised, type ForkOptions } from './supervise-child.js';
