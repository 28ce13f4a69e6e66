import { readTcpRows, socketInodesOf, TCP_LISTEN } from '../../process/index.js';
import { groupMembers } from './process-group.js';

/**
 * Inodes of the TCP sockets listening on `port` (any address, IPv4 or IPv6),
 * from /proc/net/tcp{,6}; undefined where /proc/net cannot be read.
 */
export function listeningInodes(port: number): Set<string> | undefined {
  const rows = readTcpRows();
  if (rows === undefined) return undefined;
  return new Set(rows.filter((r) => r.state === TCP_LISTEN && r.localPort === port).map((r) => r.inode));
}

/**
 * True when, for every port, a listening socket on it belongs to a process
 * of group `pgid`. A connect probe alone would be fooled by another program
 * already listening on the port (nginx keeps retrying bind() for about 2.5 s
 * before it gives up). Where /proc/net is unreadable this cannot be checked
 * and the answer is true.
 */
export function groupListensOn(pgid: number, ports: readonly number[]): boolean {
  const wanted = ports.map(listeningInodes);
  if (wanted.some((inodes) => inodes === undefined)) return true;
  if (wanted.some((inodes) => inodes!.size === 0)) return false;
  const owned = new Set<string>();
  for (const pid of groupMembers(pgid)) for (const inode of socketInodesOf(pid)) owned.add(inode);
  return wanted.every((inodes) => [...inodes!].some((inode) => owned.has(inode)));
}
