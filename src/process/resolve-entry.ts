import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Path of the compiled JavaScript entry `relative` (e.g. `./worker-main.js`)
 * next to the module at `fromUrl`. Child processes always run compiled code:
 * when the caller itself runs from `src/*.ts` (under vitest), the path is
 * mapped onto the same place in `dist/`, which `npm test` builds first.
 */
export function resolveEntry(fromUrl: string, relative: string): string {
  const direct = fileURLToPath(new URL(relative, fromUrl));
  if (existsSync(direct)) return direct;
  const mapped = direct.replace(/([\\/])src([\\/])/, '$1dist$2');
  if (existsSync(mapped)) return mapped;
  throw new Error(`cannot find ${relative} (looked at ${direct} and ${mapped}); run \`npm run build\``);
}
