export { resolveEntry } from './resolve-entry.js';
export { watchParent, parentGone } from './watch-parent.js';
export { forkChild, childExit, signalChildren, ChildStartError, type Supervised, type ForkOptions, type ExitStatus, type ProcessExit } from './supervise-child.js';
export { readProcStat, isRunning, type ProcStat } from './proc-stat.js';
export { childrenOf, childrenRssBytes, readProcessMemory } from './proc-memory.js';
export { parseTcpTable, readTcpRows, socketInodesOf, TCP_ESTABLISHED, TCP_LISTEN, type TcpRow } from './proc-net.js';
