import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { groupMembers } from './process-group.js';

const LISTEN = '0A';

/**
 * Inodes of the TCP sockets listening on `port` (any address, IPv4 or IPv6),
 * from /proc/net/tcp{,6}; undefined where /proc/net cannot be read.
 */
export function listeningInodes(port: number): Set<string> | undefined {
  const inodes = new Set<string>();
  let readAny = false;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
      readAny = true;
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== LISTEN) continue;
      const localPort = parseInt(fields[1]!.slice(fields[1]!.lastIndexOf(':') + 1), 16);
      if (localPort === port) inodes.add(fields[9]!);
    }
  }
  return readAny ? inodes : undefined;
}

function socketInodesOf(pid: number): Set<string> {
  const inodes = new Set<string>();
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return inodes;
  }
  for (const fd of fds) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // closed while we looked
    }
  }
  return inodes;
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
