import { describe, expect, it } from 'vitest';
import { RequestRefused, UwsgiPacketReader, type ParsedRequest } from '../../../src/pool/index.js';
import { encodeRequest } from '../../../src/uwsgi/index.js';

function refusal(fn: () => unknown): RequestRefused {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(RequestRefused);
    return err as RequestRefused;
  }
  throw new Error('expected a RequestRefused');
}

const BODY = Buffer.from('{"name":"caplab"}');
const PACKET = encodeRequest(
  { REQUEST_METHOD: 'POST', PATH_INFO: '/hello', QUERY_STRING: '', CONTENT_LENGTH: String(BODY.length), CONTENT_TYPE: 'application/json' },
  BODY,
);

describe('UwsgiPacketReader', () => {
  it('reads a packet fed one byte at a time, completing on exactly the last byte', () => {
    const reader = new UwsgiPacketReader();
    let result: ParsedRequest | null = null;
    for (let i = 0; i < PACKET.length; i += 1) {
      result = reader.push(PACKET.subarray(i, i + 1));
      if (i < PACKET.length - 1) expect(result).toBeNull();
    }
    expect(result).not.toBeNull();
    expect(result!.environ).toEqual({
      REQUEST_METHOD: 'POST',
      PATH_INFO: '/hello',
      QUERY_STRING: '',
      CONTENT_LENGTH: String(BODY.length),
      CONTENT_TYPE: 'application/json',
    });
    expect(result!.body.equals(BODY)).toBe(true);
    expect(reader.received).toBe(PACKET.length);
    expect(() => reader.end()).not.toThrow();
  });

  it('reads a packet in one chunk and ignores bytes after it', () => {
    const reader = new UwsgiPacketReader();
    const result = reader.push(Buffer.concat([PACKET, Buffer.from('trailing garbage')]));
    expect(result?.body.toString()).toBe(BODY.toString());
    expect(reader.push(Buffer.from('more'))).toBeNull();
  });

  it('reads a packet with no CONTENT_LENGTH as having no body', () => {
    const result = new UwsgiPacketReader().push(encodeRequest({ PATH_INFO: '/hello' }));
    expect(result?.environ.PATH_INFO).toBe('/hello');
    expect(result?.body.length).toBe(0);
  });

  it('treats EOF with nothing received as no request, not a malformed one', () => {
    expect(() => new UwsgiPacketReader().end()).not.toThrow();
  });

  it('refuses EOF inside the header', () => {
    const reader = new UwsgiPacketReader();
    expect(reader.push(PACKET.subarray(0, 3))).toBeNull();
    const err = refusal(() => reader.end());
    expect([err.reason, err.status]).toEqual(['truncated-header', 400]);
  });

  it('refuses EOF before datasize bytes of vars', () => {
    const reader = new UwsgiPacketReader();
    expect(reader.push(PACKET.subarray(0, 20))).toBeNull();
    const err = refusal(() => reader.end());
    expect(err.reason).toBe('datasize-overrun');
    expect(err.message).toMatch(/runs past the end/);
  });

  it('refuses EOF before CONTENT_LENGTH bytes of body', () => {
    const reader = new UwsgiPacketReader();
    expect(reader.push(PACKET.subarray(0, PACKET.length - 3))).toBeNull();
    expect(refusal(() => reader.end()).reason).toBe('truncated-body');
  });

  it('refuses a zero-length key as soon as the vars block is complete', () => {
    const vars = Buffer.from([0, 0, 1, 0, 0x78]);
    const bytes = Buffer.concat([Buffer.from([0, vars.length, 0, 0]), vars]);
    const err = refusal(() => new UwsgiPacketReader().push(bytes));
    expect([err.reason, err.status]).toEqual(['empty-key', 400]);
  });

  it('refuses a CONTENT_LENGTH that is not a number, and one over 64 MiB with 413', () => {
    expect(refusal(() => new UwsgiPacketReader().push(encodeRequest({ CONTENT_LENGTH: '-1' }))).reason).toBe('bad-content-length');
    const big = refusal(() => new UwsgiPacketReader().push(encodeRequest({ CONTENT_LENGTH: String(2 ** 30) })));
    expect([big.reason, big.status]).toEqual(['body-too-large', 413]);
  });
});
