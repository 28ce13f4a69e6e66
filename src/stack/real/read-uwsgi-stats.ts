import net from 'node:net';

/** One worker in uWSGI's stats JSON (the fields caplab uses; uWSGI sends more). */
export interface UwsgiWorkerStats {
  readonly id: number;
  readonly pid: number;
  readonly accepting: number;
  readonly requests: number;
  readonly exceptions: number;
  readonly harakiri_count: number;
  /** 'idle' | 'busy' | 'cheap' | 'pause' | 'sig' ... */
  readonly status: string;
  readonly respawn_count: number;
  readonly avg_rt: number;
  readonly rss: number;
  readonly [field: string]: unknown;
}

/** uWSGI's stats server JSON (2.0): the fields caplab samples, and the rest untyped. */
export interface UwsgiStats {
  readonly version: string;
  /** Connections waiting in the accept queue, as the master last measured it. */
  readonly listen_queue: number;
  readonly listen_queue_errors: number;
  readonly load: number;
  readonly pid: number;
  readonly sockets: ReadonlyArray<{ readonly name: string; readonly proto: string; readonly queue: number; readonly max_queue: number }>;
  readonly workers: readonly UwsgiWorkerStats[];
  readonly [field: string]: unknown;
}

/**
 * Reads one snapshot from uWSGI's stats server (`--stats host:port`): it
 * writes its JSON on connect and closes. Rejects on a connection error, on
 * invalid JSON, or after `timeoutMs`.
 */
export function readUwsgiStats(host: string, port: number, timeoutMs = 2000): Promise<UwsgiStats> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ host, port });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`uWSGI stats at ${host}:${port} did not answer within ${timeoutMs} ms`)));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('error', reject);
    socket.once('end', () => {
      socket.destroy();
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as UwsgiStats);
      } catch (err) {
        reject(new Error(`uWSGI stats at ${host}:${port} sent invalid JSON`, { cause: err }));
      }
    });
  });
}
