import { describe, expect, it } from 'vitest';
import { decodeRequest, encodeRequest, encodeUwsgiPacket } from '../../../src/uwsgi/index.js';

const vars: Array<[string, string]> = [
  ['QUERY_STRING', 'a=1'],
  ['REQUEST_METHOD', 'POST'],
  ['CONTENT_TYPE', ''],
  ['PATH_INFO', '/caf\xc3\xa9'],
  ['HTTP_X_NAME', 'caf\xe9'],
];

describe('encodeUwsgiPacket', () => {
  it("builds the same bytes as the pool's encodeRequest, with and without a body", () => {
    const body = Buffer.from('{"n":42}');
    expect(encodeUwsgiPacket(vars, body)!.equals(encodeRequest(vars, body))).toBe(true);
    expect(encodeUwsgiPacket(vars, Buffer.alloc(0))!.equals(encodeRequest(vars))).toBe(true);
    const { request, body: decodedBody } = decodeRequest(encodeUwsgiPacket(vars, body)!);
    expect(request.vars).toEqual(Object.fromEntries(vars));
    expect(decodedBody.toString()).toBe('{"n":42}');
  });

  it('returns null for a value over 65535 bytes or a vars block over 65535 bytes', () => {
    expect(encodeUwsgiPacket([['HTTP_X_BIG', 'a'.repeat(0x10000)]], Buffer.alloc(0))).toBeNull();
    const many = Array.from({ length: 20 }, (_, i): [string, string] => [`HTTP_X_${i}`, 'b'.repeat(4000)]);
    expect(encodeUwsgiPacket(many, Buffer.alloc(0))).toBeNull();
    expect(encodeUwsgiPacket(many.slice(0, 10), Buffer.alloc(0))).not.toBeNull();
  });
});
