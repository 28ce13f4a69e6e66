import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNetstat, readListenCounters } from '../../../src/stack/index.js';

const FIXTURES = path.resolve('test/fixtures/netstat');
const fixture = (name: string): Promise<string> => readFile(path.join(FIXTURES, name), 'utf8');

describe('parseNetstat', () => {
  it('finds ListenOverflows and ListenDrops by name in the TcpExt header/value pair', async () => {
    expect(parseNetstat(await fixture('linux.txt'))).toEqual({ listenOverflows: 17, listenDrops: 21 });
  });

  it('does not depend on the order of the pairs', async () => {
    expect(parseNetstat(await fixture('ipext-first.txt'))).toEqual({ listenOverflows: 17, listenDrops: 21 });
  });

  it('is null when a counter is missing, the values do not line up, or the text is not netstat', async () => {
    expect(parseNetstat(await fixture('no-listen-drops.txt'))).toBeNull();
    expect(parseNetstat('TcpExt: ListenOverflows ListenDrops\nTcpExt: 3\n')).toBeNull();
    expect(parseNetstat('TcpExt: ListenOverflows ListenDrops\nTcpExt: 3 x\n')).toBeNull();
    expect(parseNetstat('')).toBeNull();
    expect(parseNetstat('hello\nworld\n')).toBeNull();
  });

  it('reads a minimal pair', () => {
    expect(parseNetstat('TcpExt: A ListenOverflows ListenDrops\nTcpExt: 9 4 5\n')).toEqual({ listenOverflows: 4, listenDrops: 5 });
  });
});

describe('readListenCounters', () => {
  it('reads a file, and resolves null where the file cannot be read', async () => {
    expect(await readListenCounters(path.join(FIXTURES, 'linux.txt'))).toEqual({ listenOverflows: 17, listenDrops: 21 });
    expect(await readListenCounters(path.join(FIXTURES, 'no-such-file'))).toBeNull();
  });
});
