import { CaplabError } from '../../errors.js';
import type { Upstream } from '../../proxy/index.js';

/** Everything `renderNginxConf` needs; paths are absolute. */
export interface NginxConfInput {
  /** The temp prefix dir: pid file, error log and temp paths live here. */
  readonly prefix: string;
  readonly host: string;
  readonly port: number;
  readonly upstream: Upstream;
  readonly staticDir?: string | undefined;
  readonly staticPrefix: string;
  readonly connectTimeoutMs: number;
  readonly sendTimeoutMs: number;
  readonly readTimeoutMs: number;
  readonly accessLog?: string | undefined;
  /** True when nginx starts as root: workers then run as root too (see below). */
  readonly asRoot: boolean;
  readonly uwsgiParams: string;
  readonly mimeTypes?: string | undefined;
}

/** One nginx string argument, double-quoted. nginx cannot escape `$`, so paths holding it are refused. */
export function nginxQuote(value: string): string {
  if (value.includes('$')) {
    throw new CaplabError('E_STACK_START', `nginx cannot take a path containing '$': ${value}`);
  }
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** host:port as nginx writes it (IPv6 in brackets). */
export function nginxAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** nginx takes times with a unit; whole milliseconds, at least 1. */
export function nginxMs(ms: number): string {
  return `${Math.max(1, Math.ceil(ms))}ms`;
}

/**
 * One JSON object per request. nginx writes these times in seconds with ms
 * resolution; the upstream ones are quoted because they may be '-' (no
 * upstream) or a comma-separated list.
 */
export const ACCESS_LOG_FORMAT =
  '{"msec":$msec,"status":$status,"method":"$request_method","uri":"$request_uri",' +
  '"request_time":$request_time,"upstream_connect_time":"$upstream_connect_time",' +
  '"upstream_header_time":"$upstream_header_time","upstream_response_time":"$upstream_response_time",' +
  '"upstream_status":"$upstream_status","bytes_sent":$bytes_sent}';

/**
 * Sent on every forwarded response (errors too), as caplab's own proxy sends
 * it: the connect to the pool in seconds with ms resolution, SYN retries
 * included, which is how a request that waited on a full accept queue shows.
 */
export const CONNECT_TIME_HEADER = 'add_header X-Caplab-Upstream-Connect-Time $upstream_connect_time always;';

function upstreamBlock(input: NginxConfInput): string[] {
  const { upstream } = input;
  const target = upstream.path !== undefined ? `unix:${upstream.path}` : nginxAddress(upstream.host, upstream.port);
  const timeouts = (kind: string): string[] => [
    `${kind}_connect_timeout ${nginxMs(input.connectTimeoutMs)};`,
    `${kind}_send_timeout ${nginxMs(input.sendTimeoutMs)};`,
    `${kind}_read_timeout ${nginxMs(input.readTimeoutMs)};`,
  ];
  if (input.upstream.protocol === 'uwsgi') {
    return [
      `include ${nginxQuote(input.uwsgiParams)};`,
      // Request queueing as APM agents measure it: nginx's $msec is seconds with a ms fraction.
      'uwsgi_param HTTP_X_REQUEST_START "t=${msec}";',
      `uwsgi_pass ${target};`,
      ...timeouts('uwsgi'),
      CONNECT_TIME_HEADER,
    ];
  }
  return [
    'proxy_set_header Host $host;',
    'proxy_set_header X-Request-Start "t=${msec}";',
    `proxy_pass http://${target};`,
    ...timeouts('proxy'),
    CONNECT_TIME_HEADER,
  ];
}

/**
 * The nginx.conf of one proxy: foreground (`daemon off`), one worker, every
 * writable path under `prefix` so nothing touches /var. When nginx starts as
 * root its workers would switch to `nobody`, who cannot enter the 0700 temp
 * dir, so the config says `user root;` then.
 */
export function renderNginxConf(input: NginxConfInput): string {
  const p = (name: string): string => nginxQuote(`${input.prefix}/${name}`);
  const indent = (lines: string[], depth: number): string[] => lines.map((l) => `${'  '.repeat(depth)}${l}`);
  const staticLocation = input.staticDir === undefined ? [] : [
    `location ${nginxQuote(input.staticPrefix)} {`,
    `  alias ${nginxQuote(`${input.staticDir.replace(/\/+$/, '')}/`)};`,
    '}',
  ];
  const server = [
    `listen ${nginxAddress(input.host, input.port)};`,
    'server_name _;',
    ...staticLocation,
    'location / {',
    ...indent(upstreamBlock(input), 1),
    '}',
  ];
  const http = [
    ...(input.mimeTypes ? [`include ${nginxQuote(input.mimeTypes)};`] : []),
    'default_type application/octet-stream;',
    'sendfile on;',
    'server_tokens off;',
    `client_body_temp_path ${p('tmp/body')};`,
    `proxy_temp_path ${p('tmp/proxy')};`,
    `fastcgi_temp_path ${p('tmp/fastcgi')};`,
    `uwsgi_temp_path ${p('tmp/uwsgi')};`,
    `scgi_temp_path ${p('tmp/scgi')};`,
    `log_format caplab_json escape=json '${ACCESS_LOG_FORMAT}';`,
    input.accessLog === undefined ? 'access_log off;' : `access_log ${nginxQuote(input.accessLog)} caplab_json;`,
    'server {',
    ...indent(server, 1),
    '}',
  ];
  return [
    '# Written by caplab for one proxy; removed when it stops.',
    ...(input.asRoot ? ['user root;'] : []),
    'daemon off;',
    'master_process on;',
    'worker_processes 1;',
    `pid ${p('nginx.pid')};`,
    `error_log ${p('error.log')} warn;`,
    'events {',
    '  worker_connections 4096;',
    '}',
    'http {',
    ...indent(http, 1),
    '}',
    '',
  ].join('\n');
}
