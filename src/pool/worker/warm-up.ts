import net from 'node:net';
import { withTiming, type AppResponse } from '../../app/index.js';
import { encodeRequest } from '../../uwsgi/index.js';
import { serveConnection, type ServeContext } from './serve-connection.js';

/** How long the warm-up may take before the worker gives up on it and starts anyway. */
const WARM_UP_LIMIT_MS = 2_000;

/**
 * Runs one synthetic request through the worker's own serving path (a
 * loopback socket, the protocol reader, the timing wrapper, the response
 * writer), with a stand-in app, so the first real request does not pay for
 * lazy initialisation (tens of ms on a busy machine). The user's app is
 * never called. Resolves when done, or quietly after WARM_UP_LIMIT_MS or on
 * any failure: warming up is an optimisation, never a reason not to start.
 */
export async function warmUp(ctx: ServeContext): Promise<void> {
  const server = net.createServer();
  const timer = new Promise<void>((resolve) => setTimeout(resolve, WARM_UP_LIMIT_MS).unref());
  const run = async (): Promise<void> => {
    const served = new Promise<void>((resolve) => {
      server.once('connection', (socket) => {
        const stub: AppResponse = { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'warm' };
        void serveConnection(socket, Date.now(), { ...ctx, handler: withTiming(() => stub, { core: ctx.core }) }).then(() => resolve());
      });
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
    const client = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
    client.on('error', () => undefined);
    client.on('data', () => undefined);
    const request =
      ctx.protocol === 'uwsgi' ? encodeRequest({ REQUEST_METHOD: 'GET', PATH_INFO: '/', QUERY_STRING: '' }) : Buffer.from('GET / HTTP/1.1\r\nHost: warm-up\r\n\r\n');
    client.end(request);
    await served;
    await new Promise<void>((resolve) => client.once('close', () => resolve()));
  };
  try {
    await Promise.race([run(), timer]);
  } catch {
    // warming up is best effort
  } finally {
    server.close();
  }
}
