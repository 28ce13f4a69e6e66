import { describe, expect, it } from 'vitest';
import { CASE_MIX, makeCase, mutate } from '../../../src/fuzz/index.js';
import { HttpRequestReader, UwsgiPacketReader, type RequestReader } from '../../../src/pool/index.js';
import { createRng } from '../../../src/random/index.js';

const reader = (protocol: 'uwsgi' | 'http'): RequestReader =>
  protocol === 'uwsgi' ? new UwsgiPacketReader() : new HttpRequestReader({ remoteAddress: '127.0.0.1', remotePort: 1, localAddress: '127.0.0.1', localPort: 2 });

describe('makeCase', () => {
  it('rebuilds the same bytes from the same seed, protocol and id, and other bytes from another seed', () => {
    for (const protocol of ['uwsgi', 'http'] as const) {
      for (let id = 0; id < 50; id += 1) expect(makeCase(7, protocol, id)).toEqual(makeCase(7, protocol, id));
      const a = Array.from({ length: 50 }, (_, id) => makeCase(7, protocol, id).bytes.toString('hex'));
      const b = Array.from({ length: 50 }, (_, id) => makeCase(8, protocol, id).bytes.toString('hex'));
      expect(a.filter((x, i) => x === b[i]).length).toBeLessThan(5);
    }
  });

  it('draws valid, mutated and random cases in about the planned mix', () => {
    const counts = { valid: 0, mutated: 0, random: 0 };
    for (let id = 0; id < 2000; id += 1) counts[makeCase(1, 'http', id).origin] += 1;
    expect(counts.valid / 2000).toBeCloseTo(CASE_MIX.valid, 1);
    expect(counts.mutated / 2000).toBeCloseTo(CASE_MIX.mutated, 1);
    expect(counts.random / 2000).toBeCloseTo(CASE_MIX.random, 1);
  });

  it.each(['uwsgi', 'http'] as const)("makes valid %s cases that the pool's own reader reads as one whole request", (protocol) => {
    let checked = 0;
    for (let id = 0; id < 400; id += 1) {
      const c = makeCase(3, protocol, id);
      if (c.origin !== 'valid') {
        expect(c.finish).toBe('end');
        continue;
      }
      const where = `case ${id}: ${JSON.stringify(c.bytes.toString('latin1').slice(0, 80))}`;
      if (c.bytes.includes('Transfer-Encoding: chunked')) {
        // valid HTTP, which the pool's http-socket refuses by design (411), as uWSGI's does without chunked input
        expect(() => reader(protocol).push(c.bytes), where).toThrow(expect.objectContaining({ reason: 'length-required' }));
        continue;
      }
      expect(reader(protocol).push(c.bytes), where).not.toBeNull();
      checked += 1;
    }
    expect(checked).toBeGreaterThan(50);
  });
});

describe('mutate', () => {
  it('is deterministic, leaves its input alone, and changes the bytes', () => {
    const input = Buffer.from('GET /hello HTTP/1.1\r\nHost: x\r\n\r\n', 'latin1');
    const copy = Buffer.from(input);
    let changed = 0;
    for (let seed = 0; seed < 200; seed += 1) {
      const out = mutate(createRng(seed), input, 'http');
      expect(out).toEqual(mutate(createRng(seed), input, 'http'));
      if (!out.equals(input)) changed += 1;
    }
    expect(input).toEqual(copy);
    expect(changed).toBeGreaterThan(180);
  });
});
