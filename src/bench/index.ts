import { figuresFromRecord, type Bench, type BenchFigure } from './bench-types.js';
import { modelsBench } from './models-bench.js';
import { simulatorBench } from './simulator-bench.js';

/**
 * `npm run bench`: runs every bench in BENCHES in order, or only those named
 * on the command line (`node dist/bench/index.js simulator models`), and
 * prints their figures. A bench that throws is reported and the others
 * still run; the exit code is then 1. To add a bench, put it in its own
 * file in src/bench/ and list it here (load it with `import()` inside `run`
 * if it pulls in heavy or side-effecting modules).
 */
const BENCHES: readonly Bench[] = [
  simulatorBench,
  modelsBench,
  {
    name: 'open-loop-lag',
    description: 'open-loop scheduler: constant 2,000/s against a loopback /hello server (target: p99 send lag < 1 ms)',
    async run() {
      const { benchOpenLoopLag } = await import('./open-loop-lag.js');
      return figuresFromRecord(await benchOpenLoopLag());
    },
  },
];

function format(f: BenchFigure): string {
  const digits = Number.isInteger(f.value) || Math.abs(f.value) >= 100 ? 0 : Math.abs(f.value) >= 1 ? 2 : 4;
  const value = f.value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return `  ${f.label.padEnd(52)} ${value.padStart(16)} ${f.unit}`.trimEnd();
}

async function main(names: readonly string[]): Promise<number> {
  const unknown = names.filter((name) => !BENCHES.some((b) => b.name === name));
  if (unknown.length > 0) {
    process.stderr.write(`unknown bench ${unknown.join(', ')}; known: ${BENCHES.map((b) => b.name).join(', ')}\n`);
    return 2;
  }
  const chosen = names.length === 0 ? BENCHES : BENCHES.filter((b) => names.includes(b.name));
  process.stdout.write(`caplab bench — node ${process.version}, ${process.platform}/${process.arch}\n`);
  let failed = 0;
  for (const bench of chosen) {
    process.stdout.write(`\n${bench.name}: ${bench.description}\n`);
    try {
      for (const f of await bench.run()) process.stdout.write(`${format(f)}\n`);
    } catch (err) {
      failed++;
      process.stdout.write(`  failed: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
