#!/usr/bin/env node
/**
 * `npm run fuzz`: the fuzz and soak script (issue 9, item 12). Fuzzes the
 * pool (uwsgi and HTTP, kernel and master queue) and the proxy with
 * random and mutated requests, then soaks proxy → pool with /hello while
 * sampling RSS and fds; prints a summary and the JSON document, and
 * writes it to `<out>/fuzz.json`. Exit 0 when nothing was found, 1 when
 * something was, 2 for bad flags, 130 on SIGINT (143 on SIGTERM); every
 * process it started is stopped first.
 */
import os from 'node:os';
import { parseFuzzFlags, USAGE, type FuzzFlags } from './fuzz-options.js';
import { runFuzz } from './run-fuzz.js';
import { selectTargets } from './targets.js';
import { runSoak } from './run-soak.js';
import { formatSummary, summarizeRun } from './summarize-run.js';
import { writeSummary } from './write-summary.js';

async function main(flags: FuzzFlags, signal: AbortSignal): Promise<boolean> {
  const startedAt = new Date();
  const t0 = performance.now();
  process.stderr.write(`fuzz: up to ${flags.cases} cases in ${flags.seconds} s, seed ${flags.seed}\n`);
  const fuzz = await runFuzz({
    seed: flags.seed,
    cases: flags.cases,
    seconds: flags.seconds,
    concurrency: flags.concurrency,
    hangMs: flags['hang-ms'],
    workers: flags.workers,
    ...(flags.only !== undefined ? { targets: selectTargets(flags.only) } : {}),
    signal,
    onTarget: (t) => process.stderr.write(`fuzz: ${t.target}: ${t.cases} cases, ${JSON.stringify(t.outcomes)}\n`),
  });
  let soak = null;
  if (flags['soak-requests'] > 0 && !signal.aborted) {
    process.stderr.write(`soak: ${flags['soak-requests']} × GET /hello through proxy → pool, at most ${flags['soak-seconds']} s\n`);
    soak = await runSoak({
      requests: flags['soak-requests'],
      seconds: flags['soak-seconds'],
      connections: flags['soak-connections'],
      workers: flags.workers,
      sampleEveryMs: 1000,
      signal,
    });
  }
  const summary = summarizeRun(flags.seed, startedAt, (performance.now() - t0) / 1000, fuzz, soak);
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  process.stderr.write(`${formatSummary(summary)}\n`);
  const file = await writeSummary(flags.out, summary);
  process.stderr.write(`fuzz: wrote ${file}\n`);
  return summary.ok;
}

let flags: FuzzFlags | 'help';
try {
  flags = parseFuzzFlags(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`caplab fuzz: ${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
  process.exit(2);
}
if (flags === 'help') {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const controller = new AbortController();
let interrupted: NodeJS.Signals | undefined;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (interrupted) return;
    interrupted = sig;
    process.stderr.write(`fuzz: ${sig}, stopping (the cases in flight finish first)\n`);
    controller.abort();
  });
}
main(flags, controller.signal).then(
  (ok) => {
    process.exitCode = interrupted ? 128 + os.constants.signals[interrupted] : ok ? 0 : 1;
  },
  (err: unknown) => {
    process.stderr.write(`caplab fuzz: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = interrupted ? 128 + os.constants.signals[interrupted] : 1;
  },
);
