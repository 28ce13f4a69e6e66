import { describe, expect, it } from 'vitest';
import { nginxMs, nginxQuote, renderNginxConf, type NginxConfInput } from '../../../src/stack/real/render-nginx-conf.js';

const BASE: NginxConfInput = {
  prefix: '/tmp/caplab-nginx-abc',
  host: '127.0.0.1',
  port: 8080,
  upstream: { host: '127.0.0.1', port: 9001, protocol: 'uwsgi' },
  staticPrefix: '/static/',
  connectTimeoutMs: 1000,
  sendTimeoutMs: 2000,
  readTimeoutMs: 250.2,
  asRoot: false,
  uwsgiParams: '/etc/nginx/uwsgi_params',
};

describe('renderNginxConf', () => {
  it('runs nginx in the foreground with one worker and every writable path under the prefix', () => {
    const conf = renderNginxConf(BASE);
    expect(conf).toContain('daemon off;');
    expect(conf).toContain('master_process on;');
    expect(conf).toContain('worker_processes 1;');
    expect(conf).toContain('pid "/tmp/caplab-nginx-abc/nginx.pid";');
    expect(conf).toContain('error_log "/tmp/caplab-nginx-abc/error.log" warn;');
    for (const kind of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
      expect(conf).toMatch(new RegExp(`${kind}_temp_path "/tmp/caplab-nginx-abc/tmp/\\w+";`));
    }
    expect(conf).not.toContain('/var/');
    expect(conf).toContain('listen 127.0.0.1:8080;');
    expect(conf).not.toContain('user ');
  });

  it('forwards over uwsgi with the timeouts in ms and stamps X-Request-Start from $msec', () => {
    const conf = renderNginxConf(BASE);
    expect(conf).toContain('include "/etc/nginx/uwsgi_params";');
    expect(conf).toContain('uwsgi_pass 127.0.0.1:9001;');
    expect(conf).toContain('uwsgi_connect_timeout 1000ms;');
    expect(conf).toContain('uwsgi_send_timeout 2000ms;');
    expect(conf).toContain('uwsgi_read_timeout 251ms;');
    expect(conf).toContain('uwsgi_param HTTP_X_REQUEST_START "t=${msec}";');
    expect(conf).not.toContain('proxy_pass');
  });

  it('sends the upstream connect time on every forwarded response, in the location that forwards', () => {
    for (const protocol of ['uwsgi', 'http'] as const) {
      const conf = renderNginxConf({ ...BASE, staticDir: '/srv/static', upstream: { ...BASE.upstream, protocol } });
      const forwarding = /location \/ \{\n([\s\S]*?)\n *\}\n/.exec(conf)?.[1] ?? '';
      expect(forwarding).toContain('add_header X-Caplab-Upstream-Connect-Time $upstream_connect_time always;');
      expect(conf.match(/X-Caplab-Upstream-Connect-Time/g)).toHaveLength(1);
    }
  });

  it('forwards over HTTP with proxy_pass when the upstream speaks http', () => {
    const conf = renderNginxConf({ ...BASE, upstream: { host: '::1', port: 9001, protocol: 'http' } });
    expect(conf).toContain('proxy_pass http://[::1]:9001;');
    expect(conf).toContain('proxy_set_header X-Request-Start "t=${msec}";');
    expect(conf).toContain('proxy_read_timeout 251ms;');
    expect(conf).not.toContain('uwsgi_pass');
  });

  it('serves the static dir under the prefix with alias, only when given', () => {
    expect(renderNginxConf(BASE)).not.toContain('alias');
    const conf = renderNginxConf({ ...BASE, staticDir: '/srv/files/', staticPrefix: '/assets/' });
    expect(conf).toMatch(/location "\/assets\/" \{\s+alias "\/srv\/files\/";\s+\}/);
    expect(conf.indexOf('location "/assets/"')).toBeLessThan(conf.indexOf('location / {'));
  });

  it('writes a JSON access log with nginx timings only when asked', () => {
    expect(renderNginxConf(BASE)).toContain('access_log off;');
    const conf = renderNginxConf({ ...BASE, accessLog: '/tmp/access.jsonl' });
    expect(conf).toContain('access_log "/tmp/access.jsonl" caplab_json;');
    for (const v of ['$request_time', '$upstream_connect_time', '$upstream_header_time', '$upstream_response_time']) {
      expect(conf).toContain(v);
    }
    expect(conf).toContain('escape=json');
  });

  it('says `user root;` when started as root, so workers can read the 0700 temp dir', () => {
    expect(renderNginxConf({ ...BASE, asRoot: true })).toMatch(/^user root;$/m);
  });

  it('quotes paths and refuses `$`, which nginx cannot escape', () => {
    expect(nginxQuote('/a "b"\\c')).toBe('"/a \\"b\\"\\\\c"');
    expect(() => nginxQuote('/tmp/$HOME')).toThrow(/cannot take a path containing '\$'/);
    expect(nginxMs(0)).toBe('1ms');
    expect(nginxMs(1499.1)).toBe('1500ms');
  });
});
