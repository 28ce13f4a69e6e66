import { describe, expect, it } from 'vitest';
import { parsePortSockets } from '../../../src/stack/real/index.js';

// /proc/net/tcp as Linux prints it: port 0x8465 = 33893 listens with 2
// connections in its accept queue (rx_queue of the LISTEN line) and 3
// established connections (2 of them still queued); another port's lines
// and a client socket whose *remote* port is 33893 do not count.
const TABLE = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:8465 00000000:0000 0A 0000000A:00000002 00:00000000 00000000     0        0 125373 2 0 100 0 0 10 0
   1: 00000000:07E8 00000000:0000 0A 00000000:00000005 00:00000000 00000000     0        0 1165 1 0 100 0 0 10 0
   2: 0100007F:8465 0100007F:C001 01 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0
   3: 0100007F:8465 0100007F:C002 01 00000000:00000000 00:00000000 00000000     0        0 2 1 0 100 0 0 10 0
   4: 0100007F:8465 0100007F:C003 01 00000000:00000000 00:00000000 00000000     0        0 3 1 0 100 0 0 10 0
   5: 0100007F:8465 0100007F:C004 06 00000000:00000000 00:00000000 00000000     0        0 0 1 0 100 0 0 10 0
   6: 0100007F:C005 0100007F:8465 01 00000000:00000000 00:00000000 00000000     0        0 4 1 0 100 0 0 10 0
   garbage
`;

describe('parsePortSockets', () => {
  it("reads the LISTEN socket's accept queue and counts ESTABLISHED sockets on the local port only", () => {
    expect(parsePortSockets(TABLE, 0x8465)).toEqual({ acceptQueue: 2, established: 3 });
    expect(parsePortSockets(TABLE, 0x07e8)).toEqual({ acceptQueue: 5, established: 0 });
    expect(parsePortSockets(TABLE, 1)).toEqual({ acceptQueue: 0, established: 0 });
  });
});
