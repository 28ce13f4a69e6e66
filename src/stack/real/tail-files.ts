import { readFileSync } from 'node:fs';

/**
 * The last `lines` distinct non-empty lines of the files that exist, oldest
 * first, joined with ' | ' for a one-line error message. A line repeated
 * back to back (nginx retries bind() five times) is shown once, with
 * "(N times)". Reads at most the last 16 KiB of each file.
 */
export function tailFiles(paths: readonly string[], lines = 6): string {
  const out: { text: string; count: number }[] = [];
  for (const path of new Set(paths)) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8').slice(-16_384);
    } catch {
      continue;
    }
    for (const line of text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0)) {
      const last = out[out.length - 1];
      if (last?.text === line) last.count += 1;
      else out.push({ text: line, count: 1 });
    }
  }
  return out
    .slice(-lines)
    .map(({ text, count }) => (count > 1 ? `${text} (${count} times)` : text))
    .join(' | ');
}
