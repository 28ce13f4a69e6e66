import { encodeRequest } from '../uwsgi/index.js';
import type { Rng } from '../random/index.js';
import { HEADERS, METHODS, PATHS } from './dictionary.js';
import { chance, intBetween, pick, randomBytes } from './pick.js';

/**
 * Draws a well-formed uwsgi request packet, as nginx's `uwsgi_pass` would
 * send it: modifiers 0, the CGI vars of a request drawn from the
 * dictionary (some optional vars left out, some HTTP_* vars added), and a
 * body whose length is CONTENT_LENGTH. Every packet built here is one a
 * correct pool answers with a response.
 */
export function generateUwsgiPacket(rng: Rng): Buffer {
  const method = pick(rng, METHODS);
  const target = pick(rng, PATHS);
  const q = target.indexOf('?');
  const body = method !== 'GET' && method !== 'HEAD' && chance(rng, 0.5) ? randomBytes(rng, intBetween(rng, 0, 2048)) : Buffer.alloc(0);
  const vars: [string, string][] = [
    ['REQUEST_METHOD', method],
    ['REQUEST_URI', target],
    ['PATH_INFO', q < 0 ? target : target.slice(0, q)],
    ['QUERY_STRING', q < 0 ? '' : target.slice(q + 1)],
    ['SERVER_PROTOCOL', chance(rng, 0.9) ? 'HTTP/1.1' : 'HTTP/1.0'],
    ['REMOTE_ADDR', '127.0.0.1'],
    ['SERVER_NAME', 'localhost'],
    ['SERVER_PORT', '80'],
  ];
  if (body.length > 0 || chance(rng, 0.5)) vars.push(['CONTENT_LENGTH', body.length > 0 || chance(rng, 0.5) ? String(body.length) : '']);
  if (chance(rng, 0.3)) vars.push(['CONTENT_TYPE', 'text/plain']);
  for (let i = intBetween(rng, 0, 3); i > 0; i -= 1) {
    const [name, values] = pick(rng, HEADERS);
    vars.push([`HTTP_${name.toUpperCase().replace(/-/g, '_')}`, pick(rng, values)]);
  }
  // Optional vars may be missing: nginx always sends them, other clients may not.
  const kept = vars.filter(([key], i) => i < 2 || !chance(rng, 0.05) || key === 'CONTENT_LENGTH');
  return encodeRequest(kept, body);
}
