import { createAutocannonLoad } from './autocannon-load.js';
import type { HttpLoad } from './http-load.js';
import { createWrkLoad, wrkVersion } from './wrk-load.js';

/** wrk where installed (the neutral generator), else autocannon; bench.json names the one used. */
export async function chooseLoad(): Promise<HttpLoad> {
  const version = wrkVersion();
  return version !== null ? createWrkLoad(version) : createAutocannonLoad();
}
