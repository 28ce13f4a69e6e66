import { describe, expect, it } from 'vitest';
import { utf8FileName } from '../../../src/proxy/utf8-file-name.js';

const latin1 = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');

describe('utf8FileName', () => {
  it('leaves ASCII names alone', () => {
    expect(utf8FileName('css/site.css')).toBe('css/site.css');
  });
  it('reads the bytes of a decoded path as UTF-8', () => {
    expect(utf8FileName(latin1('café.txt'))).toBe('café.txt');
    expect(utf8FileName(latin1('日本/語.txt'))).toBe('日本/語.txt');
  });
  it('refuses bytes that are not UTF-8', () => {
    expect(utf8FileName('caf\u00e9.txt')).toBeNull(); // a lone 0xE9 byte
    expect(utf8FileName('\u00ff\u00fe')).toBeNull();
  });
});
