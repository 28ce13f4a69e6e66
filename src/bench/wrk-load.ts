import { spawn, spawnSync } from 'node:child_process';
import { checkFigures, type HttpLoad, type LoadShape } from './http-load.js';
import { parseWrk } from './parse-wrk.js';

/** Debian's wrk (package `wrk`). */
export const WRK = '/usr/bin/wrk';

/** wrk's version line (`wrk debian/4.1.0-3 [epoll] …`), or null where it is not installed. */
export function wrkVersion(): string | null {
  const probe = spawnSync(WRK, ['-v'], { encoding: 'utf8', timeout: 5000 });
  const line = `${probe.stdout ?? ''}${probe.stderr ?? ''}`.split('\n')[0] ?? '';
  return probe.error || !line.startsWith('wrk') ? null : line.replace(/\s+Copyright.*$/, '').trim();
}

function runWrk(url: string, shape: LoadShape): Promise<string> {
  const args = ['-t1', `-c${shape.connections}`, `-d${shape.durationS}s`, '--latency', url];
  return new Promise((resolve, reject) => {
    const child = spawn(WRK, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    // wrk stops by itself; this only guards against a hung wrk.
    const timer = setTimeout(() => child.kill('SIGKILL'), (shape.durationS + 20) * 1000);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`wrk could not start: ${err.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`wrk ${args.join(' ')} exited (${signal ?? code}): ${out.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}

/** wrk with one thread (`wrk -t1 -cN -dSs --latency URL`), as the figures were measured. */
export function createWrkLoad(version: string): HttpLoad {
  return {
    name: 'wrk',
    version,
    note: 'wrk -t1 -c<connections> -d<seconds>s --latency <url>',
    async run(url, shape) {
      return checkFigures(url, parseWrk(await runWrk(url, shape)));
    },
  };
}
