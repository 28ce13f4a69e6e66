import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { caplabError } from '../errors.js';
import { handler as sampleHandler } from './sample-app.js';
import type { Handler } from './types.js';

/** The name that selects caplab's built-in sample app. */
export const SAMPLE_APP = 'sample';

/**
 * Loads an app: 'sample' gives the built-in sample app; anything else is
 * the path of a JavaScript module (relative paths from the current
 * directory) whose `handler` export is a function (a CommonJS module may
 * set `module.exports.handler`). Rejects with CaplabError E_APP_LOAD when
 * the file is missing, fails to import, or has no `handler` function.
 */
export async function loadApp(spec: string): Promise<Handler> {
  if (spec === SAMPLE_APP) return sampleHandler;
  const file = path.resolve(spec);
  if (!existsSync(file)) throw caplabError('E_APP_LOAD', `app module ${file} does not exist`);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (err) {
    throw caplabError('E_APP_LOAD', `app module ${file} failed to load: ${firstLine(err)}`, { cause: err });
  }
  const fallback = mod.default as Record<string, unknown> | undefined;
  const handler = mod.handler ?? (fallback !== null && typeof fallback === 'object' ? fallback.handler : undefined);
  if (typeof handler !== 'function') {
    throw caplabError('E_APP_LOAD', `app module ${file} has no \`handler\` function export (got ${typeof handler})`);
  }
  return handler as Handler;
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
