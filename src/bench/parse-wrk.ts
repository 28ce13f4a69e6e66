import type { LoadFigures } from './http-load.js';

const UNIT_MS: Readonly<Record<string, number>> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function durationMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m|h)$/.exec(text);
  if (!match) throw new Error(`wrk: cannot read the duration ${JSON.stringify(text)}`);
  return Number(match[1]) * (UNIT_MS[match[2] as string] as number);
}

function count(text: string): number {
  const match = /^([\d.]+)([kMG]?)$/.exec(text);
  if (!match) throw new Error(`wrk: cannot read the count ${JSON.stringify(text)}`);
  return Number(match[1]) * ({ '': 1, k: 1e3, M: 1e6, G: 1e9 }[match[2] as string] as number);
}

/**
 * Reads the figures from wrk 4's output with `--latency`: `Requests/sec`,
 * the 50 % and 99 % lines of the latency distribution, the request count,
 * and the errors: `Non-2xx or 3xx responses` plus the connect, write and
 * timeout socket errors. wrk also counts a `read` error for every
 * connection the server closes, which is how a close-delimited response
 * ends (uWSGI's http-socket sends no Content-Length), so read errors count
 * only beyond one per request. Throws, quoting the output, when a figure
 * is missing.
 */
export function parseWrk(output: string): LoadFigures {
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(output);
  const p50 = /^\s+50%\s+(\S+)/m.exec(output);
  const p99 = /^\s+99%\s+(\S+)/m.exec(output);
  const requests = /^\s+(\d+) requests in /m.exec(output);
  if (!rps || !p50 || !p99 || !requests) throw new Error(`wrk: unexpected output: ${output.trim().split('\n').slice(-6).join(' | ')}`);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(output);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const [connect, read, write, timeout] = socket ? socket.slice(1).map(count) : [0, 0, 0, 0];
  const done = Number(requests[1]);
  const socketErrors = (connect ?? 0) + (write ?? 0) + (timeout ?? 0) + Math.max(0, (read ?? 0) - done);
  return {
    rps: Number(rps[1]),
    p50Ms: durationMs(p50[1] as string),
    p99Ms: durationMs(p99[1] as string),
    requests: done,
    errors: (non2xx ? Number(non2xx[1]) : 0) + socketErrors,
  };
}
