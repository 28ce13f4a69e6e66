/**
 * Options and handles of the real roles: the embedded proxy's and pool's
 * own types, so `stack/` can start either behind one interface, and tsc
 * says so the day the two drift apart. All times are wall-clock ms.
 */
import type { PoolOptions, RunningPool } from '../../pool/index.js';
import type { ProcessExit } from '../../process/index.js';
import type { ProxyOptions, RunningProxy } from '../../proxy/index.js';
import type { WsgiApp } from './wsgi-app.js';

export type { WsgiApp };

export type { RunningPool, RunningProxy };

/** nginx's handle: the embedded proxy's, plus how nginx (or its keeper) ends. */
export interface RunningNginx extends RunningProxy {
  /** Resolves when nginx's master or its keeper exits, for whatever reason (stop() included). */
  readonly exited: Promise<ProcessExit>;
}

/** How the proxy talks to the pool. */
export type UpstreamProtocol = 'uwsgi' | 'http';

/** Options of `startNginxProxy`: exactly the embedded proxy's (validated by parseProxyOptions). */
export type NginxProxyOptions = ProxyOptions;

/**
 * Options of `startUwsgiPool`: the embedded pool's, except `app`, which can
 * only be caplab's sample app, here in its Django form: 'django' or
 * 'sample' (the default) mean the same thing; `wsgi` serves another WSGI
 * app instead.
 */
export type UwsgiPoolOptions = Omit<PoolOptions, 'app'> & { readonly app?: 'django' | 'sample'; readonly wsgi?: WsgiApp | undefined };
