import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../../../src/proxy/index.js';
import { stalledUpstream, type FakeUpstream } from './helpers/fake-upstreams.js';
import { rawGet, rawRequest } from './helpers/raw-http.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/static');
const SECRET = 'TOP-SECRET-OUTSIDE-THE-STATIC-DIR';

const agent = new Agent();
let upstream: FakeUpstream;
let proxy: RunningProxy;
let base: string;
let site: RunningProxy;
let bigFile: Buffer;

beforeAll(async () => {
  upstream = await stalledUpstream();
  proxy = await startProxy({ upstream: { host: '127.0.0.1', port: upstream.port, protocol: 'uwsgi' }, staticDir: FIXTURES });

  // base/secret.txt lies next to the static dir base/site; symlinks inside point out of it.
  base = await mkdtemp(path.join(tmpdir(), 'caplab-static-'));
  await writeFile(path.join(base, 'secret.txt'), SECRET);
  await mkdir(path.join(base, 'site', 'sub'), { recursive: true });
  await writeFile(path.join(base, 'site', 'ok.txt'), 'inside');
  await writeFile(path.join(base, 'site', 'sub', 'inner.txt'), 'inner');
  bigFile = randomBytes(300 * 1024);
  await writeFile(path.join(base, 'site', 'big.bin'), bigFile);
  await symlink(path.join(base, 'secret.txt'), path.join(base, 'site', 'link-out.txt'));
  await symlink(base, path.join(base, 'site', 'dir-link'));
  await symlink(path.join(base, 'site', 'ok.txt'), path.join(base, 'site', 'link-in.txt'));
  site = await startProxy({
    upstream: { host: '127.0.0.1', port: upstream.port, protocol: 'uwsgi' },
    staticDir: path.join(base, 'site'),
    staticPrefix: '/assets/',
  });
});

afterAll(async () => {
  await Promise.all([proxy?.stop(), site?.stop()]);
  await upstream?.close();
  await agent.close();
  if (base) await rm(base, { recursive: true, force: true });
});

describe('static files', () => {
  it.each([
    ['hello.txt', 'text/plain'],
    ['index.html', 'text/html'],
    ['css/site.css', 'text/css'],
    ['js/app.js', 'application/javascript'],
    ['data.json', 'application/json'],
    ['pixel.png', 'image/png'],
    ['README.md', 'application/octet-stream'],
  ])('serves /static/%s as %s while the upstream is stalled', async (file, type) => {
    const res = await request(`${proxy.url}/static/${file}`, { dispatcher: agent });
    const body = Buffer.from(await res.body.arrayBuffer());
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(body.equals(await readFile(path.join(FIXTURES, file)))).toBe(true);
    expect(res.headers['content-length']).toBe(String(body.length));
    expect(res.headers['last-modified']).toEqual(expect.any(String));
  });

  it('keeps serving static files while dynamic requests hang on the stalled upstream', async () => {
    const hanging = fetch(`${proxy.url}/app/slow`, { signal: AbortSignal.timeout(20_000) }).catch((err: unknown) => err);
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (let i = 0; i < 20; i++) {
      const res = await request(`${proxy.url}/static/hello.txt`, { dispatcher: agent });
      expect(res.statusCode).toBe(200);
      expect(await res.body.text()).toBe('hello from the static dir\n');
    }
    expect(upstream.connections(), 'only the dynamic request reached the upstream').toBe(1);
    await proxy.stop();
    expect(await hanging).toBeInstanceOf(Error);
    proxy = await startProxy({ upstream: { host: '127.0.0.1', port: upstream.port, protocol: 'uwsgi' }, staticDir: FIXTURES });
  });

  it('answers HEAD with the headers only, 304 to a matching If-None-Match, 404 when missing, 405 for POST', async () => {
    const head = await request(`${proxy.url}/static/hello.txt`, { method: 'HEAD', dispatcher: agent });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe('26');
    expect(await head.body.text()).toBe('');

    const etag = String(head.headers.etag);
    const cached = await request(`${proxy.url}/static/hello.txt`, { headers: { 'if-none-match': etag }, dispatcher: agent });
    expect(cached.statusCode).toBe(304);
    expect(await cached.body.text()).toBe('');

    const missing = await request(`${proxy.url}/static/nope.txt`, { dispatcher: agent });
    expect(missing.statusCode).toBe(404);
    expect(await missing.body.text()).toContain('404 Not Found');

    const post = await request(`${proxy.url}/static/hello.txt`, { method: 'POST', body: 'x', dispatcher: agent });
    expect(post.statusCode).toBe(405);
    await post.body.text();

    const dir = await request(`${proxy.url}/static/css/`, { dispatcher: agent });
    expect(dir.statusCode).toBe(403);
    await dir.body.text();
  });

  it('streams a file larger than one read, under a custom prefix, and follows symlinks that stay inside', async () => {
    const big = await request(`${site.url}/assets/big.bin`, { dispatcher: agent });
    expect(big.statusCode).toBe(200);
    expect(Buffer.from(await big.body.arrayBuffer()).equals(bigFile)).toBe(true);
    const inner = await request(`${site.url}/assets/sub/inner.txt`, { dispatcher: agent });
    expect(await inner.body.text()).toBe('inner');
    const linkIn = await request(`${site.url}/assets/link-in.txt`, { dispatcher: agent });
    expect(await linkIn.body.text()).toBe('inside');
  });

  it.each([
    '/assets/../secret.txt',
    '/assets/%2e%2e/secret.txt',
    '/assets/%2E%2E/%2e%2e/etc/passwd',
    '/assets/..%2fsecret.txt',
    '/assets/..%2Fsecret.txt',
    '/assets/sub%2f..%2f..%2fsecret.txt',
    '/assets/sub/../../secret.txt',
    '/assets/./../secret.txt',
    '/assets/%5c..%5csecret.txt',
    '/assets/..\\secret.txt',
    '/assets//etc/passwd',
    '/assets/%2fetc%2fpasswd',
    '/assets/link-out.txt',
    '/assets/dir-link/secret.txt',
    '/assets/%00',
    'http://evil.test/assets/../secret.txt',
  ])('refuses %s without reading outside the dir or reaching the upstream', async (target) => {
    const before = upstream.connections();
    const res = await rawRequest(site.port, rawGet(target));
    expect(upstream.connections()).toBe(before);
    expect([400, 403, 404]).toContain(res.status);
    expect(res.body).not.toContain(SECRET);
    expect(res.body).not.toContain('root:');
  });

  it('serves a plain file from the same site (the refusals above are not blanket)', async () => {
    const ok = await rawRequest(site.port, rawGet('/assets/ok.txt'));
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('inside');
  });
});
