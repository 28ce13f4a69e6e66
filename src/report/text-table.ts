/** Column alignment in a text table. */
export type Align = 'left' | 'right';

/**
 * Lays out rows as a plain-text table with a header row, columns
 * separated by two spaces, and no trailing spaces. `align` defaults to
 * left for the first column and right for the rest (numbers).
 */
export function formatTextTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[] = headers.map((_, i) => (i === 0 ? 'left' : 'right')),
): string {
  const width = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (align[i] === 'right' ? c.padStart(width[i]!) : c.padEnd(width[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}
