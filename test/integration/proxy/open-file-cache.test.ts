import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, symlink, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../../../src/proxy/index.js';
import { stalledUpstream, type FakeUpstream } from './helpers/fake-upstreams.js';

const agent = new Agent();
let upstream: FakeUpstream;
let base: string;
let dir: string;
let proxy: RunningProxy | undefined;

beforeEach(async () => {
  upstream = await stalledUpstream();
  base = await mkdtemp(path.join(tmpdir(), 'caplab-filecache-'));
  dir = path.join(base, 'site');
  await writeFile(path.join(base, 'secret.txt'), 'SECRET');
  await mkdir(dir);
});
afterEach(async () => {
  await proxy?.stop();
  proxy = undefined;
  await upstream.close();
  await rm(base, { recursive: true, force: true });
});
afterAll(() => agent.close());

async function serve(openFileCacheValidMs?: number): Promise<RunningProxy> {
  proxy = await startProxy({
    upstream: { host: '127.0.0.1', port: upstream.port, protocol: 'uwsgi' },
    staticDir: dir,
    ...(openFileCacheValidMs === undefined ? {} : { openFileCacheValidMs }),
  });
  return proxy;
}

async function get(p: RunningProxy, file: string): Promise<{ status: number; body: Buffer; length: string | undefined; etag: string | undefined }> {
  const res = await request(`${p.url}/static/${file}`, { dispatcher: agent });
  const body = Buffer.from(await res.body.arrayBuffer());
  return { status: res.statusCode, body, length: res.headers['content-length'] as string | undefined, etag: res.headers.etag as string | undefined };
}

/** Polls until `file` is served with `status` (and `body`), returning how long that took in ms. */
async function until(p: RunningProxy, file: string, status: number, body?: Buffer | string, timeout = 5_000): Promise<number> {
  const started = performance.now();
  await expect
    .poll(
      async () => {
        const res = await get(p, file);
        return res.status === status && (body === undefined || res.body.equals(Buffer.from(body)));
      },
      { timeout, interval: 25 },
    )
    .toBe(true);
  return performance.now() - started;
}

describe('the static open-file cache', () => {
  it('serves a cached body without reading the disk again within the validity window', async () => {
    await writeFile(path.join(dir, 'page.txt'), 'version one');
    const p = await serve(3_600_000);
    expect((await get(p, 'page.txt')).body.toString()).toBe('version one');
    await writeFile(path.join(dir, 'page.txt'), 'version two!');
    const again = await get(p, 'page.txt');
    expect(again.body.toString(), 'an hour-long window trusts the cache').toBe('version one');
    expect(again.length).toBe('11');
  });

  it('notices a file rewritten in place within the default window (1 s), with matching length and ETag', async () => {
    await writeFile(path.join(dir, 'page.txt'), 'version one');
    const p = await serve();
    const first = await get(p, 'page.txt');
    expect(first.body.toString()).toBe('version one');
    await writeFile(path.join(dir, 'page.txt'), 'version two, longer');
    const took = await until(p, 'page.txt', 200, 'version two, longer');
    expect(took, 'noticed within the window (plus slack for a busy machine)').toBeLessThan(1_000 + 1_500);
    const now = await get(p, 'page.txt');
    expect(now.length).toBe(String('version two, longer'.length));
    expect(now.etag).not.toBe(first.etag);
  });

  it('answers 404 once a cached file is deleted, and serves a new file at once (no negative caching)', async () => {
    await writeFile(path.join(dir, 'gone.txt'), 'here');
    const p = await serve(200);
    expect((await get(p, 'gone.txt')).status).toBe(200);
    await unlink(path.join(dir, 'gone.txt'));
    await until(p, 'gone.txt', 404);

    expect((await get(p, 'later.txt')).status).toBe(404);
    await writeFile(path.join(dir, 'later.txt'), 'appeared');
    const later = await get(p, 'later.txt');
    expect(later.status).toBe(200);
    expect(later.body.toString()).toBe('appeared');
  });

  it('notices a file replaced by rename (a new inode) and a large streamed file rewritten', async () => {
    const big1 = randomBytes(200 * 1024);
    const big2 = randomBytes(150 * 1024);
    await writeFile(path.join(dir, 'app.js'), 'old()');
    await writeFile(path.join(dir, 'big.bin'), big1);
    const p = await serve(200);
    expect((await get(p, 'app.js')).body.toString()).toBe('old()');
    expect((await get(p, 'big.bin')).body.equals(big1)).toBe(true);
    await writeFile(path.join(dir, 'app.js.tmp'), 'new()');
    await rename(path.join(dir, 'app.js.tmp'), path.join(dir, 'app.js'));
    await writeFile(path.join(dir, 'big.bin'), big2);
    await until(p, 'app.js', 200, 'new()');
    await until(p, 'big.bin', 200, big2);
  });

  it('closes the connection when a streamed file shrank under a cached size, instead of leaving the client waiting', async () => {
    const big = randomBytes(200 * 1024);
    await writeFile(path.join(dir, 'big.bin'), big);
    const p = await serve(3_600_000);
    expect((await get(p, 'big.bin')).body.equals(big)).toBe(true);
    // Still cached as 200 KiB for an hour: the next response promises that
    // many bytes, and the file now has half.
    await truncate(path.join(dir, 'big.bin'), 100 * 1024);
    const started = performance.now();
    const outcome = await get(p, 'big.bin').then(
      (res) => `answered ${res.body.length} bytes`,
      (err: unknown) => `failed: ${(err as Error).message}`,
    );
    expect(outcome).toMatch(/^failed/);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('refuses a cached symlink once it is re-pointed out of the directory', async () => {
    await writeFile(path.join(dir, 'inside.txt'), 'inside');
    await symlink(path.join(dir, 'inside.txt'), path.join(dir, 'link.txt'));
    const p = await serve(200);
    expect((await get(p, 'link.txt')).body.toString()).toBe('inside');
    await unlink(path.join(dir, 'link.txt'));
    await symlink(path.join(base, 'secret.txt'), path.join(dir, 'link.txt'));
    await until(p, 'link.txt', 403);
    expect((await get(p, 'link.txt')).body.toString()).not.toContain('SECRET');
  });

  it('with openFileCacheValidMs 0, checks the file on every request', async () => {
    await writeFile(path.join(dir, 'page.txt'), 'one');
    const p = await serve(0);
    expect((await get(p, 'page.txt')).body.toString()).toBe('one');
    await writeFile(path.join(dir, 'page.txt'), 'two!');
    expect((await get(p, 'page.txt')).body.toString()).toBe('two!');
  });
});
