import { describe, expect, it } from 'vitest';
import { parseTcpTable } from '../../../src/process/index.js';

// Two rows of a real /proc/net/tcp: gunicorn listening on 127.0.0.1:41325 with 2 connections
// in its accept queue, and one connection a worker accepted.
const TABLE = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:A16D 00000000:0000 0A 00000000:00000002 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0
   1: 0100007F:A16D 0100007F:D3C2 01 00000000:00000000 00:00000000 00000000     0        0 4343 1 0000000000000000 20 4 30 10 -1
   2: garbage
`;

describe('parseTcpTable', () => {
  it("reads each row's local port, state, accept queue (a LISTEN row's rx_queue) and inode", () => {
    expect(parseTcpTable(TABLE)).toEqual([
      { localPort: 41325, state: '0A', rxQueue: 2, inode: '4242' },
      { localPort: 41325, state: '01', rxQueue: 0, inode: '4343' },
    ]);
  });
});
