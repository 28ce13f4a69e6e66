import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { CaplabError } from '../errors.js';

/** Folder of the built-in scenarios: `<package root>/scenarios`, found from this module (src/ or dist/ alike). */
export const BUILTIN_SCENARIO_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * Turns a scenario argument into an absolute file path: an existing file
 * (relative to the working directory), or the name of a built-in scenario
 * (`poisson-mmc` → `<package>/scenarios/poisson-mmc.yaml`). Throws
 * E_SCENARIO_NOT_FOUND naming the argument otherwise.
 */
export function resolveScenario(nameOrPath: string): string {
  const asFile = path.resolve(nameOrPath);
  if (isFile(asFile)) return asFile;
  const looksLikePath = nameOrPath.includes('/') || nameOrPath.includes(path.sep) || /\.ya?ml$/i.test(nameOrPath);
  if (!looksLikePath) {
    for (const ext of ['.yaml', '.yml']) {
      const builtin = path.join(BUILTIN_SCENARIO_DIR, `${nameOrPath}${ext}`);
      if (isFile(builtin)) return builtin;
    }
    throw new CaplabError('E_SCENARIO_NOT_FOUND', `no scenario file or built-in scenario named "${nameOrPath}"`);
  }
  throw new CaplabError('E_SCENARIO_NOT_FOUND', `scenario file not found: ${nameOrPath}`);
}

/** A built-in scenario as `caplab scenarios` lists it. */
export interface ScenarioListing {
  readonly name: string;
  readonly description: string;
  readonly file: string;
}

/**
 * The built-in scenarios, sorted by name, with their descriptions. Only
 * reads each file's `name` and `description` (a file that fails validation
 * is still listed; `caplab run` reports its problems).
 */
export function listScenarios(): ScenarioListing[] {
  if (!existsSync(BUILTIN_SCENARIO_DIR)) return [];
  const files = readdirSync(BUILTIN_SCENARIO_DIR).filter((f) => /\.ya?ml$/i.test(f));
  const list = files.map((f): ScenarioListing => {
    const file = path.join(BUILTIN_SCENARIO_DIR, f);
    let doc: unknown;
    try {
      doc = parse(readFileSync(file, 'utf8'));
    } catch {
      doc = null;
    }
    const fields = doc !== null && typeof doc === 'object' ? (doc as Record<string, unknown>) : {};
    const name = typeof fields['name'] === 'string' ? fields['name'] : f.replace(/\.ya?ml$/i, '');
    const description = typeof fields['description'] === 'string' ? fields['description'].trim() : '';
    return { name, description, file };
  });
  return list.sort((a, b) => a.name.localeCompare(b.name));
}
