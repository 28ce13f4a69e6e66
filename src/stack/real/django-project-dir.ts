import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { caplabError } from '../../errors.js';

/**
 * The package directory holding `marker` (a path under the package root),
 * found by walking up from `fromUrl`. The Python files are not compiled, so
 * both src/stack/real (under vitest) and dist/stack/real find them this way.
 */
function packageDir(marker: string, fromUrl: string): string {
  let dir = path.dirname(fileURLToPath(fromUrl));
  for (;;) {
    if (existsSync(path.join(dir, marker))) return path.join(dir, path.dirname(marker));
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw caplabError('E_STACK_START', `cannot find caplab's ${marker} above ${fileURLToPath(fromUrl)}`);
}

/** The directory of caplab's Django project (src/app/django in the package). */
export function djangoProjectDir(fromUrl: string = import.meta.url): string {
  return path.dirname(packageDir(path.join('src', 'app', 'django', 'caplab_site', 'wsgi.py'), fromUrl));
}

/** The directory of caplab's WSGI wrapper, caplab_wsgi.py (src/app/wsgi in the package). */
export function wsgiWrapperDir(fromUrl: string = import.meta.url): string {
  return packageDir(path.join('src', 'app', 'wsgi', 'caplab_wsgi.py'), fromUrl);
}
