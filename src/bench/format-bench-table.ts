import type { BenchReport, BenchResult } from './bench-types.js';

const DIGITS: Readonly<Record<string, number>> = { 'req/s': 0, 'events/s': 0, ms: 3, MiB: 1, s: 2 };

function formatNumber(x: number | null, unit: string): string {
  if (x === null) return '—';
  const digits = DIGITS[unit] ?? 3;
  return x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

const cell = (text: string): string => text.replace(/\|/g, '\\|');

function row(r: BenchResult): string {
  const met = r.met === null ? '—' : r.met ? 'yes' : '**no**';
  const ratio = r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`;
  return `| ${[r.name, formatNumber(r.value, r.unit), r.unit, r.peer ?? '—', formatNumber(r.peerValue, r.unit), ratio, r.target ?? '—', met].map(cell).join(' | ')} |`;
}

/** The results as a markdown table: name, value, unit, peer, peer value, ratio, target, met. */
export function formatBenchTable(results: readonly BenchResult[]): string {
  return [
    '| name | value | unit | peer | peer value | ratio | target | met |',
    '|---|---:|---|---|---:|---:|---|---|',
    ...results.map(row),
  ].join('\n');
}

/**
 * bench.md: the machine and generator, the table, how each figure was
 * measured, and every figure that could not be (with why).
 */
export function formatBenchMarkdown(report: BenchReport): string {
  const m = report.machine as Record<string, unknown>;
  const problems = report.results.flatMap((r) => [
    ...(r.error ? [`- \`${r.name}\`: ${r.error}`] : []),
    ...(r.peerError ? [`- \`${r.name}\` peer: ${r.peerError}`] : []),
  ]);
  return [
    `# caplab bench${report.quick ? ' (--quick)' : ''}`,
    '',
    `Run ${report.startedAt}, ${report.durationS.toFixed(0)} s. Machine: ${m.cpus} cores (${m.cpuModel}), ${String(m.memoryMiB)} MiB, ${String(m.os)}, Node ${m.node}, load average at start ${JSON.stringify(m.loadAverage)}.`,
    `Real programs: ${JSON.stringify(m.programs)}.`,
    `Generator: ${report.generator.name} ${report.generator.version} (${report.generator.note}); it shares the machine's cores with the servers.`,
    '',
    formatBenchTable(report.results),
    '',
    '## How each figure was measured',
    '',
    ...report.results.filter((r) => r.how).map((r) => `- \`${r.name}\`: ${r.how}`),
    ...(problems.length > 0 ? ['', '## Not measured', '', ...problems] : []),
    '',
  ].join('\n');
}
