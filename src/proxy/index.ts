/**
 * The Nginx role: a reverse proxy process that serves static files itself
 * and forwards everything else to a uwsgi or HTTP upstream, one connection
 * per request, with nginx's timeouts, 502/504 outcomes and log timings.
 * The rest of caplab imports the proxy only through this module.
 */
export { startProxy, type RunningProxy } from './start-proxy.js';
export { parseProxyOptions, type ProxyOptions, type ProxyConfig, type Upstream } from './proxy-options.js';
export type { AccessLogRecord } from './access-log.js';
export { UPSTREAM_CONNECT_TIME_HEADER } from './forward-request.js';
