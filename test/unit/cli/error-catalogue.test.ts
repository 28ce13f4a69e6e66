import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, listenError } from '../../../src/errors.js';
import { ROOT } from '../../helpers/cli.js';

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sources(full)));
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

describe('the error catalogue', () => {
  it('holds only codes that something raises', async () => {
    const files = (await sources(path.join(ROOT, 'src'))).filter((f) => !f.endsWith(`${path.sep}errors.ts`));
    const text = (await Promise.all(files.map((f) => readFile(f, 'utf8')))).join('\n') + (await readFile(path.join(ROOT, 'src/errors.ts'), 'utf8')).split('export function listenError')[1];
    const unused = Object.keys(ERROR_CODES).filter((code) => !text.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });

  it('is listed in the README', async () => {
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    expect(Object.keys(ERROR_CODES).filter((code) => !readme.includes(`\`${code}\``))).toEqual([]);
  });
});

describe('listenError', () => {
  const err = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`listen ${code}`), { code });

  it('maps a taken port and a privileged port to usage errors (exit 2), anything else to E_STACK_START', () => {
    expect(listenError(err('EADDRINUSE'), 'the proxy', '127.0.0.1', 8080)).toEqual({ code: 'E_PORT_IN_USE', message: 'port 127.0.0.1:8080 is already in use' });
    expect(listenError(err('EACCES'), 'the proxy', '127.0.0.1', 80)).toEqual({ code: 'E_PORT_DENIED', message: 'the proxy may not listen on port 127.0.0.1:80 (EACCES)' });
    expect(listenError(err('EPERM'), 'the proxy', '127.0.0.1', 80).code).toBe('E_PORT_DENIED');
    expect(ERROR_CODES.E_PORT_DENIED.exitCode).toBe(2);
    expect(listenError(err('EADDRNOTAVAIL'), 'the proxy', '10.9.9.9', 80).code).toBe('E_STACK_START');
  });
});
