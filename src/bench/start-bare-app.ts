import { forkChild, resolveEntry } from '../process/index.js';

/** The sample app served by one plain Node process (see bare-app-main.ts). */
export interface BareApp {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts bare-app-main in a child process on a free loopback port. */
export async function startBareApp(): Promise<BareApp> {
  const child = await forkChild<{ type: 'ready'; port: number }>(resolveEntry(import.meta.url, './bare-app-main.js'), {});
  return { url: `http://127.0.0.1:${child.ready.port}`, stop: () => child.stop(2000) };
}
