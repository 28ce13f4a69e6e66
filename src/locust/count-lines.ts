import { open } from 'node:fs/promises';

/**
 * Counts the lines of growing files cheaply: each call reads only what was
 * appended since the last one. For the progress bar of a Locust run, whose
 * workers append one line per request to their own files.
 */
export function createLineCounter(files: readonly string[]): () => Promise<number> {
  const offsets = new Map<string, number>();
  let lines = 0;
  return async () => {
    for (const file of files) {
      let handle;
      try {
        handle = await open(file, 'r');
      } catch {
        continue; // not written yet
      }
      try {
        const buffer = Buffer.alloc(64 * 1024);
        for (;;) {
          const at = offsets.get(file) ?? 0;
          const { bytesRead } = await handle.read(buffer, 0, buffer.length, at);
          if (bytesRead === 0) break;
          for (let i = 0; i < bytesRead; i += 1) if (buffer[i] === 10) lines += 1;
          offsets.set(file, at + bytesRead);
        }
      } finally {
        await handle.close();
      }
    }
    return lines;
  };
}
