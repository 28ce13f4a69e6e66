import type { FuzzSummary, SoakReport } from './fuzz-summary.js';
import type { FuzzResult } from './run-fuzz.js';

/** Builds fuzz.json's document from the two parts' results (pure). */
export function summarizeRun(seed: number, startedAt: Date, seconds: number, fuzz: FuzzResult, soak: SoakReport | null): FuzzSummary {
  const ok =
    fuzz.crashes.length === 0 &&
    fuzz.hangCount === 0 &&
    fuzz.wrongCount === 0 &&
    fuzz.unansweredCount === 0 &&
    (soak === null || (soak.failed === 0 && soak.respawns === 0 && soak.dead.length === 0));
  return {
    schema: 'caplab.fuzz/1',
    seed,
    startedAt: startedAt.toISOString(),
    seconds: Math.round(seconds * 10) / 10,
    fuzz: {
      cases: fuzz.cases,
      crashes: fuzz.crashes.length,
      hangs: fuzz.hangCount,
      wrong: fuzz.wrongCount,
      unanswered: fuzz.unansweredCount,
      targets: fuzz.targets,
      crashList: fuzz.crashes,
      hangSamples: fuzz.hangs,
      wrongSamples: fuzz.wrong,
      unansweredSamples: fuzz.unanswered,
    },
    soak,
    ok,
  };
}

/** A few lines for the terminal: the figures a reader wants first. */
export function formatSummary(s: FuzzSummary): string {
  const lines = [
    `fuzz: ${s.fuzz.cases} cases, ${s.fuzz.crashes} crashes, ${s.fuzz.hangs} hangs, ${s.fuzz.wrong} wrong answers, ${s.fuzz.unanswered} valid requests unanswered`,
    ...s.fuzz.targets.map((t) => `  ${t.target}: ${t.cases} cases; ${Object.entries(t.outcomes).map(([k, v]) => `${k} ${v}`).join(', ')}; respawns ${t.respawns}`),
  ];
  if (s.soak) {
    lines.push(`soak: ${s.soak.requests} requests in ${s.soak.seconds} s (${s.soak.requestsPerSecond}/s), ${s.soak.failed} failed, ${s.soak.respawns} respawns`);
    for (const p of s.soak.processes) {
      lines.push(`  ${p.role} (pid ${p.pid}): RSS ${p.rssKiB.start} → ${p.rssKiB.end} KiB (max ${p.rssKiB.max}), fds ${p.fds.start} → ${p.fds.end} (max ${p.fds.max})`);
    }
  }
  lines.push(s.ok ? 'fuzz: OK' : 'fuzz: PROBLEMS FOUND (see the JSON)');
  return lines.join('\n');
}
