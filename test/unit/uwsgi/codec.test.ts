import { describe, expect, it } from 'vitest';
import { decodeHeader, decodeRequest, decodeVars, encodeRequest, UwsgiPacketError } from '../../../src/uwsgi/index.js';

/** One var as nginx writes it: u16 LE key length, key, u16 LE value length, value. */
function rawVar(key: string, value: string): number[] {
  const k = [...Buffer.from(key, 'latin1')];
  const v = [...Buffer.from(value, 'latin1')];
  return [k.length & 0xff, k.length >> 8, ...k, v.length & 0xff, v.length >> 8, ...v];
}

function packet(vars: number[], body = '', datasize = vars.length): Buffer {
  return Buffer.from([0, datasize & 0xff, datasize >> 8, 0, ...vars, ...Buffer.from(body)]);
}

function refusal(fn: () => unknown): UwsgiPacketError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UwsgiPacketError);
    return err as UwsgiPacketError;
  }
  throw new Error('expected a UwsgiPacketError');
}

const VARS = [
  ...rawVar('REQUEST_METHOD', 'POST'),
  ...rawVar('PATH_INFO', '/sleep'),
  ...rawVar('QUERY_STRING', 'ms=10'),
  ...rawVar('CONTENT_LENGTH', '5'),
  ...rawVar('HTTP_X_REQUEST_START', 't=1700000000000000'),
];

describe('uwsgi codec, hand-built packets', () => {
  it('decodes a valid packet: header, every var, and the body', () => {
    const bytes = packet(VARS, 'hello');
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0, VARS.length & 0xff, VARS.length >> 8, 0]));
    const { request, body } = decodeRequest(bytes);
    expect(request.modifier1).toBe(0);
    expect(request.modifier2).toBe(0);
    expect(request.datasize).toBe(VARS.length);
    expect(request.vars).toEqual({
      REQUEST_METHOD: 'POST',
      PATH_INFO: '/sleep',
      QUERY_STRING: 'ms=10',
      CONTENT_LENGTH: '5',
      HTTP_X_REQUEST_START: 't=1700000000000000',
    });
    expect(body.toString()).toBe('hello');
  });

  it('encodes the same bytes nginx would write', () => {
    const encoded = encodeRequest(
      [
        ['REQUEST_METHOD', 'POST'],
        ['PATH_INFO', '/sleep'],
        ['QUERY_STRING', 'ms=10'],
        ['CONTENT_LENGTH', '5'],
        ['HTTP_X_REQUEST_START', 't=1700000000000000'],
      ],
      Buffer.from('hello'),
    );
    expect(encoded).toEqual(packet(VARS, 'hello'));
  });

  it('refuses a truncated header', () => {
    const err = refusal(() => decodeHeader(Buffer.from([0, 10])));
    expect(err.reason).toBe('truncated-header');
    expect(err.message).toMatch(/2 of 4 bytes/);
    expect(refusal(() => decodeRequest(Buffer.from([0, 10, 0]))).reason).toBe('truncated-header');
  });

  it('refuses a datasize running past the end of the data', () => {
    const err = refusal(() => decodeRequest(packet(rawVar('A', 'b'), '', 200)));
    expect(err.reason).toBe('datasize-overrun');
    expect(err.message).toMatch(/datasize 200/);
  });

  it('refuses a var whose value runs past the end of the vars block', () => {
    const vars = rawVar('PATH_INFO', '/hello');
    vars[2 + 'PATH_INFO'.length] = 50; // value length 50, only 6 bytes follow
    expect(refusal(() => decodeVars(Buffer.from(vars))).reason).toBe('datasize-overrun');
  });

  it('refuses a zero-length key, in decoding and in encoding', () => {
    const err = refusal(() => decodeVars(Buffer.from(rawVar('', 'x'))));
    expect(err.reason).toBe('empty-key');
    expect(refusal(() => encodeRequest({ '': 'x' })).reason).toBe('empty-key');
  });

  it('refuses to encode a vars block over 64 KiB', () => {
    const big = 'v'.repeat(40_000);
    const err = refusal(() => encodeRequest({ A: big, B: big }));
    expect(err.reason).toBe('vars-too-large');
    expect(encodeRequest({ A: big }).length).toBe(4 + 2 + 1 + 2 + 40_000);
  });

  it('accepts a value of length 0', () => {
    const { request } = decodeRequest(packet([...rawVar('QUERY_STRING', ''), ...rawVar('PATH_INFO', '/')]));
    expect(request.vars).toEqual({ QUERY_STRING: '', PATH_INFO: '/' });
  });
});
