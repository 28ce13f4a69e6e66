import type { FuzzCase } from './fuzz-case.js';

const UWSGI_HEAD = Buffer.from('\x0e\x00REQUEST_METHOD\x04\x00HEAD', 'latin1');

/** Whether the case's bytes ask for HEAD (so the answer carries no body). */
export function isHead(c: FuzzCase): boolean {
  return c.protocol === 'http' ? c.bytes.subarray(0, 5).toString('latin1') === 'HEAD ' : c.bytes.includes(UWSGI_HEAD);
}
