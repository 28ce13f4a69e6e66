import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { runLoad } from '../load/index.js';
import { buildPlan, parseScenario } from '../scenario/index.js';

/** The target is a p99 lag under 1 ms at 2,000/s; lower rates show where the scheduler holds. */
const RATES = [500, 1000, 2000] as const;
const DURATION_S = 3;

/** A minimal `/hello` server for the child process; it exits when its stdin closes (so it never outlives the bench). */
const SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => res.end('hello\\n'));
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Measures caplab's open-loop scheduler: constant arrivals at each of RATES for 3 s
 * against a tiny loopback `/hello` server in a child process, and reports
 * how late requests left their scheduled time (`sentMs - scheduledMs`,
 * the generator's lag), their latency from the scheduled time, the
 * throughput achieved and the CPU the generating process used (% of one
 * core; the scheduler polls the clock for the last 2 ms before each send).
 * Starts and stops its own server. There is no separate warm-up: the
 * first rate measured (500/s) pays for JIT compilation and new connections,
 * as the start of a real run does; the later rates run warm.
 */
export async function benchOpenLoopLag(): Promise<Record<string, number>> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
    const port = Number(chunk.toString().trim());
    const figures: Record<string, number> = {};
    for (const rate of RATES) {
      for (const [k, v] of Object.entries(await measureAt(port, rate))) figures[`${rate}/s ${k}`] = v;
    }
    return figures;
  } finally {
    child.stdin.end();
    if (child.exitCode === null) {
      const exited = once(child, 'exit');
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    }
  }
}

/** One constant-rate run against the server on `port`. */
async function measureAt(port: number, rate: number): Promise<Record<string, number>> {
  const plan = buildPlan(parseScenario(`name: open-loop-lag\nload:\n  - open: { rate: ${rate}, arrival: constant, duration: ${DURATION_S}s, path: /hello }\n`), {
    timeScale: 1,
    seed: 1,
  });
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const { records, durationMs } = await runLoad(plan, { baseUrl: `http://127.0.0.1:${port}` });
  const cpu = process.cpuUsage(cpuBefore);
  const wall = performance.now() - wallBefore;
  const lag = records.map((r) => r.sentMs - r.scheduledMs).sort((a, b) => a - b);
  const latency = records.map((r) => r.latencyMs).sort((a, b) => a - b);
  const ok = records.filter((r) => r.status === 200).length;
  return {
    offeredRps: rate,
    requests: records.length,
    errors: records.length - ok,
    achievedRps: round3((ok * 1000) / Math.max(1, durationMs)),
    lagP50Ms: round3(percentile(lag, 50)),
    lagP99Ms: round3(percentile(lag, 99)),
    lagMaxMs: round3(lag.at(-1) ?? 0),
    latencyP50Ms: round3(percentile(latency, 50)),
    latencyP99Ms: round3(percentile(latency, 99)),
    generatorCpuPct: round3(((cpu.user + cpu.system) / 1000 / wall) * 100),
  };
}
