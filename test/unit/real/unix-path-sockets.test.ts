import { describe, expect, it } from 'vitest';
import { parseUnixPathSockets } from '../../../src/stack/real/index.js';

// /proc/net/unix as Linux prints it (captured from a listener on /tmp/p.sock
// with three connections, one accepted): the listener (St 01), two still
// queued (St 02, inode 0), one accepted (St 03); a client end (no path), a
// socket of another path and one whose path only starts the same do not count.
const TABLE = `Num       RefCount Protocol Flags    Type St Inode Path
00000000024b1c52: 00000002 00000000 00010000 0001 01 16940599 /tmp/p.sock
00000000da74c555: 00000003 00000000 00000000 0001 02     0 /tmp/p.sock
00000000af5d46aa: 00000003 00000000 00000000 0001 02     0 /tmp/p.sock
000000005b917ceb: 00000003 00000000 00000000 0001 03 16940603 /tmp/p.sock
000000005b917cec: 00000003 00000000 00000000 0001 03 16940604
000000005b917ced: 00000003 00000000 00000000 0001 02     0 /tmp/other.sock
000000005b917cee: 00000003 00000000 00000000 0001 03 16940605 /tmp/p.sock2
garbage
`;

describe('parseUnixPathSockets', () => {
  it('counts the queued (connecting) and accepted (connected) rows of the path only', () => {
    expect(parseUnixPathSockets(TABLE, '/tmp/p.sock')).toEqual({ acceptQueue: 2, established: 3 });
  });

  it('gives zeros for a path with no rows', () => {
    expect(parseUnixPathSockets(TABLE, '/tmp/none.sock')).toEqual({ acceptQueue: 0, established: 0 });
  });
});
