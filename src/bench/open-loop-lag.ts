import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { runLoad } from '../load/index.js';
import { buildPlan, parseScenario } from '../scenario/index.js';
import { percentile } from './bench-types.js';

/** A minimal `/hello` server for the child process; it exits when its stdin closes (so it never outlives the bench). */
const SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => res.end('hello\\n'));
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

/** The target of the open-loop lag runs: a tiny Node `/hello` server in a child process. */
export interface LagServer {
  readonly baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the tiny `/hello` server the lag is measured against, so the
 * figure is the generator's and not a stack's. It exits when its stdin
 * closes, so it ends with the bench even after kill -9.
 */
export async function startLagServer(): Promise<LagServer> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  return {
    baseUrl: `http://127.0.0.1:${Number(chunk.toString().trim())}`,
    async stop() {
      child.stdin.end();
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** What one constant-rate run showed; ms, and % of one core for the generator. */
export interface OpenLoopLag {
  readonly requests: number;
  readonly errors: number;
  readonly achievedRps: number;
  readonly lagP50Ms: number;
  readonly lagP99Ms: number;
  readonly lagMaxMs: number;
  readonly generatorCpuPct: number;
}

/**
 * One run of caplab's open-loop scheduler: constant arrivals at `rate`/s
 * for `durationS` against `baseUrl`, reporting how late requests left their
 * scheduled time (`sentMs − scheduledMs`, the generator's lag), the
 * throughput achieved and the CPU the generating process used (the
 * scheduler polls the clock for the last 2 ms before each send).
 */
export async function measureOpenLoopLag(baseUrl: string, rate: number, durationS: number): Promise<OpenLoopLag> {
  const plan = buildPlan(parseScenario(`name: open-loop-lag\nload:\n  - open: { rate: ${rate}, arrival: constant, duration: ${durationS}s, path: /hello }\n`), {
    timeScale: 1,
    seed: 1,
  });
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const { records, durationMs } = await runLoad(plan, { baseUrl });
  const cpu = process.cpuUsage(cpuBefore);
  const wall = performance.now() - wallBefore;
  const lag = records.map((r) => r.sentMs - r.scheduledMs);
  const ok = records.filter((r) => r.status === 200).length;
  return {
    requests: records.length,
    errors: records.length - ok,
    achievedRps: (ok * 1000) / Math.max(1, durationMs),
    lagP50Ms: percentile(lag, 50),
    lagP99Ms: percentile(lag, 99),
    lagMaxMs: Math.max(0, ...lag),
    generatorCpuPct: ((cpu.user + cpu.system) / 1000 / wall) * 100,
  };
}
