import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProxyOptions } from '../../../src/proxy/index.js';
import { renderNginxConf } from '../../../src/stack/real/render-nginx-conf.js';

const thrown = (options: Parameters<typeof parseProxyOptions>[0]): Error & { code?: string } => {
  try {
    parseProxyOptions(options);
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error('expected parseProxyOptions to throw');
};

describe('an upstream on a unix socket', () => {
  it('takes a path instead of host and port, made absolute', () => {
    const config = parseProxyOptions({ upstream: { path: 'run/pool.sock', protocol: 'uwsgi' } });
    expect(config.upstream).toEqual({ path: path.resolve('run/pool.sock'), protocol: 'uwsgi' });
  });

  it('names host and port when neither they nor a path is given, and refuses a path with a host', () => {
    const missing = thrown({ upstream: { protocol: 'uwsgi' } });
    expect(missing.code).toBe('E_USAGE');
    expect(missing.message).toContain('upstream.host is required');
    expect(missing.message).toContain('upstream.port is required');
    const both = thrown({ upstream: { path: '/tmp/p.sock', host: '127.0.0.1', protocol: 'uwsgi' } });
    expect(both.message).toContain('upstream.host');
  });

  it("is nginx's uwsgi_pass unix:/path", () => {
    const conf = renderNginxConf({
      prefix: '/tmp/caplab-nginx-abc',
      host: '127.0.0.1',
      port: 8080,
      upstream: { path: '/tmp/caplab-stack-x/pool.sock', protocol: 'uwsgi' },
      staticPrefix: '/static/',
      connectTimeoutMs: 1000,
      sendTimeoutMs: 1000,
      readTimeoutMs: 1000,
      asRoot: false,
      uwsgiParams: '/etc/nginx/uwsgi_params',
    });
    expect(conf).toContain('uwsgi_pass unix:/tmp/caplab-stack-x/pool.sock;');
  });
});
