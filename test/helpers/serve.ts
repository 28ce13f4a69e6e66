import http from 'node:http';
import { startCli, waitFor } from './cli.js';

/** A `caplab serve` child and the addresses it printed. */
export interface Served {
  readonly child: ReturnType<typeof startCli>;
  readonly proxy: string;
  /** The stats address as printed, HOST:PORT. */
  readonly stats: string;
  readonly statsHost: string;
  readonly statsPort: number;
  readonly metrics: string;
  readonly masterPid: number;
  /** Everything serve printed on stdout so far. */
  stdout(): string;
  stderr(): string;
  /** SIGINT, then waits for the exit (nothing when it already exited). */
  stop(): Promise<void>;
}

/** Starts `caplab serve ARGS…` and polls its stdout until it prints its addresses; throws with its output if it exits or takes longer than `timeoutMs`. */
export async function startServe(args: readonly string[], timeoutMs = 30_000): Promise<Served> {
  const child = startCli(['serve', ...args]);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const up = await waitFor(() => out.includes('stop it:') || child.exitCode !== null, timeoutMs);
  if (!up || child.exitCode !== null) throw new Error(`caplab serve did not come up: ${out}${err}`);
  const field = (name: string): string => new RegExp(`^\\s+${name}\\s+(\\S+)`, 'm').exec(out)?.[1] ?? '';
  const [statsHost, statsPort] = field('stats').split(':');
  return {
    child,
    proxy: field('proxy'),
    stats: field('stats'),
    statsHost: statsHost!,
    statsPort: Number(statsPort),
    metrics: field('metrics'),
    masterPid: Number(/master pid (\d+)/.exec(out)?.[1]),
    stdout: () => out,
    stderr: () => err,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** One GET on a fresh connection: status, content type and body as text. */
export function httpGet(url: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
      })
      .on('error', reject);
  });
}
