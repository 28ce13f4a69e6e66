import { describe, expect, it } from 'vitest';
import { describeError } from '../../../src/load/send-request.js';

describe('describeError', () => {
  it('gives short, stable names', () => {
    expect(describeError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
    expect(describeError(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }))).toBe('socket closed');
    expect(describeError(Object.assign(new Error('x'), { code: 'UND_ERR_CONNECT_TIMEOUT' }))).toBe('connect timeout');
    expect(describeError(new Error('weird'))).toBe('weird');
  });
});
