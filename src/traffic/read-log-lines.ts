import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CaplabError } from '../errors.js';

/** True when the file starts with gzip's magic bytes (whatever its name). */
async function isGzip(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new CaplabError('E_LOG_INVALID', `${file}: cannot read the log (${code === 'ENOENT' ? 'no such file' : code})`, { cause: err });
  }
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * The lines of one log file, streamed (gzip when the file starts with
 * gzip's magic bytes, `.gz` or not), without the line ends. Memory stays
 * at one chunk whatever the file's size. A corrupt gzip stream is
 * E_LOG_INVALID naming the file.
 */
export async function* readLogLines(file: string): AsyncGenerator<string> {
  const gz = await isGzip(file);
  const raw = createReadStream(file, { highWaterMark: 256 * 1024 });
  const input: Readable = gz ? raw.pipe(createGunzip()) : raw;
  let failure: Error | null = null;
  const onError = (err: Error): void => {
    failure = err;
    input.destroy();
  };
  raw.on('error', onError);
  input.on('error', onError);
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (failure) break;
      yield line;
    }
  } catch (err) {
    failure ??= err as Error;
  } finally {
    lines.close();
    raw.destroy();
    input.destroy();
  }
  if (failure) {
    throw new CaplabError('E_LOG_INVALID', `${file}: cannot read the log (${gz ? 'gzip: ' : ''}${(failure as Error).message})`, { cause: failure });
  }
}
