import path from 'node:path';

/**
 * The folder a run writes to: `--out` if given, else
 * `reports/<name>-<YYYYMMDD-HHMMSS>` under the current directory.
 */
export function reportDir(name: string, out: string | undefined, now = new Date()): string {
  if (out) return path.resolve(out);
  const p = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return path.resolve('reports', `${name}-${stamp}`);
}
