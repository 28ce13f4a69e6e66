/**
 * `npm run bench [-- --only NAME[,NAME]… --quick --out DIR]`: measures
 * caplab's own speed on this machine, each figure side by side with the real
 * program it stands in for (nginx, uWSGI, Django) where installed, driven by
 * the same neutral generator (wrk, else autocannon). Writes
 * `reports/bench/bench.json` and `bench.md` and prints the table.
 *
 * Exit codes: 0 when every figure was measured (missed targets are
 * reported, not failed), 1 when one could not be, 2 for bad flags, 130
 * when interrupted (every server started is stopped first).
 */
import { performance } from 'node:perf_hooks';
import { BENCHES } from './benches.js';
import { BenchUsageError, isSelected, parseBenchOptions } from './bench-options.js';
import type { BenchContext, BenchResult } from './bench-types.js';
import { describeMachine } from './describe-machine.js';
import { formatBenchTable } from './format-bench-table.js';
import { chooseLoad } from './choose-load.js';
import { failedResults } from './make-result.js';
import { stopEverything } from './server-set.js';
import { writeBenchReport } from './write-bench-report.js';

async function main(argv: readonly string[]): Promise<number> {
  const options = parseBenchOptions(argv, BENCHES.flatMap((b) => b.names));
  const startedAt = new Date().toISOString();
  const began = performance.now();
  const machine = describeMachine();
  const load = await chooseLoad();
  const ctx: BenchContext = {
    load,
    quick: options.quick,
    reps: options.quick ? 1 : 3,
    durationS: options.quick ? 3 : 10,
    latencyDurationS: options.quick ? 2 : 5,
    log: (line) => process.stderr.write(`${line}\n`),
  };
  ctx.log(`caplab bench${options.quick ? ' --quick' : ''}: ${machine.cpus} cores, node ${machine.node}, generator ${load.name} ${load.version}`);
  const results: BenchResult[] = [];
  for (const bench of BENCHES.filter((b) => b.names.some((name) => isSelected(options.only, name)))) {
    ctx.log(`\n${bench.names.join(', ')}`);
    try {
      results.push(...(await bench.run(ctx)));
    } catch (err) {
      results.push(...failedResults(bench.names.map((name) => ({ name, unit: '' })), err));
    }
  }
  const report = { machine, generator: { name: load.name, version: load.version, note: load.note }, quick: options.quick, startedAt, durationS: (performance.now() - began) / 1000, results };
  const written = await writeBenchReport(options.outDir, report);
  process.stdout.write(`\n${formatBenchTable(results)}\n\nwrote ${written.json} and ${written.md} (${report.durationS.toFixed(0)} s)\n`);
  const failed = results.filter((r) => r.value === null);
  for (const r of failed) process.stderr.write(`not measured: ${r.name}: ${r.error ?? 'no value'}\n`);
  return failed.length > 0 ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\nbench: ${signal}, stopping every server it started\n`);
    void stopEverything().finally(() => process.exit(130));
  });
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = err instanceof BenchUsageError ? 2 : 1;
}
