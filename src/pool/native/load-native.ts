import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { nativeAddonDisabled } from '../../config/index.js';

/** The pool's Node-API addon (src/pool/native/caplab_pool.c; see its header for each call). */
export interface PoolNative {
  listen(host: string, port: number, backlog: number): { fd: number; port: number };
  listenUnix(path: string, backlog: number): { fd: number };
  unixQueueInfo(fd: number): { queue: number; backlog: number };
  createAcceptor(fd: number, callback: (err: Error | null, clientFd?: number) => void): Acceptor;
  tryAccept(fd: number): number;
  queueInfo(fd: number): { queue: number; backlog: number };
  createShared(bytes: number): { fd: number; buffer: ArrayBuffer };
  mapShared(fd: number, bytes: number): ArrayBuffer;
}

/** Accepts one connection per `resume()` from a shared listening socket. */
export interface Acceptor {
  resume(): void;
  close(): void;
}

/** The addon, or why it is not available (one line, for the terminal, results.json and the report). */
export type NativeLoad = { readonly native: PoolNative; readonly reason?: undefined } | { readonly native: null; readonly reason: string };

const BINARY = 'build/Release/caplab_pool.node';
let loaded: NativeLoad | undefined;

/**
 * Loads the addon once per process. It is built at install by
 * build-addon.cjs; it is unavailable on other systems than Linux, when the
 * build failed, or when CAPLAB_NATIVE=0 asks caplab to act as if so.
 * Compiled code in dist/ finds the binary next to the sources in src/.
 */
export function loadNative(): NativeLoad {
  if (loaded) return loaded;
  if (nativeAddonDisabled()) return (loaded = { native: null, reason: 'the native pool addon is disabled (CAPLAB_NATIVE=0)' });
  if (process.platform !== 'linux') return (loaded = { native: null, reason: `the native pool addon needs Linux, not ${process.platform}` });
  const here = fileURLToPath(new URL(`./${BINARY}`, import.meta.url));
  const file = [here, here.replace(/([\\/])dist([\\/]pool[\\/]native[\\/])/, '$1src$2')].find((candidate) => existsSync(candidate));
  if (!file) return (loaded = { native: null, reason: 'the native pool addon was not built (run `npm ci` on Linux with Node headers)' });
  try {
    return (loaded = { native: createRequire(import.meta.url)(file) as PoolNative });
  } catch (err) {
    return (loaded = { native: null, reason: `the native pool addon did not load: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` });
  }
}
