import { Worker } from 'node:worker_threads';

/**
 * A single-threaded HTTP server in a worker thread that blocks its event
 * loop for `stallMs` while handling its `stallAt`-th request, then serves
 * everything that queued up meanwhile. The load generator, on the main
 * thread, keeps running during the stall. The stalled request's answer
 * carries the stall as `X-Caplab-Service-Ms` (0 on every other answer), so
 * the test can find it among the records.
 */
export interface StallingServer {
  readonly baseUrl: string;
  close(): Promise<void>;
}

const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
let n = 0;
const server = http.createServer((req, res) => {
  n += 1;
  let stalled = 0;
  if (n === workerData.stallAt) {
    const start = Date.now();
    while (Date.now() - start < workerData.stallMs) {}
    stalled = Date.now() - start;
  }
  res.setHeader('X-Caplab-Service-Ms', String(stalled));
  res.end('ok');
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

export async function startStallingServer(stallAt: number, stallMs: number): Promise<StallingServer> {
  const worker = new Worker(SOURCE, { eval: true, workerData: { stallAt, stallMs } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await worker.terminate();
    },
  };
}
