import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { caplabError } from '../../errors.js';

const MARKER = path.join('src', 'app', 'django', 'caplab_site', 'wsgi.py');

/**
 * The directory of caplab's Django project (src/app/django in the package).
 * The Python files are not compiled, so both src/stack/real (under vitest)
 * and dist/stack/real find it by walking up to the package root.
 */
export function djangoProjectDir(fromUrl: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(fromUrl));
  for (;;) {
    if (existsSync(path.join(dir, MARKER))) return path.join(dir, 'src', 'app', 'django');
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw caplabError('E_STACK_START', `cannot find caplab's Django project (${MARKER}) above ${fileURLToPath(fromUrl)}`);
}
